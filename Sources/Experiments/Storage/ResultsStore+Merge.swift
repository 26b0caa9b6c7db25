import Foundation
import GRDB

/// What a merge found.
public struct MergeReport: Sendable {
  /// The merged sweep in the output database.
  public var sweepID: Int64
  /// Runs copied by this merge.
  public var added: Int
  /// Runs already present (duplicates skipped).
  public var duplicates: Int
  /// Runs the whole sweep has.
  public var totalRuns: Int
  /// Run indices still missing.
  public var missing: [Int]
  /// Shard indices owning the missing runs.
  public var missingShards: [Int]

  /// Whether every run of the sweep is present.
  public var isComplete: Bool { missing.isEmpty }
}

extension ResultsStore {
  /// Merges shard databases into this one: every sweep of every input must
  /// come from the same spec (hash), commit and size. Runs are keyed by run
  /// index, so re-merging or overlapping shards never duplicates a row.
  /// - Throws: `ExperimentsError` when inputs disagree (nothing is written).
  public func merge(_ inputs: [String]) throws -> MergeReport {
    let sources = try Self.shards(inputs)
    let reference = sources[0]
    let key = reference.sweeps[0]
    let all = sources.flatMap(\.sweeps)
    let shardCount = all.map(\.shardCount).max() ?? 1
    let sweepID = try mergedSweep(of: reference, all: all, shardCount: shardCount)
    var present = try storedRunIndices(sweep: sweepID)
    var added = 0
    var duplicates = 0
    for source in sources {
      for sweep in source.sweeps {
        let copied = try copyRuns(of: sweep, from: source.store, into: sweepID, skipping: &present)
        added += copied.added
        duplicates += copied.duplicates
      }
    }
    let missing = (0..<key.totalRuns).filter { !present.contains($0) }
    let complete = missing.isEmpty
    try setStatus(
      complete ? SweepStatus.finished : .incomplete, ofSweep: sweepID,
      finishedAt: complete ? all.compactMap(\.finishedAt).max() ?? Timestamp.now() : nil)
    return MergeReport(
      sweepID: sweepID, added: added, duplicates: duplicates, totalRuns: key.totalRuns,
      missing: missing, missingShards: Array(Set(missing.map { $0 % shardCount })).sorted())
  }

  /// A shard database to merge, with its sweeps and their spec.
  struct MergeSource {
    let file: String
    let store: ResultsStore
    let sweeps: [SweepRecord]
    let spec: (name: String, text: String, hash: String)
  }

  /// Opens every input; each must hold sweeps, all of the first's spec,
  /// commit and size.
  static func shards(_ inputs: [String]) throws -> [MergeSource] {
    var sources: [MergeSource] = []
    for file in inputs {
      let store = try ResultsStore.openExisting(file)
      let sweeps = try store.sweeps()
      guard let first = sweeps.first, let spec = try store.spec(ofSweep: first.id!) else {
        throw ExperimentsError.database(file: file, reason: "holds no sweep to merge")
      }
      sources.append(MergeSource(file: file, store: store, sweeps: sweeps, spec: spec))
    }
    guard let reference = sources.first, let key = reference.sweeps.first else {
      throw ExperimentsError.invalidRequest("merge needs at least one input database")
    }
    for source in sources {
      for sweep in source.sweeps {
        let spec = try source.store.spec(ofSweep: sweep.id!)!
        if spec.hash != reference.spec.hash {
          throw ExperimentsError.database(
            file: source.file,
            reason:
              "sweep \(sweep.id!) is of spec \(spec.name) (hash \(spec.hash.prefix(12))), not \(reference.spec.name) (hash \(reference.spec.hash.prefix(12))) as in \(reference.file); refusing to merge"
          )
        }
        if sweep.gitCommit != key.gitCommit || sweep.size != key.size {
          throw ExperimentsError.database(
            file: source.file,
            reason:
              "sweep \(sweep.id!) ran at commit \(sweep.gitCommit.prefix(12)), size \(sweep.size); \(reference.file) at \(key.gitCommit.prefix(12)), size \(key.size); refusing to merge"
          )
        }
      }
    }
    return sources
  }

  /// The merged sweep of `reference`'s spec, commit and size (shard −1):
  /// the one already here, else a new one summing the shards' sweeps `all`.
  func mergedSweep(of reference: MergeSource, all: [SweepRecord], shardCount: Int) throws
    -> Int64
  {
    let key = reference.sweeps[0]
    let experiment = try experimentID(
      name: reference.spec.name, text: reference.spec.text, hash: reference.spec.hash)
    let existing = try read { db in
      try SweepRecord.filter(
        Column("experiment_id") == experiment && Column("git_commit") == key.gitCommit
          && Column("size") == key.size && Column("shard_index") == -1
      ).fetchOne(db)
    }
    return
      try existing?.id
      ?? insertSweep(
        SweepRecord(
          id: nil, experimentId: experiment, size: key.size, gitCommit: key.gitCommit,
          gitDirty: all.contains { $0.gitDirty }, synktiVersion: key.synktiVersion,
          host: Set(all.map(\.host)).sorted().joined(separator: ","),
          startedAt: all.map(\.startedAt).min()!, finishedAt: nil,
          jobs: all.map(\.jobs).reduce(0, +), status: .running, shardIndex: -1,
          shardCount: shardCount, totalRuns: key.totalRuns,
          modelFingerprint: Set(all.map(\.modelFingerprint)).count == 1
            ? all[0].modelFingerprint : nil,
          notes: all.compactMap(\.notes).first))

  }

  /// Copies `sweep`'s cells and the runs whose index is not in `present`
  /// from `source` into sweep `target`, in one transaction.
  func copyRuns(
    of sweep: SweepRecord, from source: ResultsStore, into target: Int64,
    skipping present: inout Set<Int>
  ) throws -> (added: Int, duplicates: Int) {
    var added = 0
    var duplicates = 0
    let runColumns = ResultsStore.runColumns.dropFirst()  // sweep_id is replaced
    let cellColumns = ResultsStore.cellColumns.dropFirst()
    let (cells, runs) = try source.read { db in
      (
        try Row.fetchAll(
          db,
          sql: "SELECT \(cellColumns.joined(separator: ", ")) FROM cells WHERE sweep_id = ?",
          arguments: [sweep.id!]),
        try Row.fetchAll(
          db,
          sql: """
            SELECT \(runColumns.map { "r." + $0 }.joined(separator: ", ")),
                   \(Schema.metricColumns.map { "m." + $0 }.joined(separator: ", "))
            FROM runs r LEFT JOIN metrics m ON m.run_id = r.id WHERE r.sweep_id = ?
            ORDER BY r.run_index
            """, arguments: [sweep.id!])
      )
    }
    try write { db in
      for cell in cells {
        let values =
          [target.databaseValue] + (0..<cell.count).map { cell[$0] as DatabaseValue }
        try db.cachedStatement(sql: ResultsStore.insertCellSQL).execute(
          arguments: StatementArguments(values))
      }
      for row in runs {
        let runIndex: Int = row["run_index"]
        if present.contains(runIndex) {
          duplicates += 1
          continue
        }
        let values =
          [target.databaseValue] + (0..<runColumns.count).map { row[$0] as DatabaseValue }
        let failed = (row["status"] as String?) == "failed"
        let metrics = (runColumns.count..<row.count).map { row[$0] as DatabaseValue }
        try ResultsStore.insertRun(db, values: values, metrics: failed ? nil : metrics)
        present.insert(runIndex)
        added += 1
      }
    }
    return (added, duplicates)
  }
}
