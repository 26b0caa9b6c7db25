extension OfflineOptimum {
  /// A partial schedule on a frontier.
  struct FrontierPoint {
    var work: Double
    var cost: Double
    var spotTicks: Int32
    var onDemandTicks: Int32
    var restarts: Int32
    var preemptions: Int32
  }

  /// The exact optimum for any tick and overhead: a forward dynamic program
  /// over ticks whose state is the mode of the last tick and how many ticks
  /// the current instance has run (which fixes the overhead left); for each
  /// state it keeps the Pareto frontier of (work done, dollars spent), with
  /// work a real number. A point with at least the work and at most the
  /// cost of another in the same state dominates it: any continuation of
  /// one applies to the other; so does one in another state with a work
  /// lead covering the extra overhead it could face (see `lead`). Points
  /// that cannot finish even on on-demand, or whose cost plus an admissible
  /// cost-to-go reaches `bound`, are dropped.
  ///
  /// - Complexity: O(ticks × states² × frontier), with frontiers kept small
  ///   by the pruning; see `make bench` for measured times.
  static func solveByFrontiers(job: DeadlineJob, window: TraceWindow, ticks: Int, bound: Double)
    -> DeadlineOutcome?
  {
    let dt = window.tick
    let d = job.restartOverhead
    let phases = Swift.max(1, Int((d / dt - 1e-12).rounded(.up)))  // ticks to work off d
    // Overhead consumed in the tick after `n` ticks on the instance.
    func consumed(_ n: Int) -> Double { Swift.min(dt, Swift.max(0, d - Double(n) * dt)) }
    // State index: 0 = idle; 1...phases = spot after n ticks; then on-demand.
    let stateCount = 1 + 2 * phases
    func index(_ mode: DeadlineMode, _ n: Int) -> Int {
      switch mode {
      case .idle: return 0
      case .spot: return n
      case .onDemand: return phases + n
      }
    }
    func decode(_ s: Int) -> (mode: DeadlineMode, ticks: Int) {
      s == 0 ? (.idle, 0) : s <= phases ? (.spot, s) : (.onDemand, s - phases)
    }
    // Overhead left before progress, per continuation (spot, on-demand), in
    // each state. Point A dominates point B of another state when A costs
    // no more and leads in work by at least the most extra overhead A could
    // face (`lead[A][B]`): following B's schedule from then on, A never has
    // less work, so it finishes no later at no more cost. (Running beats
    // idle with no lead; the later phase of a mode beats an earlier one.)
    let overheadLeft: [(spot: Double, onDemand: Double)] = (0..<stateCount).map { s in
      let (mode, n) = decode(s)
      let left = Swift.max(0, d - Double(n) * dt)
      return mode == .idle ? (d, d) : mode == .spot ? (left, d) : (d, left)
    }
    let lead = overheadLeft.map { a in
      overheadLeft.map { b in Swift.max(0, a.spot - b.spot, a.onDemand - b.onDemand) }
    }

    // Admissible cost-to-go from tick k in state s with R hours of work
    // left. Spot can give at most, per availability run left, the run's
    // length less the overhead of starting on it (less only what is left
    // for a spot instance already running on it), at no less than the
    // cheapest spot price left; the rest is on-demand, plus its overhead.
    // Suffix tables make it O(1).
    var runEnd = [Int](repeating: ticks, count: ticks + 1)
    var spotCapacity = [Double](repeating: 0, count: ticks + 1)  // hours, fresh starts
    var cheapestLeft = [Double](repeating: job.onDemandPrice, count: ticks + 1)
    for k in stride(from: ticks - 1, through: 0, by: -1) {
      if window.available[k] {
        runEnd[k] = k + 1 < ticks && window.available[k + 1] ? runEnd[k + 1] : k + 1
        let length = Double(runEnd[k] - k) * dt
        spotCapacity[k] = spotCapacity[runEnd[k]] + Swift.max(0, length - d)
        cheapestLeft[k] = Swift.min(cheapestLeft[k + 1], window.price[k])
      } else {
        spotCapacity[k] = spotCapacity[k + 1]
        cheapestLeft[k] = cheapestLeft[k + 1]
      }
    }
    func costToGo(from k: Int, state s: Int, work remaining: Double) -> Double {
      guard k < ticks else { return .infinity }
      var capacity = spotCapacity[k]
      if decode(s).mode == .spot && window.available[k] {
        let length = Double(runEnd[k] - k) * dt
        capacity += Swift.max(0, length - overheadLeft[s].spot) - Swift.max(0, length - d)
      }
      let onSpot = Swift.min(remaining, capacity)
      guard remaining > onSpot else { return onSpot * cheapestLeft[k] }
      let onDemandOverhead = overheadLeft[s].onDemand
      return onSpot * cheapestLeft[k]
        + (remaining - onSpot + onDemandOverhead) * job.onDemandPrice
    }

    var bound = bound
    var best: DeadlineOutcome?
    var frontier = [[FrontierPoint]](repeating: [], count: stateCount)
    frontier[0] = [
      FrontierPoint(work: 0, cost: 0, spotTicks: 0, onDemandTicks: 0, restarts: 0, preemptions: 0)
    ]
    var next = [[FrontierPoint]](repeating: [], count: stateCount)

    for k in 0..<ticks {
      let time = Double(k) * dt
      let available = window.available[k]
      let spotPrice = window.price[k] * dt
      let onDemandPrice = job.onDemandPrice * dt
      for s in 0..<stateCount { next[s].removeAll(keepingCapacity: true) }

      for s in 0..<stateCount where !frontier[s].isEmpty {
        // Decode; a spot instance is gone when availability drops.
        var (mode, n) = decode(s)
        let preempted = mode == .spot && !available
        if preempted {
          mode = .idle
          n = 0
        }
        for action in DeadlineMode.allCases {
          if action == .spot && !available { continue }
          let continuing = action == mode && action != .idle
          let ran = continuing ? n : 0
          let progress = action == .idle ? 0 : dt - consumed(ran)
          let price = action == .spot ? spotPrice : action == .onDemand ? onDemandPrice : 0
          let target = action == .idle ? 0 : index(action, Swift.min(ran + 1, phases))
          // The least overhead the target state can face on its next start.
          let overheadAfter = Swift.min(overheadLeft[target].spot, overheadLeft[target].onDemand)
          let timeAfter = time + dt
          for point in frontier[s] {
            let cost = point.cost + price
            if cost >= bound { continue }
            var p = point
            p.cost = cost
            if action == .spot {
              p.spotTicks += 1
            } else if action == .onDemand {
              p.onDemandTicks += 1
            }
            if action != .idle && !continuing { p.restarts += 1 }
            if preempted { p.preemptions += 1 }
            let work = point.work + progress
            if work >= job.work - 1e-9 {
              let finish = time + (dt - progress) + (job.work - point.work)
              if finish <= job.deadline + 1e-9 {
                bound = cost
                best = DeadlineOutcome(
                  cost: cost, spotCost: cost - Double(p.onDemandTicks) * onDemandPrice,
                  spotHours: Double(p.spotTicks) * dt, onDemandHours: Double(p.onDemandTicks) * dt,
                  preemptions: Int(p.preemptions), restarts: Int(p.restarts), finishedAt: finish)
              }
              continue
            }
            // Even on-demand from here must be able to finish.
            let left = job.work - work
            if timeAfter + left + overheadAfter > job.deadline + 1e-9 { continue }
            if cost + costToGo(from: k + 1, state: target, work: left) >= bound { continue }
            p.work = work
            next[target].append(p)
          }
        }
      }
      // Keep each state's Pareto frontier: more work, less cost.
      for s in 0..<stateCount {
        next[s].sort { $0.work > $1.work || ($0.work == $1.work && $0.cost < $1.cost) }
        var kept = 0
        var cheapest = Double.infinity
        for i in next[s].indices where next[s][i].cost < cheapest && next[s][i].cost < bound {
          cheapest = next[s][i].cost
          next[s][kept] = next[s][i]
          kept += 1
        }
        next[s].removeLast(next[s].count - kept)
      }
      // Across states: a point is also dominated by one in another state
      // with at most its cost and at least its work plus `lead`.
      for b in 0..<stateCount where !next[b].isEmpty {
        for a in 0..<stateCount where a != b && !next[a].isEmpty {
          removeDominated(&next[b], by: next[a], lead: lead[a][b])
        }
      }
      swap(&frontier, &next)
      if frontier.allSatisfy(\.isEmpty) { break }
    }
    return best
  }

  /// Drops from `points` those that a point of `frontier` dominates — at
  /// most the cost, at least the work plus `lead`; both are frontiers (work
  /// descending, cost descending).
  static func removeDominated(
    _ points: inout [FrontierPoint], by frontier: [FrontierPoint], lead: Double
  ) {
    // Nothing to do when even the most work falls short of the least work
    // plus the lead, or the cheapest costs more than the dearest.
    guard let most = frontier.first, let least = points.last,
      most.work - lead >= least.work, frontier[frontier.count - 1].cost <= points[0].cost
    else { return }
    var j = 0
    var cheapest = Double.infinity  // among frontier points with at least the work
    let margin = lead > 0 ? lead + 1e-12 : 0  // never a lead lost to rounding
    var kept = 0
    for i in points.indices {
      while j < frontier.count && frontier[j].work - margin >= points[i].work {
        cheapest = frontier[j].cost
        j += 1
      }
      if cheapest > points[i].cost {
        points[kept] = points[i]
        kept += 1
      }
    }
    points.removeLast(points.count - kept)
  }
}
