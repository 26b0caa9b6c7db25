import Foundation

/// How an invocation of a sweep begins: nothing to do (`--resume` of a
/// finished sweep of this code), the unfinished sweep it continues, or a
/// new sweep (also when the unfinished one ran other code — another commit,
/// or the same commit with other uncommitted model changes — whose runs
/// cannot join this one's).
enum SweepStart {
  /// `--resume` found the sweep finished with this code.
  case alreadyComplete(SweepOutcome)
  /// The sweep to fill, whether it was resumed, its runs already stored, and
  /// an unfinished sweep of other code left as it was.
  case begun(id: Int64, resumed: Bool, stored: Set<Int>, superseded: SweepRecord?)

  /// Whether `sweep` was run by the same code this invocation runs: the
  /// same commit and, where both are known, the same model fingerprint
  /// (uncommitted changes to the model keep the commit but not the
  /// fingerprint).
  static func sameModel(_ sweep: SweepRecord, _ options: SweepOptions) -> Bool {
    guard sweep.gitCommit == options.provenance.gitCommit else { return false }
    guard let stored = sweep.modelFingerprint, let now = options.modelFingerprint else {
      return true
    }
    return stored == now
  }

  /// Decides how `plan` begins in `store`.
  static func begin(
    _ plan: SweepPlan, options: SweepOptions, store: ResultsStore, start: ContinuousClock.Instant
  ) throws -> SweepStart {
    let experiment = try store.experimentID(
      name: plan.spec.name, text: plan.spec.text, hash: plan.spec.hash)
    let resuming = options.resume && !options.force
    if resuming,
      let latest = try store.latestSweep(
        experimentID: experiment, size: plan.size, shardIndex: plan.shard.index,
        shardCount: plan.shard.count),
      latest.status == .finished, Self.sameModel(latest, options), let id = latest.id
    {
      return .alreadyComplete(
        SweepOutcome(
          sweepID: id, resumed: true, ran: 0, skipped: plan.runs.count,
          failed: try store.failedRunCount(sweep: id), status: .finished,
          alreadyComplete: true, seconds: (ContinuousClock.now - start).seconds))
    }
    if resuming,
      let open = try store.unfinishedSweep(
        experimentID: experiment, size: plan.size, shardIndex: plan.shard.index,
        shardCount: plan.shard.count), let id = open.id
    {
      if Self.sameModel(open, options) {
        let stored = try store.storedRunIndices(sweep: id)
        try store.setStatus(.running, ofSweep: id, finishedAt: nil)
        return .begun(id: id, resumed: true, stored: stored, superseded: nil)
      }
      // Runs of another commit's code, or of other uncommitted changes to
      // the model, cannot be mixed into this sweep: it is left as it is,
      // and a new sweep starts (the outcome says so).
      let new = try newSweep(plan, experiment: experiment, options: options, store: store)
      return .begun(id: new, resumed: false, stored: [], superseded: open)
    }
    let new = try newSweep(plan, experiment: experiment, options: options, store: store)
    return .begun(id: new, resumed: false, stored: [], superseded: nil)
  }

  /// Inserts a new sweep row for `plan`.
  static func newSweep(
    _ plan: SweepPlan, experiment: Int64, options: SweepOptions, store: ResultsStore
  ) throws -> Int64 {
    try store.insertSweep(
      SweepRecord(
        id: nil, experimentId: experiment, size: plan.size,
        gitCommit: options.provenance.gitCommit, gitDirty: options.provenance.gitDirty,
        synktiVersion: SynktiVersion.current, host: options.provenance.host,
        startedAt: Timestamp.now(), finishedAt: nil, jobs: options.jobs, status: .running,
        shardIndex: plan.shard.index, shardCount: plan.shard.count, totalRuns: plan.totalRuns,
        modelFingerprint: options.modelFingerprint,
        notes: plan.traceNotes.isEmpty ? nil : plan.traceNotes.joined(separator: "\n")))
  }
}
