/// Runs a deadline job tick by tick under a policy: the one tick loop of
/// the deadline-job model, for one zone or many.
///
/// At each tick: a spot place without spot is preempted (overhead not yet
/// worked off is lost); the policy picks a place (a spot zone without spot
/// means idle); the deadline guard may override it with on-demand where the
/// checkpoint is; a start anywhere but the current place pays the restart
/// overhead plus the checkpoint's transfer, and egress between regions; the
/// tick is billed whole, and a job that finishes inside it stops there.
///
/// With modelled probing, the policy is told what it observes (its zone's
/// spot while it runs there, a preemption, each launch it tries, each probe
/// it asks for at the end of a tick), a failed launch lets it decide again
/// in the same tick, and each probe that finds spot is billed.
public enum DeadlineSimulator {
  /// Simulates `policy` on `window`, observing zones as `probing` says.
  public static func run(
    _ policy: any DeadlinePolicy, job: DeadlineJob, window: DeadlineWindow,
    probing: Probing = .free
  )
    -> DeadlineOutcome
  {
    var run = Run(policy, job: job, window: window, probing: probing)
    run.toDeadline()
    return run.finish()
  }

  /// `run`, with every tick the job was simulated as a step (the last one
  /// the tick it finished in); its outcome is `run`'s.
  public static func timeline(
    _ policy: any DeadlinePolicy, job: DeadlineJob, window: DeadlineWindow,
    probing: Probing = .free
  ) -> (outcome: DeadlineOutcome, steps: [DeadlineStep]) {
    var run = Run(policy, job: job, window: window, probing: probing)
    run.steps = []
    run.toDeadline()
    return (run.finish(), run.steps ?? [])
  }
}

extension DeadlineSimulator {
  /// Simulates `policy` on one zone's trace slice: the window of that one
  /// zone, with on-demand at the job's price.
  public static func run(_ policy: any DeadlinePolicy, job: DeadlineJob, window: TraceWindow)
    -> DeadlineOutcome
  {
    run(policy, job: job, window: .oneZone(window, onDemandPrice: job.onDemandPrice))
  }
}

/// The guard that keeps every guarded policy on time: commit to on-demand
/// when, without progress this tick, starting on-demand next tick could no
/// longer finish by the deadline (remaining work ÷ its speed + d > time
/// left − one tick). By induction, on-demand started by the guard always
/// finishes in time.
public enum DeadlineGuard {
  /// Whether on-demand (at `speed`, work per hour, after `transfer` hours
  /// of moving the checkpoint and `restart` hours of starting: the job's
  /// restart overhead unless given) must run this tick, with `done` of the
  /// work done at `time` hours into the window.
  @inlinable
  public static func mustRunOnDemand(
    done: Double, time: Double, job: DeadlineJob, tick: Double, speed: Double = 1,
    transfer: Double = 0, restart: Double? = nil
  ) -> Bool {
    let remaining = job.work - done
    return remaining / speed + (restart ?? job.restartOverhead) + transfer
      > job.deadline - time - tick + 1e-9
  }

  /// Whether on-demand `to` must run this tick with the checkpoint at
  /// `from`: its speed and the checkpoint's transfer counted.
  @inlinable
  public static func mustRunOnDemand(
    done: Double, time: Double, job: DeadlineJob, tick: Double, from: Place?, to: Place,
    window: DeadlineWindow
  ) -> Bool {
    mustRunOnDemand(
      done: done, time: time, job: job, tick: tick, speed: window.speed[window.index(of: to)],
      transfer: window.transfer(from: from, to: to),
      restart: window.restart(at: window.index(of: to), job: job))
  }

  /// The on-demand the guard runs: the current one when on on-demand
  /// already (it never leaves it); else the on-demand where the checkpoint
  /// is, unless another finishes `remaining` work strictly sooner (its
  /// transfer, d, and the work at its speed) — with one accelerator type
  /// none does, so the start costs d alone.
  public static func fallback(
    place: Place?, home: Place?, remaining: Double, job: DeadlineJob, window: DeadlineWindow
  ) -> Place {
    if let place, place.isOnDemand { return place }
    let from = place ?? home
    var best = Place.onDemand(region: from.map(window.region(of:)) ?? 0)
    guard !window.unitSpeed || !window.uniformRestart else { return best }
    func hours(_ p: Place) -> Double {
      remaining / window.speed[window.index(of: p)]
        + window.restart(at: window.index(of: p), job: job)
        + window.transfer(from: from, to: p)
    }
    var least = hours(best)
    for r in 0..<window.regions {
      let p = Place.onDemand(region: r)
      let h = hours(p)
      if h < least {
        least = h
        best = p
      }
    }
    return best
  }
}

extension DeadlineJob {
  /// Ticks from the window start to the deadline (the last may be partial).
  @inlinable
  static func ticks(_ hours: Double, _ tick: Double) -> Int {
    Int((hours / tick - 1e-9).rounded(.up))
  }
}
