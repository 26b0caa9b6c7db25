import Foundation
import GRDB
import Simulation

/// Cells and runs: what a sweep stores and reads back per run.
extension ResultsStore {
  /// The identity of each finished run of sweep `id`, by run index.
  func runIdentities(sweep id: Int64) throws -> [Int: String] {
    try read { db in
      var result: [Int: String] = [:]
      let rows = try Row.fetchCursor(
        db, sql: "SELECT run_index, identity FROM runs WHERE sweep_id = ? AND status = 'done'",
        arguments: [id])
      while let row = try rows.next() {
        if let identity: String = row["identity"] { result[row["run_index"]] = identity }
      }
      return result
    }
  }

  /// Run indices already stored for a sweep.
  func storedRunIndices(sweep id: Int64) throws -> Set<Int> {
    try read { db in
      Set(
        try Int.fetchAll(db, sql: "SELECT run_index FROM runs WHERE sweep_id = ?", arguments: [id]))
    }
  }

  /// Records the cells of a sweep (idempotent: a resumed sweep re-records
  /// nothing).
  public func insertCells(sweep id: Int64, cells: [CellRecord]) throws {
    try write { db in
      for cell in cells {
        try Self.insertCell(
          db, sweep: id, index: cell.index, key: cell.key,
          parameters: Schema.parameterKeys.map { cell.parameters[$0] })
      }
    }
  }

  static let cellColumns =
    ["sweep_id", "cell_index", "cell_key"] + Schema.parameterKeys.map { "p_" + $0 }
  static let insertCellSQL =
    "INSERT OR IGNORE INTO cells (\(cellColumns.joined(separator: ", "))) VALUES (\(cellColumns.map { _ in "?" }.joined(separator: ", ")))"

  static func insertCell(
    _ db: Database, sweep: Int64, index: Int, key: String, parameters: [String?]
  ) throws {
    let values: [(any DatabaseValueConvertible)?] = [sweep, index, key] + parameters
    try db.cachedStatement(sql: insertCellSQL).execute(arguments: StatementArguments(values))
  }

  /// Stores one finished run and its metrics in one transaction.
  public func saveRun(
    sweep id: Int64, run: RunRecord, metrics: RunMetrics, wallMs: Double,
    identity: String? = nil
  ) throws {
    try write { db in
      try Self.insertRun(
        db,
        values: Self.runValues(
          id, run, status: "done", wallMs: wallMs, reason: nil, identity: identity),
        metrics: Self.metricValues(metrics))
    }
  }

  /// Stores a run that produced a non-finite metric: status `failed`, the
  /// reason, and no metrics row (so no NaN or infinity reaches the table).
  public func saveFailedRun(
    sweep id: Int64, run: RunRecord, reason: String, wallMs: Double, identity: String? = nil
  ) throws {
    try write { db in
      try Self.insertRun(
        db,
        values: Self.runValues(
          id, run, status: "failed", wallMs: wallMs, reason: reason, identity: identity),
        metrics: nil)
    }
  }

  /// A run's row in `runColumns` order.
  static func runValues(
    _ sweep: Int64, _ run: RunRecord, status: String, wallMs: Double, reason: String?,
    identity: String? = nil
  ) -> [DatabaseValue] {
    [
      sweep.databaseValue, run.index.databaseValue, run.cell.databaseValue,
      run.replicate.databaseValue, String(run.seed).databaseValue, status.databaseValue,
      wallMs.databaseValue, reason?.databaseValue ?? .null, identity?.databaseValue ?? .null,
      .null,
    ]
  }

  /// Runs of a sweep stored as done and as failed.
  public func runCounts(sweep id: Int64) throws -> (done: Int, failed: Int) {
    try read { db in
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT COUNT(*) FILTER (WHERE status = 'done'), COUNT(*) FILTER (WHERE status = 'failed')
          FROM runs WHERE sweep_id = ?
          """, arguments: [id])
      return (row?[0] ?? 0, row?[1] ?? 0)
    }
  }

  /// Runs of a sweep stored as failed.
  public func failedRunCount(sweep id: Int64) throws -> Int {
    try read { db in
      try Int.fetchOne(
        db, sql: "SELECT COUNT(*) FROM runs WHERE sweep_id = ? AND status = 'failed'",
        arguments: [id]) ?? 0
    }
  }

  static let runColumns =
    [
      "sweep_id", "run_index", "cell_index", "replicate", "seed", "status", "wall_ms",
      "failure_reason", "identity", "reused_from_sweep",
    ]
  static let insertRunSQL =
    "INSERT INTO runs (\(runColumns.joined(separator: ", "))) VALUES (\(runColumns.map { _ in "?" }.joined(separator: ", ")))"
  static let insertMetricsSQL =
    "INSERT INTO metrics (run_id, \(Schema.metricColumns.joined(separator: ", "))) VALUES (?\(String(repeating: ", ?", count: Schema.metricColumns.count)))"

  /// Inserts a run (values in `runColumns` order) and its metrics (none for
  /// a failed run).
  static func insertRun(_ db: Database, values: [DatabaseValue], metrics: [DatabaseValue]?) throws {
    // Cached statements: compiling these inserts dominated their cost.
    try db.cachedStatement(sql: insertRunSQL).execute(arguments: StatementArguments(values))
    guard let metrics else { return }
    let runID = db.lastInsertedRowID
    try db.cachedStatement(sql: insertMetricsSQL).execute(
      arguments: StatementArguments([runID.databaseValue] + metrics))
  }

  /// Metric values in column order.
  static func metricValues(_ metrics: RunMetrics) -> [DatabaseValue] {
    let m = metrics
    let values: [(any DatabaseValueConvertible)?] = [
      m.totalCost, m.spotCost, m.onDemandCost, m.baselineCost, m.savingsPercent, m.tasks,
      m.completed, m.unfinished, m.failed, m.deadlineMisses, m.completionMean, m.completionP50,
      m.completionP95, m.completionP99, m.preemptions, m.instancesReclaimed, m.checkpointsFull,
      m.checkpointsPartial, m.checkpointsRestart, m.workLostHours, m.migratedGiB,
      m.transferHours, m.voluntaryMigrations, m.spotInstanceHours, m.onDemandInstanceHours,
      m.instancesLaunched, m.eventsProcessed, m.gapToOptimal, m.completedWorkHours,
      m.unfinishedWorkHours, m.costPerWorkHour, m.egressCost, m.crunches, m.zoneMigrations,
      m.migrationProblems,
      m.largestMigrationProblem, m.assignmentRegret, m.assignmentRegretNaive,
      m.assignmentRegretBestFit, m.assignmentShortfallNaive, m.assignmentShortfallBestFit,
      m.forecastBrier10, m.forecastBrier30, m.forecastBrier60, m.forecastF1_10, m.forecastF1_30,
      m.forecastF1_60, m.lifetimeMAEHours, m.proactiveMigrations, m.probes, m.probeCost,
      m.lowerBoundCost, m.gapToBound, m.otherTypeWorkShare,
      m.workShareByType.map(TypeWorkShare.encode),
    ]
    precondition(values.count == Schema.metricColumns.count, "metric columns drifted")
    return values.map { $0?.databaseValue ?? .null }
  }
}
