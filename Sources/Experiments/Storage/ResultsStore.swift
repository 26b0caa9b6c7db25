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

  /// Opens (creating if needed) the database at `path` for writing, and
  /// migrates it.
  ///
  /// A file that exists is inspected read-only first, so a foreign or
  /// newer database is refused untouched (never switched to WAL). Writers
  /// wait up to `busyTimeout` seconds for a lock instead of failing.
  /// Callers that write a sweep hold the `SweepLock` first.
  /// - Throws: `ExperimentsError.database` for a file that is not SQLite, a
  ///   database that is not Synkti's, or one written by a newer Synkti.
  public static func open(_ path: String) throws -> ResultsStore {
    let directory = (path as NSString).deletingLastPathComponent
    if !directory.isEmpty {
      try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    // Refuse foreign, newer or broken files before any write touches them.
    try checkWritable(path)
    do {
      var configuration = Configuration()
      configuration.busyMode = .timeout(busyTimeout)
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
      throw ExperimentsError.database(file: path, reason: describe(error))
    }
  }

  /// Refuses, without touching it, a file at `path` that `open` would
  /// refuse (foreign, newer, not SQLite): checked before a lock file is
  /// made beside it.
  public static func checkWritable(_ path: String) throws {
    if let size = fileSize(path), size > 0 { _ = try inspect(path) }
  }

  /// Seconds a writer waits for another connection's lock.
  static let busyTimeout: TimeInterval = 30

  /// Opens an existing database for reading only: never creates a file,
  /// never changes its journal mode, never migrates it.
  ///
  /// An empty (0-byte), non-SQLite or foreign file is refused untouched. A
  /// database from an older Synkti, or one this user cannot open in place
  /// (a WAL database in a directory it cannot write), is read from a private
  /// copy in the temporary directory.
  /// - Throws: `ExperimentsError.database` naming the file and the reason.
  public static func openReadOnly(_ path: String) throws -> ResultsStore {
    guard let size = fileSize(path) else {
      throw ExperimentsError.database(
        file: path, reason: "no such database (run `synkti sweep` first)")
    }
    guard size > 0 else {
      throw ExperimentsError.database(
        file: path, reason: "an empty file (0 bytes), not a Synkti results database")
    }
    guard let (store, state) = try inspect(path) else { return try readFromCopy(path) }
    switch state {
    case .current: return store
    case .older: return try readFromCopy(path)
    }
  }

  /// Opens a non-empty file read-only and checks it is a Synkti database
  /// this version can use; nil when it cannot be opened in place.
  static func inspect(_ path: String) throws -> (ResultsStore, SchemaState)? {
    guard let handle = FileHandle(forReadingAtPath: path),
      let header = try? handle.read(upToCount: 16), header == Data("SQLite format 3\0".utf8)
    else {
      throw ExperimentsError.database(file: path, reason: "not an SQLite database")
    }
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(busyTimeout)
    do {
      let queue = try DatabaseQueue(path: readLocation(path), configuration: configuration)
      let store = ResultsStore(writer: queue, path: path)
      return (store, try store.schemaState())
    } catch let error as DatabaseError
      where error.resultCode == .SQLITE_CANTOPEN || error.resultCode == .SQLITE_READONLY
    {
      // A WAL database whose -shm this user cannot create: read a copy.
      return nil
    } catch let error as DatabaseError {
      throw ExperimentsError.database(file: path, reason: describe(error))
    }
  }

  /// Reads a private, migrated copy of `path` (and its WAL).
  static func readFromCopy(_ path: String) throws -> ResultsStore {
    let copy = FileManager.default.temporaryDirectory
      .appendingPathComponent("synkti-read-\(UUID().uuidString).sqlite").path
    do {
      try FileManager.default.copyItem(atPath: path, toPath: copy)
      if FileManager.default.fileExists(atPath: path + "-wal") {
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
      }
    } catch {
      throw ExperimentsError.database(
        file: path, reason: "cannot read it, nor copy it to read: \(error.localizedDescription)")
    }
    let queue = try DatabaseQueue(path: copy)
    let store = ResultsStore(writer: queue, path: path)
    try store.migrate()
    return store
  }

  /// The size of the file at `path`, nil when there is none.
  static func fileSize(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
  }

  /// Opens an existing database without creating one (read-only).
  public static func openExisting(_ path: String) throws -> ResultsStore {
    try openReadOnly(path)
  }

  /// Writes a self-contained copy of the database (no WAL) to `target`, for
  /// shipping results: `VACUUM INTO`.
  /// - Throws: `ExperimentsError.database` when `target` exists.
  public func copy(to target: String) throws {
    guard !FileManager.default.fileExists(atPath: target) else {
      throw ExperimentsError.database(file: target, reason: "exists; refusing to overwrite it")
    }
    do {
      try writer.writeWithoutTransaction { db in
        try db.execute(sql: "VACUUM INTO ?", arguments: [target])
      }
    } catch let error as DatabaseError {
      throw ExperimentsError.database(file: target, reason: Self.describe(error))
    }
  }

  /// A fresh in-memory database (tests).
  public static func inMemory() throws -> ResultsStore {
    let store = ResultsStore(writer: try DatabaseQueue(), path: ":memory:")
    try store.migrate()
    return store
  }

  enum SchemaState { case current, older }

  /// Whether this is a Synkti database this version can read as it is.
  /// - Throws: for a foreign database, or one from a newer Synkti.
  func schemaState() throws -> SchemaState {
    // Raw: `inspect` tells SQLITE_CANTOPEN (read a copy) from other errors.
    try writer.read { db in
      let tables = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      if !tables.contains("grdb_migrations") {
        throw ExperimentsError.database(
          file: path,
          reason: tables.isEmpty
            ? "holds no Synkti results (an empty SQLite database)"
            : "not a Synkti results database (it has tables \(tables.sorted().joined(separator: ", ")))"
        )
      }
      let applied = try Schema.migrator.appliedIdentifiers(db)
      if !applied.isSubset(of: Schema.migrationIdentifiers) {
        throw ExperimentsError.database(
          file: path, reason: "written by a newer Synkti; upgrade to read it")
      }
      return applied == Schema.migrationIdentifiers ? .current : .older
    }
  }

  func migrate() throws {
    // An empty database becomes a Synkti one; any other must already be one.
    let empty = try read { db in
      try Int.fetchOne(
        db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") == 0
    }
    if !empty { _ = try schemaState() }
    try Schema.migrator.migrate(writer)
  }

  // MARK: - Experiments and sweeps

  /// The id of the experiment with this spec, if it has one (a read: no
  /// transaction to commit).
  func existingExperimentID(name: String, hash: String) throws -> Int64? {
    try read { db in
      try Int64.fetchOne(
        db, sql: "SELECT id FROM experiments WHERE name = ? AND spec_hash = ?",
        arguments: [name, hash])
    }
  }

  /// The id of the experiment with this spec text, inserted if new.
  func experimentID(name: String, text: String, hash: String) throws -> Int64 {
    try write { db in
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
    try write { db in
      var record = sweep
      try record.insert(db)
      return record.id!
    }
  }

  /// The sweep with this id.
  public func sweep(_ id: Int64) throws -> SweepRecord? {
    try read { db in try SweepRecord.fetchOne(db, key: id) }
  }

  /// Every sweep, oldest first.
  public func sweeps() throws -> [SweepRecord] {
    try read { db in try SweepRecord.order(Column("id")).fetchAll(db) }
  }

  /// The experiment name of a sweep.
  public func experimentName(ofSweep id: Int64) throws -> String? {
    try read { db in
      try String.fetchOne(
        db,
        sql:
          "SELECT e.name FROM experiments e JOIN sweeps s ON s.experiment_id = e.id WHERE s.id = ?",
        arguments: [id])
    }
  }

  /// The spec text and hash of a sweep's experiment.
  public func spec(ofSweep id: Int64) throws -> (name: String, text: String, hash: String)? {
    try read { db in
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

  /// The most recent sweep of this experiment, size and shard (only among
  /// those not marked finished, with `unfinished`), if any.
  func latestSweep(
    experimentID: Int64, size: String, shardIndex: Int, shardCount: Int,
    unfinished: Bool = false
  ) throws -> SweepRecord? {
    try read { db in
      var request = SweepRecord.filter(
        Column("experiment_id") == experimentID && Column("size") == size
          && Column("shard_index") == shardIndex && Column("shard_count") == shardCount)
      if unfinished { request = request.filter(Column("status") != SweepStatus.finished.rawValue) }
      return try request.order(Column("id").desc).fetchOne(db)
    }
  }

  /// Runs between two WAL checkpoints during a sweep.
  static let checkpointEvery = 1_000

  /// Copies committed pages from the WAL into the database file (and, with
  /// `truncate`, empties the WAL), so the `.sqlite` file alone holds them.
  public func checkpoint(truncate: Bool) throws {
    guard writer is DatabasePool else { return }
    _ = try writer.writeWithoutTransaction { db in
      try db.checkpoint(truncate ? .truncate : .passive)
    }
  }

  /// The most recent sweep not marked finished for this experiment, size and shard.
  func unfinishedSweep(experimentID: Int64, size: String, shardIndex: Int, shardCount: Int) throws
    -> SweepRecord?
  {
    try latestSweep(
      experimentID: experimentID, size: size, shardIndex: shardIndex, shardCount: shardCount,
      unfinished: true)
  }

  /// Marks a sweep's status, stamping the finish time when it is final.
  func setStatus(_ status: SweepStatus, ofSweep id: Int64, finishedAt: String?) throws {
    try write { db in
      try db.execute(
        sql: "UPDATE sweeps SET status = ?, finished_at = ? WHERE id = ?",
        arguments: [status.rawValue, finishedAt, id])
    }
  }

  /// The latest sweep id, optionally of one experiment.
  public func latestSweepID(experiment: String? = nil) throws -> Int64? {
    try read { db in
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
  func insertCells(sweep id: Int64, plan: SweepPlan) throws {
    try write { db in
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
  func saveRun(
    sweep id: Int64, run: PlannedRun, metrics: RunMetrics, wallMs: Double,
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
  func saveFailedRun(
    sweep id: Int64, run: PlannedRun, reason: String, wallMs: Double, identity: String? = nil
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
    _ sweep: Int64, _ run: PlannedRun, status: String, wallMs: Double, reason: String?,
    identity: String? = nil
  ) -> [DatabaseValue] {
    [
      sweep.databaseValue, run.index.databaseValue, run.cell.index.databaseValue,
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
        status: .running, shardIndex: 0, shardCount: 1, totalRuns: plan.runs.count))
    try! insertCells(sweep: sweep, plan: plan)
    for run in plan.runs { try! saveRun(sweep: sweep, run: run, metrics: metrics, wallMs: 1) }
  }
}
