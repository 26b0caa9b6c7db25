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
        // Reuse copies thousands of rows in one transaction through a
        // scratch table: in memory, and with a page cache (64 MiB) that
        // holds the transaction instead of spilling pages to the WAL
        // mid-way (a third fewer writes).
        try db.execute(sql: "PRAGMA temp_store = MEMORY")
        try db.execute(sql: "PRAGMA cache_size = -65536")
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
  public func experimentID(name: String, text: String, hash: String) throws -> Int64 {
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
  public func insertSweep(_ sweep: SweepRecord) throws -> Int64 {
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
}
