import GRDB

/// What adaptive replication reads between rounds.
extension ResultsStore {
  /// The done runs of sweep `id`: `metric` and `baseline_cost` by cell
  /// index and replicate (runs without a value are left out).
  func cellValues(sweep id: Int64, metric: String) throws -> (
    values: [Int: [Int: Double]], onDemand: [Int: [Int: Double]]
  ) {
    precondition(Schema.metricColumns.contains(metric), "not a metric column: \(metric)")
    return try read { db in
      var values: [Int: [Int: Double]] = [:]
      var onDemand: [Int: [Int: Double]] = [:]
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT r.cell_index, r.replicate, m.\(metric) AS value, m.baseline_cost
          FROM runs r JOIN metrics m ON m.run_id = r.id
          WHERE r.sweep_id = ? AND r.status = 'done'
          """, arguments: [id])
      for row in rows {
        let cell: Int = row["cell_index"]
        let replicate: Int = row["replicate"]
        if let value = row["value"] as Double? { values[cell, default: [:]][replicate] = value }
        if let cost = row["baseline_cost"] as Double? {
          onDemand[cell, default: [:]][replicate] = cost
        }
      }
      return (values, onDemand)
    }
  }
}
