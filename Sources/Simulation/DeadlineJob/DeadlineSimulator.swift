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
    var policy = policy  // this run's copy: it may learn as it goes
    var knowledge = probing.isFree ? nil : ZoneKnowledge(zones: window.zones)
    var outcome = DeadlineOutcome(
      cost: 0, spotCost: 0, spotHours: 0, onDemandHours: 0, preemptions: 0, restarts: 0,
      finishedAt: nil)
    var onDemandHours = [Double](repeating: 0, count: window.regions)
    var done = 0.0
    var place: Place?
    var home: Place?
    var overheadLeft = 0.0
    let dt = window.tick
    let ticks = Swift.min(window.ticks, DeadlineJob.ticks(job.deadline, dt))
    // With one accelerator type (every place as fast and as quick to
    // start) the guard's second test is its first.
    let oneType = window.unitSpeed && window.uniformRestart
    for k in 0..<ticks {
      let time = Double(k) * dt
      if let z = place?.zone {
        let up = window.available[z][k]
        knowledge?.record(
          ZoneObservation(zone: z, tick: k, up: up, kind: up ? .running : .preemption))
        if !up {
          place = nil  // preempted: unworked overhead is lost
          overheadLeft = 0
          outcome.preemptions += 1
        }
      }
      func decide() -> Place? {
        let view = DeadlineView(
          window: window, tick: k, done: done, place: place, home: home,
          overheadLeft: overheadLeft, probing: probing, knowledge: knowledge)
        knowledge?.news.removeAll(keepingCapacity: true)
        return policy.decide(view, job: job)
      }
      var next = decide()
      if knowledge != nil {
        // A failed launch is observed, and the policy decides again.
        var tried: [Int] = []
        while let z = next?.zone, !window.available[z][k], !tried.contains(z) {
          tried.append(z)
          knowledge?.record(ZoneObservation(zone: z, tick: k, up: false, kind: .launch))
          next = decide()
        }
      }
      if let n = next, !window.canRun(n, tick: k) { next = nil }
      if policy.guarded {
        let fallback = DeadlineGuard.fallback(
          place: place, home: home, remaining: job.work - done, job: job, window: window)
        if DeadlineGuard.mustRunOnDemand(
          done: done, time: time, job: job, tick: dt, from: place ?? home, to: fallback,
          window: window)
          || next.map({ n in
            // Where a spot start would leave the checkpoint: at a slow type
            // it may put every on-demand out of reach by next tick.
            !oneType && n != place && !n.isOnDemand
              && DeadlineGuard.mustRunOnDemand(
                done: done, time: time, job: job, tick: dt, from: n,
                to: DeadlineGuard.fallback(
                  place: n, home: n, remaining: job.work - done, job: job, window: window),
                window: window)
          }) ?? false
        {
          next = fallback
        }
      }
      var progress = 0.0
      var speed = 1.0
      if let n = next {
        if n != place {
          let transfer = window.transfer(from: home, to: n)
          overheadLeft = window.restart(at: window.index(of: n), job: job) + transfer
          let egress = window.egressDollars(from: home, to: n)
          if egress > 0 || transfer > 0 { outcome.migrations += 1 }
          outcome.egressCost += egress
          outcome.restarts += 1
          home = n
          if let z = n.zone {
            knowledge?.record(ZoneObservation(zone: z, tick: k, up: true, kind: .launch))
          }
        }
        let overhead = Swift.min(overheadLeft, dt)
        overheadLeft -= overhead
        speed = window.speed[window.index(of: n)]
        progress = speed * (dt - overhead)
        switch n {
        case .spot(let z):
          outcome.spotCost += window.price[z][k] * dt
          outcome.spotHours += dt
        case .onDemand(let r):
          onDemandHours[r] += dt
          outcome.onDemandHours += dt
        }
      } else {
        overheadLeft = 0
      }
      place = next
      if knowledge != nil {
        // Probes asked for now are billed when they find spot, and told
        // as news at the next decision.
        let view = DeadlineView(
          window: window, tick: k, done: done, place: next, home: home,
          overheadLeft: overheadLeft, probing: probing, knowledge: knowledge)
        for z in policy.probes(view, job: job, place: next) where z != next?.zone {
          let up = window.available[z][k]
          outcome.probes += 1
          if up { outcome.probeCost += window.price[z][k] * probing.billedSeconds / 3600 }
          knowledge?.record(ZoneObservation(zone: z, tick: k, up: up, kind: .probe))
        }
      }
      if let n = next, window.types[window.index(of: n)] != 0 {
        outcome.otherTypeWork += Swift.min(progress, job.work - done)
      }
      if done + progress >= job.work - 1e-9 {
        // Finished inside this tick, which is billed whole.
        let finish = time + (dt - progress / speed) + (job.work - done) / speed
        outcome.finishedAt = finish <= job.deadline + 1e-9 ? finish : nil
        break
      }
      done += progress
    }
    var onDemandCost = 0.0
    for r in 0..<window.regions { onDemandCost += onDemandHours[r] * window.onDemandPrice[r] }
    outcome.cost = outcome.spotCost + onDemandCost + outcome.egressCost + outcome.probeCost
    return outcome
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
