import Dispatch
import Foundation
import Simulation

/// Executes runs in parallel: workers (at most `jobs`, via Dispatch) take
/// runs in index order and simulate them; one serial writer stores each
/// result in its own transaction, as a failed run when a metric is not
/// finite, and stops the workers after more than `maxFailures` failures.
struct RunPool {
  let store: ResultsStore
  let plan: SweepPlan
  let sweep: Int64
  /// Identities stored with the runs (by run index).
  let identities: [Int: String]
  let jobs: Int
  let maxFailures: Int
  /// Failed runs of the sweep before this round.
  let failuresBefore: Int
  /// For progress: runs already stored, the round, when the sweep started.
  let skipped: Int
  let round: Int
  let start: ContinuousClock.Instant

  /// Computes and stores `runs`; returns the counters (throws the first
  /// storage error).
  func run(_ runs: [PlannedRun], progress: @escaping @Sendable (SweepProgress) -> Void) throws
    -> SharedState
  {
    let work = WorkList(runs)
    let writer = DispatchQueue(label: "synkti.sweep.writer")
    let group = DispatchGroup()
    let state = SharedState()
    let (store, plan, id, identities) = (self.store, self.plan, sweep, self.identities)
    let (total, maxFailures, failuresBefore) = (runs.count, self.maxFailures, self.failuresBefore)
    let (skipped, round, start) = (self.skipped, self.round, self.start)
    DispatchQueue.concurrentPerform(iterations: min(jobs, max(1, runs.count))) { _ in
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
                sweep: id, run: run.record, metrics: result, wallMs: wallMs,
                identity: identities[run.index])
            } else {
              let reason = "non-finite metrics: \(bad.joined(separator: ", "))"
              try store.saveFailedRun(
                sweep: id, run: run.record, reason: reason, wallMs: wallMs,
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
    return state
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
