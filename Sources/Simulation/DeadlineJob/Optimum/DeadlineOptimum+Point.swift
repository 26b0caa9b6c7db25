extension DeadlineOptimum {
  /// A partial schedule as the search keeps it: its work and dollars, and
  /// the counts its outcome reports.
  struct Point {
    var done: Double
    var cost: Double
    var spotCost: Double
    var spotHours: Double
    var onDemandHours: Double
    var egress: Double
    var preemptions: Int32
    var restarts: Int32
    var migrations: Int32
    /// Work done on places of another type than the window's own.
    var otherWork = 0.0
    /// That work per type: types 1 to 4 in lanes 0 to 3, any type past the
    /// fourth counted with it (single precision: a share to report, kept
    /// small because the search holds many points).
    var typeWork = SIMD4<Float>()

    /// Nothing done, nothing spent.
    static let start = Point(
      done: 0, cost: 0, spotCost: 0, spotHours: 0, onDemandHours: 0, egress: 0, preemptions: 0,
      restarts: 0, migrations: 0)

    /// Adds `step`'s work (at most what is left of `work`).
    mutating func advance(_ step: Step, work: Double) {
      if step.type != 0 {
        let w = Swift.min(step.progress, work - done)
        otherWork += w
        typeWork[Swift.min(step.type, 4) - 1] += Float(w)
      }
      done += step.progress
    }

    /// Bills `step` (running `bill` dollars in its tick) and counts what it
    /// does; the work is added by the caller, who first checks `finish`.
    mutating func take(_ step: Step, bill: Double, preempted: Bool, zones: Int, dt: Double) {
      if preempted { preemptions += 1 }
      if step.starts { restarts += 1 }
      if step.moved { migrations += 1 }
      egress += step.egress
      cost += bill + step.egress
      if step.action >= 0 {
        if step.action < zones {
          spotCost += bill
          spotHours += dt
        } else {
          onDemandHours += dt
        }
      }
    }

    /// When the job finishes if `step`, taken in the tick starting at
    /// `time`, completes its work (nil: it does not).
    func finish(after step: Step, at time: Double, job: DeadlineJob, dt: Double) -> Double? {
      guard done + step.progress >= job.work - 1e-9 else { return nil }
      return time + (dt - step.progress / step.speed) + (job.work - done) / step.speed
    }

    /// Whether the fastest place (on-demand, with one type) from `time` on
    /// (after `step`) still finishes in time: what is left at `fastest`
    /// work per hour, plus the overhead before work resumes (at least the
    /// least restart of any place, `leastRestart`, unless it goes on where
    /// it runs).
    func canStillFinish(
      after step: Step, at time: Double, job: DeadlineJob, fastest: Double, leastRestart: Double
    ) -> Bool {
      let resume =
        step.action >= 0 ? Swift.min(step.target.overhead, leastRestart) : leastRestart
      return (job.work - done) / fastest + resume <= job.deadline - time + 1e-9
    }

    /// The schedule's outcome for `work`, finishing at `finishedAt`, on a
    /// window of `types` accelerator types.
    func outcome(finishedAt: Double, work: Double, types: Int) -> DeadlineOutcome {
      var o = DeadlineOutcome(
        cost: cost, spotCost: spotCost, spotHours: spotHours, onDemandHours: onDemandHours,
        preemptions: Int(preemptions), restarts: Int(restarts), finishedAt: finishedAt,
        egressCost: egress, migrations: Int(migrations))
      o.otherTypeWork = otherWork
      o.workByType = [Swift.max(0, Swift.min(done, work) - otherWork)]
      for t in 1..<Swift.max(1, types) { o.workByType.append(t <= 4 ? Double(typeWork[t - 1]) : 0) }
      return o
    }
  }
}
