import Foundation
import GRDB
import Simulation

/// The results database: every sweep, run and metric, behind one type.
///
/// Opened on a file it uses WAL mode (a `DatabasePool`) with
/// `synchronous = NORMAL`, so readers never block the sweep that is writing.
/// Every finished run is committed in its own transaction: a sweep that dies
/// loses only the runs in flight.
public struct ResultsStore: Sendable {
  let writer: any DatabaseWriter
  /// Where the database lives (`:memory:` for tests).
  public let path: String

  /// Opens (creating if needed) the database at `path` and migrates it.
  /// - Throws: `ExperimentsError.database` for a file that is not SQLite, a
  ///   database that is not Synkti's, or one written by a newer Synkti.
  public static func open(_ path: String) throws -> ResultsStore {
    let directory = (path as NSString).deletingLastPathComponent
    if !directory.isEmpty {
      try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    do {
      var configuration = Configuration()
      // WAL + synchronous=NORMAL: a commit survives a crash of the process
      // (the sweep's failure mode); only a power loss can drop the last
      // few commits, and the file stays consistent either way.
      configuration.prepareDatabase { db in
        try db.execute(sql: "PRAGMA synchronous = NORMAL")
        try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384")
      }
      let pool = try DatabasePool(path: path, configuration: configuration)
      let store = ResultsStore(writer: pool, path: path)
      try store.migrate()
      return store
    } catch let error as ExperimentsError {
      throw error
    } catch let error as DatabaseError {
      throw ExperimentsError.database(
        file: path, reason: "cannot use this database: \(error.message ?? "\(error)")")
    }
  }

  /// Opens an existing database without creating one.
  public static func openExisting(_ path: String) throws -> ResultsStore {
    guard FileManager.default.fileExists(atPath: path) else {
      throw ExperimentsError.database(
        file: path, reason: "no such database (run `synkti sweep` first)")
    }
    return try open(path)
  }

  /// A fresh in-memory database (tests).
  public static func inMemory() throws -> ResultsStore {
    let store = ResultsStore(writer: try DatabaseQueue(), path: ":memory:")
    try store.migrate()
    return store
  }

  func migrate() throws {
    let migrator = Schema.migrator
    try writer.read { db in
      let tables = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      if !tables.isEmpty && !tables.contains("grdb_migrations") {
        throw ExperimentsError.database(
          file: path,
          reason:
            "not a Synkti results database (it has tables \(tables.sorted().joined(separator: ", ")))"
        )
      }
      if tables.contains("grdb_migrations") {
        let applied = try migrator.appliedIdentifiers(db)
        if !applied.isSubset(of: Schema.migrationIdentifiers) {
          throw ExperimentsError.database(
            file: path, reason: "written by a newer Synkti; upgrade to read it")
        }
      }
    }
    try migrator.migrate(writer)
  }

  // MARK: - Experiments and sweeps

  /// The id of the experiment with this spec text, inserted if new.
  func experimentID(name: String, text: String, hash: String) throws -> Int64 {
    try writer.write { db in
      if let id = try Int64.fetchOne(
        db, sql: "SELECT id FROM experiments WHERE name = ? AND spec_hash = ?",
        arguments: [name, hash])
      {
        return id
      }
      try db.execute(
        sql: "INSERT INTO experiments (name, spec_text, spec_hash) VALUES (?, ?, ?)",
        arguments: [name, text, hash])
      return db.lastInsertedRowID
    }
  }

  /// Inserts a sweep row and returns its id.
  func insertSweep(_ sweep: SweepRecord) throws -> Int64 {
    try writer.write { db in
      var record = sweep
      try record.insert(db)
      return record.id!
    }
  }

  /// The sweep with this id.
  public func sweep(_ id: Int64) throws -> SweepRecord? {
    try writer.read { db in try SweepRecord.fetchOne(db, key: id) }
  }

  /// Every sweep, oldest first.
  public func sweeps() throws -> [SweepRecord] {
    try writer.read { db in try SweepRecord.order(Column("id")).fetchAll(db) }
  }

  /// The experiment name of a sweep.
  public func experimentName(ofSweep id: Int64) throws -> String? {
    try writer.read { db in
      try String.fetchOne(
        db,
        sql:
          "SELECT e.name FROM experiments e JOIN sweeps s ON s.experiment_id = e.id WHERE s.id = ?",
        arguments: [id])
    }
  }

  /// The spec text and hash of a sweep's experiment.
  public func spec(ofSweep id: Int64) throws -> (name: String, text: String, hash: String)? {
    try writer.read { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT e.name, e.spec_text, e.spec_hash FROM experiments e
            JOIN sweeps s ON s.experiment_id = e.id WHERE s.id = ?
            """, arguments: [id])
      else { return nil }
      return (row[0], row[1], row[2])
    }
  }

  /// The most recent sweep not marked finished for this experiment, size and shard.
  func unfinishedSweep(experimentID: Int64, size: String, shardIndex: Int, shardCount: Int) throws
    -> SweepRecord?
  {
    try writer.read { db in
      try SweepRecord.filter(
        Column("experiment_id") == experimentID && Column("size") == size
          && Column("shard_index") == shardIndex && Column("shard_count") == shardCount
          && Column("status") != "finished"
      ).order(Column("id").desc).fetchOne(db)
    }
  }

  /// Marks a sweep's status, stamping the finish time when it is final.
  func setStatus(_ status: String, ofSweep id: Int64, finishedAt: String?) throws {
    try writer.write { db in
      try db.execute(
        sql: "UPDATE sweeps SET status = ?, finished_at = ? WHERE id = ?",
        arguments: [status, finishedAt, id])
    }
  }

  /// The latest sweep id, optionally of one experiment.
  public func latestSweepID(experiment: String? = nil) throws -> Int64? {
    try writer.read { db in
      if let experiment {
        return try Int64.fetchOne(
          db,
          sql: """
            SELECT s.id FROM sweeps s JOIN experiments e ON e.id = s.experiment_id
            WHERE e.name = ? ORDER BY s.id DESC LIMIT 1
            """, arguments: [experiment])
      }
      return try Int64.fetchOne(db, sql: "SELECT id FROM sweeps ORDER BY id DESC LIMIT 1")
    }
  }

  // MARK: - Runs

  /// Run indices already stored for a sweep.
  func storedRunIndices(sweep id: Int64) throws -> Set<Int> {
    try writer.read { db in
      Set(
        try Int.fetchAll(db, sql: "SELECT run_index FROM runs WHERE sweep_id = ?", arguments: [id]))
    }
  }

  /// Records the cells of a sweep (idempotent: a resumed sweep re-records
  /// nothing).
  func insertCells(sweep id: Int64, plan: SweepPlan) throws {
    try writer.write { db in
      for cell in plan.cells {
        try Self.insertCell(
          db, sweep: id, index: cell.index, key: cell.key,
          parameters: Schema.parameterKeys.map { plan.parameters[cell.index]![$0] })
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
  func saveRun(sweep id: Int64, run: PlannedRun, metrics: RunMetrics, wallMs: Double) throws {
    try writer.write { db in
      try Self.insertRun(
        db,
        values: [
          id.databaseValue, run.index.databaseValue, run.cell.index.databaseValue,
          run.replicate.databaseValue, String(run.seed).databaseValue, "done".databaseValue,
          wallMs.databaseValue,
        ], metrics: Self.metricValues(metrics))
    }
  }

  static let runColumns =
    ["sweep_id", "run_index", "cell_index", "replicate", "seed", "status", "wall_ms"]
  static let insertRunSQL =
    "INSERT INTO runs (\(runColumns.joined(separator: ", "))) VALUES (\(runColumns.map { _ in "?" }.joined(separator: ", ")))"
  static let insertMetricsSQL =
    "INSERT INTO metrics (run_id, \(Schema.metricColumns.joined(separator: ", "))) VALUES (?\(String(repeating: ", ?", count: Schema.metricColumns.count)))"

  /// Inserts a run (values in `runColumns` order) and its metrics.
  static func insertRun(_ db: Database, values: [DatabaseValue], metrics: [DatabaseValue]) throws {
    // Cached statements: compiling these inserts dominated their cost.
    try db.cachedStatement(sql: insertRunSQL).execute(arguments: StatementArguments(values))
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
      m.unfinishedWorkHours, m.costPerWorkHour,
    ]
    precondition(values.count == Schema.metricColumns.count, "metric columns drifted")
    return values.map { $0?.databaseValue ?? .null }
  }
}

extension ResultsStore {
  /// Stores every run of `plan` with the same metrics: the storage cost
  /// alone, for the runner benchmark.
  public func _benchmarkWrites(_ plan: SweepPlan, _ metrics: RunMetrics) {
    let experiment = try! experimentID(name: "probe", text: "probe", hash: "probe")
    let sweep = try! insertSweep(
      SweepRecord(
        id: nil, experimentId: experiment, size: "probe", gitCommit: "probe", gitDirty: false,
        synktiVersion: "probe", host: "probe", startedAt: "", finishedAt: nil, jobs: 1,
        status: "running", shardIndex: 0, shardCount: 1, totalRuns: plan.runs.count))
    try! insertCells(sweep: sweep, plan: plan)
    for run in plan.runs { try! saveRun(sweep: sweep, run: run, metrics: metrics, wallMs: 1) }
  }
}
