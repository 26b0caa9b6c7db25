import GRDB
import Simulation

/// The results cache: runs identified by (model fingerprint, cell content,
/// seed) are copied between sweeps instead of computed again.
extension ResultsStore {
  /// Copies into sweep `id` every run of `runs` whose identity a finished
  /// run of any sweep already has (metrics, seed and wall time as stored
  /// there, `reused_from_sweep` naming it), in one transaction; returns the
  /// run indices copied. The source is always a computed run, never a copy,
  /// and the latest one: after a `--no-cache` sweep, reruns name it.
  func reuseRuns(sweep id: Int64, runs: [PlannedRun], identities: [Int: String]) throws -> Set<Int>
  {
    let metricList = Schema.metricColumns.joined(separator: ", ")
    return try write { db in
      var reused = Set<Int>()
      for run in runs {
        guard let identity = identities[run.index],
          let source = try Row.fetchOne(
            db,
            sql: """
              SELECT id, sweep_id, wall_ms FROM runs
              WHERE identity = ? AND status = 'done' AND sweep_id != ?
                AND reused_from_sweep IS NULL
              ORDER BY id DESC LIMIT 1
              """, arguments: [identity, id])
        else { continue }
        let sourceID: Int64 = source["id"]
        var values = Self.runValues(
          id, run, status: "done", wallMs: source["wall_ms"], reason: nil, identity: identity)
        values[values.count - 1] = (source["sweep_id"] as Int64).databaseValue
        try db.cachedStatement(sql: Self.insertRunSQL).execute(
          arguments: StatementArguments(values))
        let runID = db.lastInsertedRowID
        try db.execute(
          sql: """
            INSERT INTO metrics (run_id, \(metricList))
            SELECT ?, \(metricList) FROM metrics WHERE run_id = ?
            """, arguments: [runID, sourceID])
        reused.insert(run.index)
      }
      return reused
    }
  }

  /// Runs of a sweep computed by it and copied into it from earlier sweeps.
  public func runOrigins(sweep id: Int64) throws -> (computed: Int, reused: Int) {
    try read { db in
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT COUNT(*) - COUNT(reused_from_sweep) AS computed, COUNT(reused_from_sweep) AS reused
          FROM runs WHERE sweep_id = ?
          """, arguments: [id])
      return (row?["computed"] ?? 0, row?["reused"] ?? 0)
    }
  }

  /// Each run's identity (nil for runs stored before the results cache),
  /// keyed by cell key and seed.
  public func runIdentities(sweep id: Int64) throws -> [String: String?] {
    try read { db in
      var result: [String: String?] = [:]
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT c.cell_key, r.seed, r.identity FROM runs r
          JOIN cells c ON c.sweep_id = r.sweep_id AND c.cell_index = r.cell_index
          WHERE r.sweep_id = ?
          """, arguments: [id])
      for row in rows {
        let key: String = row["cell_key"]
        let seed: String = row["seed"]
        result[key + " " + seed] = row["identity"] as String?
      }
      return result
    }
  }

  /// The stored baselines among `identities`, by identity.
  func cachedBaselines(_ identities: [String]) throws -> [String: Simulation.BaselineOutcome] {
    try read { db in
      var result: [String: Simulation.BaselineOutcome] = [:]
      // In chunks: SQLite limits the parameters of one statement.
      for start in stride(from: 0, to: identities.count, by: 500) {
        let chunk = Array(identities[start..<min(identities.count, start + 500)])
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT identity, total_cost, completed_work_hours FROM baselines
            WHERE identity IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
            """, arguments: StatementArguments(chunk))
        for row in rows {
          result[row["identity"]] = Simulation.BaselineOutcome(
            totalCost: row["total_cost"], completedWorkHours: row["completed_work_hours"])
        }
      }
      return result
    }
  }

  /// Stores baselines by identity (one already stored keeps its row: equal
  /// identities have equal values).
  func saveBaselines(_ baselines: [String: Simulation.BaselineOutcome]) throws {
    guard !baselines.isEmpty else { return }
    try write { db in
      for (identity, outcome) in baselines.sorted(by: { $0.key < $1.key }) {
        try db.execute(
          sql: """
            INSERT OR IGNORE INTO baselines (identity, total_cost, completed_work_hours)
            VALUES (?, ?, ?)
            """, arguments: [identity, outcome.totalCost, outcome.completedWorkHours])
      }
    }
  }
}
