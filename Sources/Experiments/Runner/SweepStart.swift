import Foundation

/// How an invocation of a sweep begins: nothing to do (`--resume` of a
/// finished sweep at this commit), the unfinished sweep it continues, or a
/// new sweep (also when the unfinished one ran at another commit, whose runs
/// cannot join this one's).
enum SweepStart {
  /// `--resume` found the sweep finished at this commit.
  case alreadyComplete(SweepOutcome)
  /// The sweep to fill, whether it was resumed, its runs already stored, and
  /// an unfinished sweep of another commit left as it was.
  case begun(id: Int64, resumed: Bool, stored: Set<Int>, superseded: SweepRecord?)

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
      latest.status == .finished, latest.gitCommit == options.provenance.gitCommit,
      let id = latest.id
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
      if open.gitCommit == options.provenance.gitCommit {
        let stored = try store.storedRunIndices(sweep: id)
        try store.setStatus(.running, ofSweep: id, finishedAt: nil)
        return .begun(id: id, resumed: true, stored: stored, superseded: nil)
      }
      // Runs of another commit's code cannot be mixed into this sweep: it
      // is left as it is, and a new sweep starts (the outcome says so).
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
