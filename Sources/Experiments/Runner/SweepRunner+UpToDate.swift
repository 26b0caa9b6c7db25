import Foundation

extension SweepRunner {
  /// With `--resume`: the latest finished sweep of `plan`'s experiment when
  /// its runs have exactly the identities this plan's runs would have (same
  /// model fingerprint, cells and seeds) and none failed. A new sweep would
  /// only copy it, and the reports would not change; nil otherwise (and
  /// for adaptive replication, whose runs depend on its rounds).
  func upToDateSweep(_ plan: SweepPlan, options: SweepOptions, start: ContinuousClock.Instant)
    throws -> SweepOutcome?
  {
    guard options.resume, !options.force, options.useCache, plan.spec.adaptive == nil,
      let fingerprint = options.modelFingerprint
    else { return nil }
    guard
      let experiment = try store.existingExperimentID(name: plan.spec.name, hash: plan.spec.hash),
      let latest = try store.latestSweep(
        experimentID: experiment, size: plan.size, shardIndex: plan.shard.index,
        shardCount: plan.shard.count),
      latest.status == .finished, let id = latest.id, latest.modelFingerprint == fingerprint,
      try store.failedRunCount(sweep: id) == 0
    else { return nil }
    let planned = Self.identities(of: plan.runs, in: plan, fingerprint: fingerprint)
    guard planned.count == plan.runs.count, try store.runIdentities(sweep: id) == planned else {
      return nil
    }
    var outcome = SweepOutcome(
      sweepID: id, resumed: true, ran: 0, skipped: plan.runs.count, failed: 0, status: .finished,
      alreadyComplete: true, seconds: (ContinuousClock.now - start).seconds)
    outcome.upToDate = latest.gitCommit != options.provenance.gitCommit
    return outcome
  }
}
