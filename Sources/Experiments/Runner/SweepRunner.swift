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
    let experiment = try store.experimentID(
      name: plan.spec.name, text: plan.spec.text, hash: plan.spec.hash)
    var sweepID: Int64
    var superseded: SweepRecord?
    var resumed = false
    var stored = Set<Int>()
    if options.resume, !options.force,
      let latest = try store.latestSweep(
        experimentID: experiment, size: plan.size, shardIndex: plan.shard.index,
        shardCount: plan.shard.count),
      latest.status == .finished, latest.gitCommit == options.provenance.gitCommit
    {
      return SweepOutcome(
        sweepID: latest.id!, resumed: true, ran: 0, skipped: plan.runs.count,
        failed: try store.failedRunCount(sweep: latest.id!), status: .finished,
        alreadyComplete: true, seconds: (ContinuousClock.now - start).seconds)
    }
    if options.resume, !options.force,
      let open = try store.unfinishedSweep(
        experimentID: experiment, size: plan.size, shardIndex: plan.shard.index,
        shardCount: plan.shard.count)
    {
      if open.gitCommit == options.provenance.gitCommit {
        sweepID = open.id!
        resumed = true
        stored = try store.storedRunIndices(sweep: sweepID)
        try store.setStatus(.running, ofSweep: sweepID, finishedAt: nil)
      } else {
        // Runs of another commit's code cannot be mixed into this sweep: it
        // is left as it is, and a new sweep starts (the outcome says so).
        superseded = open
        sweepID = try newSweep(plan, experiment: experiment, options: options)
      }
    } else {
      sweepID = try newSweep(plan, experiment: experiment, options: options)
    }

    do {
      try store.insertCells(sweep: sweepID, plan: plan)
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
    var todo = todo
    // The results cache: a run whose identity a finished run of any sweep
    // has is copied, not computed.
    let identities = Self.identities(of: todo, in: plan, fingerprint: options.modelFingerprint)
    var reused = 0
    if options.useCache, !options.force, !identities.isEmpty {
      let copied = try store.reuseRuns(sweep: sweepID, runs: todo, identities: identities)
      reused = copied.count
      todo = todo.filter { !copied.contains($0.index) }
    }
    if let budget { todo = Array(todo.prefix(budget)) }
    // Baselines are cached runs too: those an earlier sweep of this model
    // computed are read back, and those this round computes are kept.
    let baselineIDs = Self.baselineIdentities(
      of: todo, in: plan, fingerprint: options.modelFingerprint)
    var knownBaselines = Set<String>()
    if options.useCache, !options.force, !baselineIDs.isEmpty {
      let stored = try store.cachedBaselines(Array(baselineIDs.values))
      var known: [String: Simulation.BaselineOutcome] = [:]
      for (key, identity) in baselineIDs {
        if let outcome = stored[identity] { known[key] = outcome }
      }
      plan.baselines.prefill(known)
      knownBaselines = Set(known.keys)
    }
    let work = WorkList(todo)
    let writer = DispatchQueue(label: "synkti.sweep.writer")
    let group = DispatchGroup()
    let state = SharedState()
    let store = self.store
    let id = sweepID
    let total = todo.count
    let maxFailures = options.maxFailures

    DispatchQueue.concurrentPerform(iterations: min(options.jobs, max(1, todo.count))) { _ in
      while !state.stopped, let run = work.next() {
        let clock = ContinuousClock()
        var metrics = RunMetrics()
        let elapsed = clock.measure { metrics = plan.simulate(run) }
        let wallMs = elapsed.seconds * 1000
        let result = metrics
        group.enter()
        writer.async {
          defer { group.leave() }
          guard !state.stopped else { return }
          do {
            let bad = result.nonFiniteMetrics
            if bad.isEmpty {
              try store.saveRun(
                sweep: id, run: run, metrics: result, wallMs: wallMs,
                identity: identities[run.index])
            } else {
              let reason = "non-finite metrics: \(bad.joined(separator: ", "))"
              try store.saveFailedRun(
                sweep: id, run: run, reason: reason, wallMs: wallMs,
                identity: identities[run.index])
              if failuresBefore + state.recordFailure(reason) > maxFailures { state.stop() }
            }
            let done = state.increment()
            // Move committed runs into the main file now and then, so a
            // copy of the .sqlite alone holds nearly everything.
            if done % ResultsStore.checkpointEvery == 0 { try store.checkpoint(truncate: false) }
            progress(
              SweepProgress(
                done: done, total: total, skipped: skipped, round: round,
                elapsed: (ContinuousClock.now - start).seconds))
          } catch {
            state.fail(error)
          }
        }
      }
    }
    group.wait()
    if let error = state.error { throw error }
    var computed: [String: Simulation.BaselineOutcome] = [:]
    for (key, identity) in baselineIDs where !knownBaselines.contains(key) {
      if let outcome = plan.baselines.known(key) { computed[identity] = outcome }
    }
    try store.saveBaselines(computed)
    return RoundResult(
      ran: state.count, reused: reused, failures: state.failures,
      firstFailure: state.firstFailure, stopped: state.stopped)
  }

  /// Inserts a new sweep row for `plan`.
  func newSweep(_ plan: SweepPlan, experiment: Int64, options: SweepOptions) throws -> Int64 {
    try store.insertSweep(
      SweepRecord(
        id: nil, experimentId: experiment, size: plan.size,
        gitCommit: options.provenance.gitCommit, gitDirty: options.provenance.gitDirty,
        synktiVersion: SynktiVersion.current, host: options.provenance.host,
        startedAt: Timestamp.now(), finishedAt: nil, jobs: options.jobs, status: .running,
        shardIndex: plan.shard.index, shardCount: plan.shard.count, totalRuns: plan.totalRuns,
        modelFingerprint: options.modelFingerprint))
  }
}

/// Hands out runs in order to concurrent workers.
final class WorkList: @unchecked Sendable {
  private let runs: [PlannedRun]
  private var position = 0
  private let lock = NSLock()

  init(_ runs: [PlannedRun]) { self.runs = runs }

  func next() -> PlannedRun? {
    lock.withLock {
      guard position < runs.count else { return nil }
      position += 1
      return runs[position - 1]
    }
  }
}

/// Counters, failures and the first error, shared by workers and the writer.
final class SharedState: @unchecked Sendable {
  private let lock = NSLock()
  private var _count = 0
  private var _error: (any Error)?
  private var _failures = 0
  private var _firstFailure: String?
  private var _stopped = false

  var count: Int { lock.withLock { _count } }
  var error: (any Error)? { lock.withLock { _error } }
  var failures: Int { lock.withLock { _failures } }
  var firstFailure: String? { lock.withLock { _firstFailure } }
  /// Whether workers should take no more runs (an error, or too many failures).
  var stopped: Bool { lock.withLock { _error != nil || _stopped } }

  func stop() { lock.withLock { _stopped = true } }

  /// Counts a failed run; returns the failures so far.
  func recordFailure(_ reason: String) -> Int {
    lock.withLock {
      _failures += 1
      if _firstFailure == nil { _firstFailure = reason }
      return _failures
    }
  }

  func increment() -> Int {
    lock.withLock {
      _count += 1; return _count
    }
  }
  func fail(_ error: any Error) { lock.withLock { if _error == nil { _error = error } } }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
