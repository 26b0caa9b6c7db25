/// Runs a deadline job tick by tick under a policy.
public enum DeadlineJobSimulator {
  /// One tick of the model, shared by the simulator and the optimum so both
  /// obey exactly the same rules. Returns the progress made.
  /// - Parameters:
  ///   - mode: what runs this tick (already validated against availability).
  ///   - previous: what ran in the previous tick (idle after a preemption).
  ///   - overheadLeft: overhead left on the previous tick's instance.
  @inlinable
  public static func step(
    mode: DeadlineMode, previous: DeadlineMode, overheadLeft: inout Double, tick: Double,
    restartOverhead: Double
  ) -> (progress: Double, restarted: Bool) {
    guard mode != .idle else {
      overheadLeft = 0
      return (0, false)
    }
    var restarted = false
    if mode != previous {
      overheadLeft = restartOverhead
      restarted = true
    }
    let overhead = Swift.min(overheadLeft, tick)
    overheadLeft -= overhead
    return (tick - overhead, restarted)
  }

  /// Simulates `policy` on `window`.
  public static func run(_ policy: any DeadlinePolicy, job: DeadlineJob, window: TraceWindow)
    -> DeadlineOutcome
  {
    var outcome = DeadlineOutcome(
      cost: 0, spotCost: 0, spotHours: 0, onDemandHours: 0, preemptions: 0, restarts: 0,
      finishedAt: nil)
    var done = 0.0
    var mode = DeadlineMode.idle
    var overheadLeft = 0.0
    let dt = window.tick
    let ticks = Swift.min(window.available.count, DeadlineJob.ticks(job.deadline, dt))
    for k in 0..<ticks {
      let time = Double(k) * dt
      let available = window.available[k]
      if mode == .spot && !available {
        mode = .idle  // preempted: unworked overhead is lost
        overheadLeft = 0
        outcome.preemptions += 1
      }
      let state = DeadlineState(
        tick: k, time: time, done: done, mode: mode, overheadLeft: overheadLeft,
        spotAvailable: available)
      var next = policy.decide(state, job: job, tick: dt)
      if next == .spot && !available { next = .idle }
      if policy.guarded && DeadlineGuard.mustRunOnDemand(state, job: job, tick: dt) {
        next = .onDemand
      }
      let (progress, restarted) = step(
        mode: next, previous: mode, overheadLeft: &overheadLeft, tick: dt,
        restartOverhead: job.restartOverhead)
      if restarted { outcome.restarts += 1 }
      switch next {
      case .spot:
        outcome.spotCost += window.price[k] * dt
        outcome.spotHours += dt
      case .onDemand:
        outcome.onDemandHours += dt
      case .idle:
        break
      }
      mode = next
      if done + progress >= job.work - 1e-9 {
        // Finished inside this tick, which is billed whole.
        let finish = time + (dt - progress) + (job.work - done)
        outcome.finishedAt = finish <= job.deadline + 1e-9 ? finish : nil
        break
      }
      done += progress
    }
    outcome.cost = outcome.spotCost + outcome.onDemandHours * job.onDemandPrice
    return outcome
  }
}

extension DeadlineJob {
  /// Ticks from the window start to the deadline (the last may be partial).
  @inlinable
  static func ticks(_ hours: Double, _ tick: Double) -> Int {
    Int((hours / tick - 1e-9).rounded(.up))
  }
}
