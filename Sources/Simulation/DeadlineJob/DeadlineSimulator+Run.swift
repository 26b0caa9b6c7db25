extension DeadlineSimulator {
  /// One deadline job under one policy, as `run(_:job:window:probing:)`
  /// steps it: where the job is, what it has done and what it has paid.
  struct Run {
    var policy: any DeadlinePolicy  // this run's copy: it may learn as it goes
    let job: DeadlineJob
    let window: DeadlineWindow
    let probing: Probing
    var knowledge: ZoneKnowledge?
    var outcome = DeadlineOutcome(
      cost: 0, spotCost: 0, spotHours: 0, onDemandHours: 0, preemptions: 0, restarts: 0,
      finishedAt: nil)
    var onDemandHours: [Double]
    var done = 0.0
    var place: Place?
    var home: Place?
    var overheadLeft = 0.0
    /// The job's periodic checkpoints since its last start.
    var checkpoints = Checkpoints()
    /// With one accelerator type (every place as fast and as quick to
    /// start) the guard's second test is its first.
    let oneType: Bool
    /// Each tick as simulated, when recording (`timeline`); nil: not.
    var steps: [DeadlineStep]?

    init(_ policy: any DeadlinePolicy, job: DeadlineJob, window: DeadlineWindow, probing: Probing) {
      self.policy = policy
      self.job = job
      self.window = window
      self.probing = probing
      knowledge = probing.isFree ? nil : ZoneKnowledge(zones: window.zones)
      onDemandHours = [Double](repeating: 0, count: window.regions)
      oneType = window.unitSpeed && window.uniformRestart
      outcome.workByType = Array(repeating: 0, count: window.typeCount)
    }

    /// Runs every tick until the job finishes, the deadline or the window's
    /// end, whichever is first.
    mutating func toDeadline() {
      let ticks = Swift.min(window.ticks, DeadlineJob.ticks(job.deadline, window.tick))
      for k in 0..<ticks {
        guard tick(k) else { break }
      }
    }

    /// Runs tick k; false once the job has finished (inside the tick).
    mutating func tick(_ k: Int) -> Bool {
      let dt = window.tick
      let time = Double(k) * dt
      observePreemption(at: k)
      var next = choose(at: k)
      if policy.guarded { next = guarded(next, at: k, time: time) }
      var progress = 0.0
      var speed = 1.0
      if let n = next {
        start(n, at: k)
        let overhead = Swift.min(overheadLeft, dt)
        overheadLeft -= overhead
        speed = window.speed[window.index(of: n)]
        progress = speed * (dt - overhead)
        bill(n, at: k)
      } else {
        overheadLeft = 0
      }
      place = next
      if knowledge != nil { probe(at: k) }
      if let n = next {
        let type = window.types[window.index(of: n)]
        let work = Swift.min(progress, job.work - done)
        if type != 0 { outcome.otherTypeWork += work }
        outcome.workByType[type] += work
      }
      let finished = done + progress >= job.work - 1e-9
      if steps != nil { record(at: k, done: finished ? job.work : done + progress) }
      if finished {
        // Finished inside this tick, which is billed whole.
        let finish = time + (dt - progress / speed) + (job.work - done) / speed
        outcome.finishedAt = finish <= job.deadline + 1e-9 ? finish : nil
        return false
      }
      done += progress
      if next != nil, job.checkpointInterval > 0 {
        checkpoints.ran(done: done, until: time + dt, every: window.checkpointTicks(job: job))
      }
      return true
    }

    /// A spot place without spot is preempted: unworked overhead is lost.
    mutating func observePreemption(at k: Int) {
      guard let z = place?.zone else { return }
      let up = window.available[z][k]
      knowledge?.record(
        ZoneObservation(zone: z, tick: k, up: up, kind: up ? .running : .preemption))
      if !up {
        if window.losesWork(at: z, job: job) { loseUnsavedWork(at: k, zone: z) }
        place = nil
        overheadLeft = 0
        outcome.preemptions += 1
      }
    }

    /// The policy's choice at tick k, after any failed launches it
    /// observes (it then decides again), or nil where it cannot run.
    mutating func choose(at k: Int) -> Place? {
      var next = decide(at: k)
      if knowledge != nil {
        var tried: [Int] = []
        while let z = next?.zone, !window.available[z][k], !tried.contains(z) {
          tried.append(z)
          knowledge?.record(ZoneObservation(zone: z, tick: k, up: false, kind: .launch))
          next = decide(at: k)
        }
      }
      if let n = next, !window.canRun(n, tick: k) { next = nil }
      return next
    }

    mutating func decide(at k: Int) -> Place? {
      let view = DeadlineView(
        window: window, tick: k, done: done, place: place, home: home,
        overheadLeft: overheadLeft, probing: probing, knowledge: knowledge)
      knowledge?.news.removeAll(keepingCapacity: true)
      return policy.decide(view, job: job)
    }

    /// `next`, or on-demand where the deadline guard says the job must run
    /// there now to finish in time.
    func guarded(_ next: Place?, at k: Int, time: Double) -> Place? {
      let dt = window.tick
      let fallback = DeadlineGuard.fallback(
        place: place, home: home, remaining: job.work - done, job: job, window: window)
      // Staying where a reclaim loses work, the job must be able to finish
      // from what a reclaim next tick would leave it.
      var kept = done
      if let n = next, n == place, window.losesWork(at: window.index(of: n), job: job) {
        kept = checkpoints.durable(at: time + dt, writeHours: job.checkpointWriteHours)
      }
      if DeadlineGuard.mustRunOnDemand(
        done: kept, time: time, job: job, tick: dt, from: place ?? home, to: fallback,
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
        return fallback
      }
      return next
    }

    /// A start anywhere but the current place pays the restart overhead
    /// plus the checkpoint's transfer, and egress between regions.
    mutating func start(_ n: Place, at k: Int) {
      guard n != place else { return }
      let transfer = window.transfer(from: home, to: n)
      overheadLeft = window.restart(at: window.index(of: n), job: job) + transfer
      let egress = window.egressDollars(from: home, to: n)
      if egress > 0 || transfer > 0 { outcome.migrations += 1 }
      outcome.egressCost += egress
      outcome.restarts += 1
      checkpoints = Checkpoints(done: done)
      home = n
      if let z = n.zone {
        knowledge?.record(ZoneObservation(zone: z, tick: k, up: true, kind: .launch))
      }
    }

    /// Bills tick k at `n`, whole.
    mutating func bill(_ n: Place, at k: Int) {
      let dt = window.tick
      switch n {
      case .spot(let z):
        outcome.spotCost += window.price[z][k] * dt
        outcome.spotHours += dt
      case .onDemand(let r):
        onDemandHours[r] += dt
        outcome.onDemandHours += dt
      }
    }

    /// Probes asked for at the end of tick k are billed when they find
    /// spot, and told as news at the next decision.
    mutating func probe(at k: Int) {
      let view = DeadlineView(
        window: window, tick: k, done: done, place: place, home: home,
        overheadLeft: overheadLeft, probing: probing, knowledge: knowledge)
      for z in policy.probes(view, job: job, place: place) where z != place?.zone {
        let up = window.available[z][k]
        outcome.probes += 1
        if up { outcome.probeCost += window.price[z][k] * probing.billedSeconds / 3600 }
        knowledge?.record(ZoneObservation(zone: z, tick: k, up: up, kind: .probe))
      }
    }

    /// The outcome, with on-demand billed at each region's price.
    func finish() -> DeadlineOutcome {
      var outcome = outcome
      var onDemandCost = 0.0
      for r in 0..<window.regions { onDemandCost += onDemandHours[r] * window.onDemandPrice[r] }
      outcome.cost = outcome.spotCost + onDemandCost + outcome.egressCost + outcome.probeCost
      return outcome
    }

    /// Appends tick k as a step, with `done` the work by its end.
    mutating func record(at k: Int, done: Double) {
      let step = DeadlineStep(
        tick: k, place: place, home: home, spot: place?.zone.map { window.available[$0][k] },
        done: done, spent: finish().cost)
      steps?.append(step)
    }
  }
}
