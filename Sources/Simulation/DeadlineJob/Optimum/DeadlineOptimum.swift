/// The cheapest schedule of a deadline job over its window's zones that meets its
/// deadline, knowing the window's whole future.
///
/// An exact forward dynamic program over ticks. A state is where the job is
/// — idle with its checkpoint at some place (or none), or running at a place
/// with some overhead left (its checkpoint is then there) — and holds a
/// Pareto frontier of (work done, dollars spent): a point is dropped when
/// another in the same state has at least its work for at most its cost
/// (the future open to both is the same, and more work never hurts). Points
/// are also dropped when even on-demand from now could not finish in time,
/// or when their cost plus a lower bound on the rest reaches the best
/// schedule known (then that schedule is the optimum). Two bounds on the
/// rest: the cheapest ticks left (`CostFloor`), and the starts spot still
/// needs, each paying the restart overhead (`StartsFloor`).
///
/// The best schedule known comes, in order, from the guarded policies,
/// from staying in each zone (the single-zone optimum, exactly this model
/// without moves), and from a narrow pass of this same search that keeps
/// only a few points per state; the exact pass then only has to prove it
/// or beat it. Transfer, egress and every rule are those of
/// `DeadlineSimulator`.
public enum DeadlineOptimum {
  struct Key: Hashable {
    /// Place running (−1: idle).
    var place: Int32
    /// Checkpoint place when idle (−1: none; equals `place` when running).
    var home: Int32
    /// Overhead left, hours (0 when idle).
    var overhead: Double
  }

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
  }

  /// Solves `job` on `window`; nil when no schedule meets the deadline.
  public static func solve(job: DeadlineJob, window: DeadlineWindow) -> DeadlineOutcome? {
    // Bound: the cheapest guarded policy (a schedule of this model).
    let candidates = DeadlinePolicies.incumbents.filter(\.guarded)
      .map { DeadlineSimulator.run($0, job: job, window: window) }
    var incumbent = candidates.filter { !$0.missed }.min { $0.cost < $1.cost }
    // Staying in one zone (spot there, on-demand in its region, no move)
    // is exactly the single-zone model, solved exactly under that bound.
    let ticks = Swift.min(window.ticks, DeadlineJob.ticks(job.deadline, window.tick))
    for z in 0..<window.zones {
      var single = job
      single.onDemandPrice = window.onDemandPrice[window.zoneRegion[z]]
      let zone = window.slice(zone: z)
      for onDemand in [false, true] {
        if let stay = SingleZoneOptimum.solveByFrontiers(
          job: single, window: zone, ticks: ticks, bound: incumbent?.cost ?? .infinity,
          onDemand: onDemand)
        {
          incumbent = stay
        }
      }
    }
    // Both passes share the window's floors.
    let floor = CostFloor(window: window, ticks: ticks)
    let startsFloor = StartsFloor(
      window: window, ticks: ticks, restartOverhead: job.restartOverhead)
    func search(bound: Double, beamWidth: Int?) -> DeadlineOutcome? {
      Self.search(
        job: job, window: window, ticks: ticks, floor: floor, startsFloor: startsFloor,
        bound: bound, beamWidth: beamWidth)
    }
    // A narrow pass next: each state keeps only its few most promising
    // points, which finds a schedule close to the optimum fast.
    if let narrow = search(bound: incumbent?.cost ?? .infinity, beamWidth: 8) {
      incumbent = narrow
    }
    return search(bound: incumbent?.cost ?? .infinity, beamWidth: nil) ?? incumbent
  }

  /// The cheapest schedule that costs less than `bound`, or nil. With a
  /// `beamWidth`, each state keeps at most that many points (those with
  /// the least cost plus the floor of the work left), so the result is a
  /// real schedule but not necessarily the cheapest.
  static func search(
    job: DeadlineJob, window: DeadlineWindow, ticks: Int, floor: CostFloor,
    startsFloor: StartsFloor, bound: Double, beamWidth: Int?
  ) -> DeadlineOutcome? {
    let dt = window.tick
    let zones = window.zones
    var frontier: [Key: [Point]] = [
      Key(place: -1, home: -1, overhead: 0): [
        Point(
          done: 0, cost: 0, spotCost: 0, spotHours: 0, onDemandHours: 0, egress: 0,
          preemptions: 0, restarts: 0, migrations: 0)
      ]
    ]
    var best: (Point, Double)?
    var bestCost = bound
    for k in 0..<ticks {
      let time = Double(k) * dt
      var next: [Key: [Point]] = [:]
      for key in frontier.keys.sorted(by: order) {
        var place = Int(key.place)
        var overheadLeft = key.overhead
        let home: Int? = key.home >= 0 ? Int(key.home) : nil
        var preempted = false
        let points = frontier[key]!
        var kept: [Point] = []
        kept.reserveCapacity(points.count)
        if place >= 0, place < zones, !window.available[place][k] {
          place = -1
          overheadLeft = 0
          preempted = true
        }
        for action in -1..<window.places where action < 0 || window.canRun(action, tick: k) {
          let starts = action >= 0 && action != place
          let startOverhead =
            starts ? job.restartOverhead + window.transfer(from: home, to: action) : overheadLeft
          let egress = starts ? window.egressDollars(from: home, to: action) : 0
          let moved = starts && (egress > 0 || window.transfer(from: home, to: action) > 0)
          var progress = 0.0
          var left = 0.0
          var bill = 0.0
          if action >= 0 {
            let overhead = Swift.min(startOverhead, dt)
            left = startOverhead - overhead
            progress = dt - overhead
            bill = window.hourlyPrice(action, tick: k) * dt
          }
          let newHome = action >= 0 ? action : (home ?? -1)
          let target = Key(
            place: Int32(action), home: Int32(newHome), overhead: action >= 0 ? left : 0)
          kept.removeAll(keepingCapacity: true)
          for point in points {
            var p = point
            if preempted { p.preemptions += 1 }
            if starts { p.restarts += 1 }
            if moved { p.migrations += 1 }
            p.egress += egress
            p.cost += bill + egress
            if action >= 0 {
              if action < zones {
                p.spotCost += bill
                p.spotHours += dt
              } else {
                p.onDemandHours += dt
              }
            }
            if p.done + progress >= job.work - 1e-9 {
              let finish = time + (dt - progress) + (job.work - p.done)
              if finish <= job.deadline + 1e-9, p.cost < bestCost - 1e-12 {
                bestCost = p.cost
                best = (p, finish)
              }
              continue
            }
            p.done += progress
            // Even on-demand from the next tick must still finish in time,
            // and the rest must be able to beat the best found.
            let remaining = job.work - p.done
            let resume = action >= 0 ? Swift.min(left, job.restartOverhead) : job.restartOverhead
            if remaining + resume > job.deadline - (time + dt) + 1e-9 { continue }
            if p.cost + floor.atLeast(work: remaining, from: k + 1) >= bestCost - 1e-12 {
              continue
            }
            kept.append(p)
          }
          // One lookup per move, not per point.
          if !kept.isEmpty { next[target, default: []].append(contentsOf: kept) }
        }
      }
      for (key, points) in next {
        // Only the front's points face the (dearer) count of starts left.
        let place = Int(key.place)
        var front = paretoFront(points).filter { p in
          let toGo = startsFloor.atLeast(
            work: job.work - p.done, from: k + 1, zone: place >= 0 && place < zones ? place : nil,
            overhead: key.overhead,
            onDemandOverhead: place >= zones ? key.overhead : job.restartOverhead,
            ticksPriced: floor)
          return p.cost + toGo < bestCost - 1e-12
        }
        guard !front.isEmpty else {
          next[key] = nil
          continue
        }
        if let beamWidth, front.count > beamWidth {
          // Most promising first: least cost plus the cheapest the work
          // left could cost.
          let promise = front.map { $0.cost + floor.atLeast(work: job.work - $0.done, from: k + 1) }
          let order = front.indices.sorted { (promise[$0], $0) < (promise[$1], $1) }
          front = order.prefix(beamWidth).sorted().map { front[$0] }
        }
        next[key] = front
      }
      dropDominatedAcrossStates(&next, restartOverhead: job.restartOverhead)
      frontier = next
      if frontier.isEmpty { break }
    }
    if let (p, finish) = best {
      return DeadlineOutcome(
        cost: p.cost, spotCost: p.spotCost, spotHours: p.spotHours, onDemandHours: p.onDemandHours,
        preemptions: Int(p.preemptions), restarts: Int(p.restarts), finishedAt: finish,
        egressCost: p.egress, migrations: Int(p.migrations))
    }
    return nil
  }

  /// Cross-state dominance at one place p. A point running at p with
  /// overhead o can make every move one running at p with more overhead
  /// can (its checkpoint is at p too; a preemption idles both at p), and,
  /// when o ≤ d, every move of one idle with its checkpoint at p (to go on
  /// costs it o, to start anywhere costs both the same). With at most the
  /// cost and at least the work, it dominates.
  static func dropDominatedAcrossStates(_ states: inout [Key: [Point]], restartOverhead d: Double) {
    var byPlace: [Int32: [(Double, [Point])]] = [:]
    for (key, points) in states where key.place >= 0 {
      byPlace[key.place, default: []].append((key.overhead, points))
    }
    for (place, running) in byPlace {
      let sorted = running.sorted { $0.0 < $1.0 }
      // Running states with more overhead, against every one with less.
      for i in sorted.indices.dropFirst() {
        let key = Key(place: place, home: place, overhead: sorted[i].0)
        for j in 0..<i { removeDominated(&states[key]!, by: sorted[j].1) }
      }
      let idle = Key(place: -1, home: place, overhead: 0)
      guard states[idle] != nil else { continue }
      for (overhead, points) in sorted where overhead <= d + 1e-12 {
        removeDominated(&states[idle]!, by: points)
      }
      if states[idle]!.isEmpty { states[idle] = nil }
    }
  }

  /// Drops from `points` those a point of `front` dominates: at least the
  /// work for at most the cost (both sorted most work first).
  static func removeDominated(_ points: inout [Point], by front: [Point]) {
    guard !front.isEmpty, !points.isEmpty else { return }
    var j = 0
    var cheapest = Double.infinity
    points = points.filter { p in
      while j < front.count && front[j].done >= p.done - 1e-12 {
        cheapest = Swift.min(cheapest, front[j].cost)
        j += 1
      }
      return cheapest > p.cost + 1e-12
    }
  }

  /// The points no other point dominates (more work for no more cost), most
  /// work first; ties keep the first.
  static func paretoFront(_ points: [Point]) -> [Point] {
    guard points.count > 1 else { return points }
    let sorted = points.sorted { $0.done != $1.done ? $0.done > $1.done : $0.cost < $1.cost }
    var kept: [Point] = []
    var cheapest = Double.infinity
    for p in sorted where p.cost < cheapest - 1e-12 {
      kept.append(p)
      cheapest = p.cost
    }
    return kept
  }

  /// A fixed visiting order of states, so results never depend on hashing.
  static func order(_ a: Key, _ b: Key) -> Bool {
    (a.place, a.home, a.overhead) < (b.place, b.home, b.overhead)
  }
}
