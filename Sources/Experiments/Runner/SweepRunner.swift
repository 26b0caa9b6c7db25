import Dispatch
import Foundation
import Simulation

/// How a sweep runs.
public struct SweepOptions: Sendable {
  /// Concurrent simulations (default: the number of cores).
  public var jobs: Int
  /// Continue the last unfinished sweep of this spec, size and shard.
  public var resume: Bool
  /// Stop after this many new runs (the sweep stays resumable).
  public var maxRuns: Int?
  /// Failed runs (a non-finite metric) the sweep tolerates before it stops
  /// with status `failed` (default 0: stop at the first).
  public var maxFailures: Int
  /// Start a new sweep even when `resume` finds one (finished or not).
  public var force: Bool
  /// Provenance stamped on a new sweep.
  public var provenance: Provenance
  /// The model's fingerprint (`ModelFingerprint.current`); with it every
  /// run stores its identity, and runs another sweep already computed are
  /// copied instead of computed. Nil: nothing is reused.
  public var modelFingerprint: String?
  /// Reuse stored runs of equal identity (`--no-cache` and `--force` turn
  /// this off; identities are still stored).
  public var useCache: Bool

  /// Creates options.
  public init(
    jobs: Int = ProcessInfo.processInfo.activeProcessorCount, resume: Bool = false,
    maxRuns: Int? = nil, maxFailures: Int = 0, force: Bool = false,
    provenance: Provenance = .current(), modelFingerprint: String? = nil, useCache: Bool = true
  ) {
    self.modelFingerprint = modelFingerprint
    self.useCache = useCache
    self.jobs = max(1, jobs)
    self.resume = resume
    self.maxRuns = maxRuns
    self.maxFailures = max(0, maxFailures)
    self.force = force
    self.provenance = provenance
  }
}

/// Progress of a sweep, reported after each stored run.
public struct SweepProgress: Sendable {
  /// Runs stored so far in this invocation.
  public var done: Int
  /// Runs this invocation set out to do.
  public var total: Int
  /// Runs that were already stored (resume).
  public var skipped: Int
  /// The round (1 for a fixed replicate count; adaptive replication adds
  /// replicates round by round).
  public var round = 1
  /// Seconds since the invocation started.
  public var elapsed: Double

  /// Runs per second so far.
  public var rate: Double { elapsed > 0 ? Double(done) / elapsed : 0 }
  /// Estimated seconds left.
  public var remaining: Double? { rate > 0 ? Double(total - done) / rate : nil }
}

/// What a sweep did.
public struct SweepOutcome: Sendable {
  /// The sweep's row id.
  public var sweepID: Int64
  /// Whether an unfinished sweep was continued.
  public var resumed: Bool
  /// Runs stored by this invocation.
  public var ran: Int
  /// Runs found already stored.
  public var skipped: Int
  /// Runs copied from earlier sweeps with the same identity (model
  /// fingerprint, cell content, seed) instead of computed.
  public var reused = 0
  /// Runs stored as failed (a non-finite metric), in the whole sweep.
  public var failed: Int = 0
  /// Final status (`finished`, `interrupted` or `failed`).
  public var status: SweepStatus
  /// `resume` found the sweep already finished and ran nothing.
  public var alreadyComplete = false
  /// It was finished at another commit, with exactly the runs this plan
  /// would store (same model fingerprint, cells and seeds).
  public var upToDate = false
  /// Why the first failed run of this invocation failed.
  public var firstFailure: String?
  /// An unfinished sweep `resume` found at another commit, left as it was
  /// while a new sweep ran.
  public var superseded: SweepRecord?
  /// Rounds run (1 for a fixed replicate count).
  public var rounds = 1
  /// Seconds spent.
  public var seconds: Double
}

/// Runs a sweep plan in parallel and stores every run as it finishes.
///
/// Workers (at most `jobs`, via Dispatch) take runs in index order and
/// simulate them; a single serial writer commits each result in its own
/// transaction. Runs are pure functions of (cell, seed), so the stored
/// metrics are identical whatever `jobs` is.
public struct SweepRunner: Sendable {
  /// The store results go to.
  public var store: ResultsStore

  /// Creates a runner writing to `store`.
  public init(store: ResultsStore) { self.store = store }

  /// Runs `plan`.
  /// - Parameter progress: called on the writer queue after each stored run.
  /// - Throws: `ExperimentsError` (nothing to resume at another commit, database errors).
  public func run(
    _ plan: SweepPlan, options: SweepOptions,
    progress: @escaping @Sendable (SweepProgress) -> Void = { _ in }
  ) throws -> SweepOutcome {
    let start = ContinuousClock.now
    if let outcome = try upToDateSweep(plan, options: options, start: start) { return outcome }
    let sweepID: Int64
    let resumed: Bool
    var stored: Set<Int>
    let superseded: SweepRecord?
    switch try SweepStart.begin(plan, options: options, store: store, start: start) {
    case .alreadyComplete(let outcome):
      return outcome
    case .begun(let id, let isResumed, let alreadyStored, let other):
      (sweepID, resumed, stored, superseded) = (id, isResumed, alreadyStored, other)
    }
    do {
      try store.insertCells(sweep: sweepID, cells: plan.cellRecords)
    } catch {
      try? store.setStatus(.interrupted, ofSweep: sweepID, finishedAt: nil)
      throw error
    }
    let skipped = stored.count
    var replicates = plan.initialReplicates
    var budget = options.maxRuns.map { max(0, $0) }
    var totals = RoundResult()
    var round = 1
    var settled = plan.spec.adaptive == nil
    let failuresBefore = try store.failedRunCount(sweep: sweepID)
    do {
      while true {
        let todo = plan.runs(replicates: replicates).filter { !stored.contains($0.index) }
        let result = try execute(
          todo, of: plan, sweep: sweepID, options: options, budget: budget, skipped: skipped,
          failuresBefore: failuresBefore + totals.failures, round: round, start: start,
          progress: progress)
        totals.add(result)
        budget = budget.map { $0 - result.ran }
        stored = try store.storedRunIndices(sweep: sweepID)
        guard let rule = plan.spec.adaptive, !result.stopped, budget.map({ $0 > 0 }) ?? true
        else { break }
        let (values, onDemand) = try store.cellValues(sweep: sweepID, metric: rule.metric)
        let next = plan.nextReplicates(current: replicates, values: values, onDemand: onDemand)
        if next == replicates {
          settled = true
          break
        }
        replicates = next
        round += 1
      }
    } catch {
      try? store.setStatus(.interrupted, ofSweep: sweepID, finishedAt: nil)
      try? store.checkpoint(truncate: true)
      throw error
    }
    let failed = failuresBefore + totals.failures
    let complete =
      settled && plan.runs(replicates: replicates).allSatisfy { stored.contains($0.index) }
    let status =
      failed > options.maxFailures ? SweepStatus.failed : complete ? .finished : .interrupted
    try store.setStatus(
      status, ofSweep: sweepID, finishedAt: status == .interrupted ? nil : Timestamp.now())
    try store.checkpoint(truncate: true)
    return SweepOutcome(
      sweepID: sweepID, resumed: resumed, ran: totals.ran, skipped: skipped,
      reused: totals.reused, failed: failed, status: status, firstFailure: totals.firstFailure,
      superseded: superseded, rounds: round, seconds: (ContinuousClock.now - start).seconds)
  }

  /// What one round did.
  struct RoundResult {
    var ran = 0
    var reused = 0
    var failures = 0
    var firstFailure: String?
    /// Workers stopped early (too many failures).
    var stopped = false

    mutating func add(_ other: RoundResult) {
      ran += other.ran
      reused += other.reused
      failures += other.failures
      firstFailure = firstFailure ?? other.firstFailure
      stopped = stopped || other.stopped
    }
  }

  /// Copies the runs of `todo` the cache has, then computes the rest (at
  /// most `budget`) in parallel, storing each as it finishes.
  func execute(
    _ todo: [PlannedRun], of plan: SweepPlan, sweep sweepID: Int64, options: SweepOptions,
    budget: Int?, skipped: Int, failuresBefore: Int, round: Int, start: ContinuousClock.Instant,
    progress: @escaping @Sendable (SweepProgress) -> Void
  ) throws -> RoundResult {
    let (reuse, left, reused) = try RunReuse.prepare(
      todo, of: plan, sweep: sweepID, budget: budget, options: options, store: store)
    let pool = RunPool(
      store: store, plan: plan, sweep: sweepID, identities: reuse.identities, jobs: options.jobs,
      maxFailures: options.maxFailures, failuresBefore: failuresBefore, skipped: skipped,
      round: round, start: start)
    let state = try pool.run(left, progress: progress)
    try reuse.saveComputedBaselines(of: plan, store: store)
    return RoundResult(
      ran: state.count, reused: reused, failures: state.failures,
      firstFailure: state.firstFailure, stopped: state.stopped)
  }

}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
