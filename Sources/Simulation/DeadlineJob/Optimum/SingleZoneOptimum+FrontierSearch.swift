extension SingleZoneOptimum {
  /// The forward search of `solveByFrontiers` over one window and class of
  /// schedules: what it computes once (runs of availability, the spot left
  /// and its cheapest price from each tick, which states dominate which),
  /// one tick's step from frontier to frontier, and the cheapest finished
  /// schedule so far, whose cost bounds the rest.
  struct FrontierSearch {
    let job: DeadlineJob
    let window: TraceWindow
    let ticks: Int
    let onDemand: Bool
    let states: ScheduleStates
    let overheadLeft: [(spot: Double, onDemand: Double)]
    /// Point A dominates point B of another state when A costs no more, has
    /// at least the work and `states.dominates(A, B)`. (A work lead could
    /// cover more overhead, but comparing those states costs more time than
    /// the points it drops save.)
    let dominates: [[Bool]]
    /// The tick after the run of availability at each tick.
    var runEnd: [Int]
    /// Spot hours left from each tick, fresh starts each paying the overhead.
    var spotCapacity: [Double]
    /// The cheapest spot price from each tick on (on-demand's if dearer).
    var cheapestLeft: [Double]
    /// With every spot tick billed, a spot run too short to work off its
    /// overhead only costs: spot starts only where it can last that long,
    /// and runs on at least that long.
    let pricesPositive: Bool
    /// The cost of the cheapest finished schedule so far, or the caller's.
    var bound: Double
    /// The cheapest finished schedule so far.
    var best: DeadlineOutcome?

    init(job: DeadlineJob, window: TraceWindow, ticks: Int, bound: Double, onDemand: Bool) {
      self.job = job
      self.window = window
      self.ticks = ticks
      self.onDemand = onDemand
      self.bound = bound
      let states = ScheduleStates(overhead: job.restartOverhead, tick: window.tick)
      self.states = states
      overheadLeft = (0..<states.count).map(states.overheadLeft)
      dominates = (0..<states.count).map { a in
        (0..<states.count).map { b in states.dominates(a, b, onDemand: onDemand) }
      }
      pricesPositive = window.price.prefix(ticks).allSatisfy { $0 > 0 }
      runEnd = [Int](repeating: ticks, count: ticks + 1)
      spotCapacity = [Double](repeating: 0, count: ticks + 1)
      cheapestLeft = [Double](repeating: job.onDemandPrice, count: ticks + 1)
      let (dt, d) = (window.tick, job.restartOverhead)
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
    }

    /// The cost-to-go from tick k in state s: spot up to `capacity` hours at
    /// `cheapest`, the rest on-demand after `onDemandOverhead`.
    func costToGo(from k: Int, state s: Int) -> (
      capacity: Double, cheapest: Double, onDemandOverhead: Double
    ) {
      guard k < ticks else { return (0, 0, .infinity) }
      let (mode, _, used) = states.decode(s)
      var capacity = spotCapacity[k]
      if mode == .spot && window.available[k] {
        let length = Double(runEnd[k] - k) * window.tick
        capacity +=
          Swift.max(0, length - overheadLeft[s].spot) - Swift.max(0, length - job.restartOverhead)
      }
      // On-demand is open to a class with it, and after the mid-gap start
      // only to the run it began.
      let open = onDemand && (!used || mode == .onDemand)
      return (capacity, cheapestLeft[k], open ? overheadLeft[s].onDemand : .infinity)
    }

    /// One action taken from one state at one tick: what each point that
    /// takes it gains and pays, and the state it lands in.
    struct Move {
      var action: DeadlineMode
      var continuing: Bool
      var preempted: Bool
      var progress: Double
      var price: Double
      var target: Int
    }

    /// Tick k: every point of `frontier` takes every canonical action; the
    /// survivors, pruned to frontiers, go to `next`.
    mutating func step(_ frontier: [[FrontierPoint]], at k: Int, into next: inout [[FrontierPoint]])
    {
      let dt = window.tick
      let available = window.available[k]
      // Spot was available in the last tick, and cheaper than on-demand.
      let midRun = k > 0 && window.available[k - 1] && window.price[k - 1] < job.onDemandPrice
      for s in 0..<states.count { next[s].removeAll(keepingCapacity: true) }

      for s in 0..<states.count where !frontier[s].isEmpty {
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
          (mode == .spot && n < states.phases && pricesPositive)
          || (onDemand && mode == .spot && n == states.phases
            && window.price[k] < job.onDemandPrice)
        for action in DeadlineMode.allCases {
          if action == .spot && !available { continue }
          if action == .onDemand && !onDemand { continue }
          if mustStay && action != .spot { continue }
          if action == .spot && mode != .spot {
            if onDemand && midRun { continue }
            if pricesPositive && runEnd[k] - k < states.phases { continue }  // too short to work
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
          let move = Move(
            action: action, continuing: continuing, preempted: preempted,
            progress: action == .idle ? 0 : dt - states.consumed(ran),
            price: action == .spot
              ? window.price[k] * dt : action == .onDemand ? job.onDemandPrice * dt : 0,
            target: states.index(
              action, action == .idle ? 0 : Swift.min(ran + 1, states.phases), used: used))
          // Appends go to a local array (no nested copy-on-write checks).
          var bucket: [FrontierPoint] = []
          swap(&bucket, &next[move.target])
          extend(frontier[s], by: move, at: k, into: &bucket)
          swap(&bucket, &next[move.target])
        }
      }
      prune(&next)
    }

    /// Appends to `bucket` each of `points` after `move` at tick k, unless
    /// it finishes (then it may become `best`), cannot finish in time, or
    /// cannot beat `bound`.
    mutating func extend(
      _ points: [FrontierPoint], by move: Move, at k: Int, into bucket: inout [FrontierPoint]
    ) {
      let dt = window.tick
      let time = Double(k) * dt
      let timeAfter = time + dt
      // The least overhead the target state can face on its next start.
      let overheadAfter = Swift.min(
        overheadLeft[move.target].spot, overheadLeft[move.target].onDemand)
      let toGo = costToGo(from: k + 1, state: move.target)
      for point in points {
        let cost = point.cost + move.price
        if cost >= bound { continue }
        var p = point
        p.cost = cost
        if move.action == .spot {
          p.spotTicks += 1
        } else if move.action == .onDemand {
          p.onDemandTicks += 1
        }
        if move.action != .idle && !move.continuing { p.restarts += 1 }
        if move.preempted { p.preemptions += 1 }
        let work = point.work + move.progress
        if work >= job.work - 1e-9 {
          let finish = time + (dt - move.progress) + (job.work - point.work)
          if finish <= job.deadline + 1e-9 {
            bound = cost
            best = DeadlineOutcome(
              cost: cost, spotCost: cost - Double(p.onDemandTicks) * (job.onDemandPrice * dt),
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

    /// Keeps each state's Pareto frontier (more work, less cost, under
    /// `bound`), then drops points another state dominates.
    func prune(_ next: inout [[FrontierPoint]]) {
      for s in 0..<states.count {
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
      for b in 0..<states.count where !next[b].isEmpty {
        for a in 0..<states.count where dominates[a][b] && !next[a].isEmpty {
          removeDominated(&next[b], by: next[a])
        }
      }
    }
  }
}
