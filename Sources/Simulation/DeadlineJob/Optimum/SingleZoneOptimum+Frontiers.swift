extension SingleZoneOptimum {
  /// A partial schedule on a frontier.
  struct FrontierPoint {
    var work: Double
    var cost: Double
    var spotTicks: Int32
    var onDemandTicks: Int32
    var restarts: Int32
    var preemptions: Int32
  }

  /// The exact optimum for any tick and overhead over one class of
  /// schedules, with on-demand (`onDemand`) or spot alone: a forward
  /// dynamic program over ticks whose state is the mode of the last tick,
  /// how many ticks the current instance has run (which fixes the overhead
  /// left) and whether the one mid-gap on-demand start is used; for each
  /// state it keeps the Pareto frontier of (work done, dollars spent), with
  /// work a real number. A point with at least the work and at most the
  /// cost of another in the same state dominates it: any continuation of
  /// one applies to the other; so does one in another state that faces no
  /// more overhead, where the rules below let it follow (see
  /// `ScheduleStates.dominates`). Points that cannot finish even on
  /// on-demand, or whose cost plus an admissible cost-to-go reaches
  /// `bound`, are dropped.
  ///
  /// Only canonical schedules are searched. Each rule is an exchange that
  /// never costs more, so a cheapest schedule obeys them all:
  /// - on-demand never idles after it: run it later instead, up to what
  ///   follows (spot, or more on-demand, which saves an overhead);
  /// - on-demand starts inside a gap (off spot, not at the gap's first
  ///   tick) at most once, and no other on-demand run starts after that
  ///   one: ticks move, ends fixed, from a later run (or another mid-gap
  ///   one) to it until it starts at its gap's first tick or the other
  ///   run starts mid-gap or is short enough to drop for one tick more;
  /// - with every spot tick billed, a spot run lasts at least until its
  ///   overhead is worked off (a shorter one only costs);
  /// - with on-demand, where spot costs less than on-demand: spot that has
  ///   worked off its overhead runs on while available, and spot starts
  ///   only where availability starts. Otherwise one tick of spot more and
  ///   one of on-demand less would do as much work for less.
  ///
  /// - Complexity: O(ticks × states² × frontier), with frontiers kept small
  ///   by the pruning; see `make bench` for measured times.
  static func solveByFrontiers(
    job: DeadlineJob, window: TraceWindow, ticks: Int, bound: Double, onDemand: Bool
  ) -> DeadlineOutcome? {
    let dt = window.tick
    let d = job.restartOverhead
    let states = ScheduleStates(overhead: d, tick: dt)
    let phases = states.phases
    let stateCount = states.count
    let overheadLeft = (0..<stateCount).map(states.overheadLeft)
    // Point A dominates point B of another state when A costs no more, has
    // at least the work and `states.dominates(A, B)`. (A work lead could
    // cover more overhead, but comparing those states costs more time than
    // the points it drops save.)
    let dominates = (0..<stateCount).map { a in
      (0..<stateCount).map { b in states.dominates(a, b, onDemand: onDemand) }
    }

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
    // The cost-to-go from tick k in state s: spot up to `capacity` hours at
    // `cheapest`, the rest on-demand after `onDemandOverhead`.
    func costToGo(from k: Int, state s: Int) -> (
      capacity: Double, cheapest: Double, onDemandOverhead: Double
    ) {
      guard k < ticks else { return (0, 0, .infinity) }
      let (mode, _, used) = states.decode(s)
      var capacity = spotCapacity[k]
      if mode == .spot && window.available[k] {
        let length = Double(runEnd[k] - k) * dt
        capacity += Swift.max(0, length - overheadLeft[s].spot) - Swift.max(0, length - d)
      }
      // On-demand is open to a class with it, and after the mid-gap start
      // only to the run it began.
      let open = onDemand && (!used || mode == .onDemand)
      return (capacity, cheapestLeft[k], open ? overheadLeft[s].onDemand : .infinity)
    }

    // With every spot tick billed, a spot run too short to work off its
    // overhead only costs: spot starts only where it can last that long,
    // and runs on at least that long.
    let pricesPositive = window.price.prefix(ticks).allSatisfy { $0 > 0 }

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
      // Spot was available in the last tick, and cheaper than on-demand.
      let midRun = k > 0 && window.available[k - 1] && window.price[k - 1] < job.onDemandPrice
      for s in 0..<stateCount { next[s].removeAll(keepingCapacity: true) }

      for s in 0..<stateCount where !frontier[s].isEmpty {
        // Decode; a spot instance is gone when availability drops.
        var (mode, n, midGapUsed) = states.decode(s)
        // A gap (ticks off spot) starts at the window start or after spot.
        let gapStart = k == 0 || mode == .spot
        let preempted = mode == .spot && !available
        if preempted {
          mode = .idle
          n = 0
        }
        // Where spot is cheaper than on-demand, a schedule that uses
        // on-demand at all keeps spot past its overhead running while it is
        // available, and starts spot only where a run of availability
        // starts: otherwise a tick of spot more and one of on-demand less
        // would do the same work for less.
        let mustStay =
          (mode == .spot && n < phases && pricesPositive)
          || (onDemand && mode == .spot && n == phases && window.price[k] < job.onDemandPrice)
        for action in DeadlineMode.allCases {
          if action == .spot && !available { continue }
          if action == .onDemand && !onDemand { continue }
          if mustStay && action != .spot { continue }
          if action == .spot && mode != .spot {
            if onDemand && midRun { continue }
            if pricesPositive && runEnd[k] - k < phases { continue }  // too short to work
          }
          // Canonical schedules: on-demand never idles after it, and starts
          // inside a gap at most once.
          if mode == .onDemand && action == .idle { continue }
          // After the mid-gap start, no on-demand but that run.
          if action == .onDemand && midGapUsed && mode != .onDemand { continue }
          var used = midGapUsed
          if action == .onDemand && mode == .idle && !gapStart { used = true }
          let continuing = action == mode && action != .idle
          let ran = continuing ? n : 0
          let progress = action == .idle ? 0 : dt - states.consumed(ran)
          let price = action == .spot ? spotPrice : action == .onDemand ? onDemandPrice : 0
          let target = states.index(
            action, action == .idle ? 0 : Swift.min(ran + 1, phases), used: used)
          // The least overhead the target state can face on its next start.
          let overheadAfter = Swift.min(overheadLeft[target].spot, overheadLeft[target].onDemand)
          let timeAfter = time + dt
          let toGo = costToGo(from: k + 1, state: target)
          // Appends go to a local array (no nested copy-on-write checks).
          var bucket: [FrontierPoint] = []
          swap(&bucket, &next[target])
          defer { swap(&bucket, &next[target]) }
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
            // Work sums carry rounding: a job that exactly fills the spot
            // left must not be cut as infeasible (1e-9 h, as elsewhere).
            let floor =
              left <= toGo.capacity + 1e-9
              ? left * toGo.cheapest
              : toGo.capacity * toGo.cheapest
                + (left - toGo.capacity + toGo.onDemandOverhead) * job.onDemandPrice
            if cost + floor >= bound { continue }
            p.work = work
            bucket.append(p)
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
      // with at most its cost and at least its work (see `dominates`).
      for b in 0..<stateCount where !next[b].isEmpty {
        for a in 0..<stateCount where dominates[a][b] && !next[a].isEmpty {
          removeDominated(&next[b], by: next[a])
        }
      }
      swap(&frontier, &next)
      if frontier.allSatisfy(\.isEmpty) { break }
    }
    return best
  }

  /// Drops from `points` those that a point of `frontier` dominates — at
  /// most the cost, at least the work; both are frontiers (work
  /// descending, cost descending).
  static func removeDominated(_ points: inout [FrontierPoint], by frontier: [FrontierPoint]) {
    // Nothing to do when even the most work falls short of the least, or
    // the cheapest costs more than the dearest.
    guard let most = frontier.first, let least = points.last, most.work >= least.work,
      frontier[frontier.count - 1].cost <= points[0].cost
    else { return }
    var j = 0
    var cheapest = Double.infinity  // among frontier points with at least the work
    var kept = 0
    for i in points.indices {
      while j < frontier.count && frontier[j].work >= points[i].work {
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
