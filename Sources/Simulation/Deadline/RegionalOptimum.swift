/// The cheapest schedule of a multi-region deadline job that meets its
/// deadline, knowing the window's whole future.
///
/// An exact forward dynamic program over ticks. A state is where the job is
/// — idle with its checkpoint at some place (or none), or running at a place
/// with some overhead left (its checkpoint is then there) — and holds a
/// Pareto frontier of (work done, dollars spent): a point is dropped when
/// another in the same state has at least its work for at most its cost
/// (the future open to both is the same, and more work never hurts). Points
/// are also dropped when even on-demand from now could not finish in time,
/// or when their cost plus remaining work × the cheapest price left reaches
/// the cheapest guarded policy's cost (then that policy's run is the
/// optimum). Transfer, egress and every rule are those of
/// `RegionalJobSimulator`.
public enum RegionalOptimum {
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
  public static func solve(job: DeadlineJob, window: RegionalWindow) -> DeadlineOutcome? {
    // Bound: the cheapest guarded policy, or staying in one zone (spot
    // there and on-demand in its region, no move: exactly the single-zone
    // model), solved exactly per zone — both are schedules of this model.
    var candidates = RegionalPolicies.all.filter(\.guarded)
      .map { RegionalJobSimulator.run($0, job: job, window: window) }
    for z in 0..<window.zones {
      var single = job
      single.onDemandPrice = window.onDemandPrice[window.zoneRegion[z]]
      if let stay = OfflineOptimum.solve(
        job: single,
        window: TraceWindow(
          tick: window.tick, available: window.available[z], price: window.price[z]))
      {
        candidates.append(stay)
      }
    }
    let incumbent = candidates.filter { !$0.missed }.min { $0.cost < $1.cost }
    let bound = incumbent?.cost ?? .infinity
    let dt = window.tick
    let zones = window.zones
    let ticks = Swift.min(window.ticks, DeadlineJob.ticks(job.deadline, dt))
    let floor = CostFloor(window: window, ticks: ticks)
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
          for point in frontier[key]! {
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
            next[target, default: []].append(p)
          }
        }
      }
      for (key, points) in next { next[key] = paretoFront(points) }
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
    return incumbent
  }

  /// A lower bound on what `work` more hours cost from tick k: each hour of
  /// work needs a billed tick of its own (a tick gives at most `dt` of
  /// work), and a tick costs at least its cheapest place (an available spot
  /// zone, or on-demand). So the rest costs at least the ⌈work ÷ dt⌉ cheapest
  /// tick prices left, each rounded down to one of 64 price levels (so a
  /// query walks levels, not ticks).
  struct CostFloor {
    let dt: Double
    let levels: [Double]
    /// counts[k × n + b]: ticks at or after k whose cheapest price lies in
    /// level b (at least `levels[b]`).
    let counts: [Int32]
    let n = 64

    init(window: RegionalWindow, ticks: Int) {
      dt = window.tick
      let onDemand = window.onDemandPrice.min() ?? .infinity
      var cheapest = [Double](repeating: onDemand, count: ticks)
      for k in 0..<ticks {
        for z in 0..<window.zones where window.available[z][k] {
          cheapest[k] = Swift.min(cheapest[k], window.price[z][k])
        }
      }
      let low = cheapest.min() ?? 0
      let high = cheapest.max() ?? 0
      let n = self.n
      let step = high > low ? (high - low) / Double(n) : 1
      levels = (0..<n).map { low + Double($0) * step }
      var counts = [Int32](repeating: 0, count: (ticks + 1) * n)
      for k in stride(from: ticks - 1, through: 0, by: -1) {
        for b in 0..<n { counts[k * n + b] = counts[(k + 1) * n + b] }
        let b = Swift.min(n - 1, Swift.max(0, Int((cheapest[k] - low) / step)))
        counts[k * n + b] += 1
      }
      self.counts = counts
    }

    func atLeast(work: Double, from k: Int) -> Double {
      guard k * n < counts.count else { return .infinity }
      var needed = Int((work / dt - 1e-9).rounded(.up))
      guard needed > 0 else { return 0 }
      var total = 0.0
      for b in 0..<n {
        let count = Int(counts[k * n + b])
        guard count > 0 else { continue }
        let take = Swift.min(needed, count)
        total += Double(take) * levels[b] * dt
        needed -= take
        if needed == 0 { return total }
      }
      return .infinity  // not enough ticks left: cannot finish
    }
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
