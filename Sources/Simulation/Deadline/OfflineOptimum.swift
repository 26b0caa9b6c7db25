/// The omniscient optimum of a deadline job on a known trace window: the
/// cheapest schedule (per tick: idle, spot while available, or on-demand)
/// that finishes by the deadline, under exactly the rules of
/// `DeadlineJobSimulator` (restart overhead, lost overhead on preemption,
/// whole-tick billing).
///
/// A forward dynamic program over ticks. The state is the mode of the last
/// tick and how many ticks the current instance has run (which fixes the
/// overhead left); for each state it keeps the Pareto frontier of (work
/// done, dollars spent) — work is never discretised, so the result is exact.
/// A point with at least the work and at most the cost of another in the
/// same state dominates it: any continuation of one applies to the other.
/// Points that cannot finish even on on-demand, or whose cost plus an
/// admissible cost-to-go reaches the best known schedule (initially the
/// cheaper of guarded Greedy and Uniform Progress), are dropped.
///
/// - Complexity: O(ticks × states × frontier), with frontiers kept small by
///   the pruning; see `make bench` for measured times.
public enum OfflineOptimum {
  struct Point {
    var work: Double
    var cost: Double
    var spotTicks: Int32
    var onDemandTicks: Int32
  }

  /// Solves the window; nil when no schedule can meet the deadline.
  public static func solve(job: DeadlineJob, window: TraceWindow) -> DeadlineOutcome? {
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
    let ticks = Swift.min(window.available.count, DeadlineJob.ticks(job.deadline, dt))

    // Upper bound: the cheaper of guarded Greedy and Uniform Progress (both
    // always meet the deadline).
    var best: DeadlineOutcome?
    for policy in [DeadlineGreedy() as any DeadlinePolicy, DeadlineUniformProgress()] {
      let run = DeadlineJobSimulator.run(policy, job: job, window: window)
      if !run.missed && run.cost < (best?.cost ?? .infinity) { best = run }
    }
    var bound = best.map { $0.cost + 1e-9 } ?? .infinity

    // Admissible cost-to-go: from tick k, R more hours need at least ⌈R/Δ⌉
    // running ticks; at best the spot-available ones left, at the cheapest
    // spot price left, and the rest on-demand. Suffix tables make it O(1).
    // (A tighter bound — the cheapest ⌈R/Δ⌉ remaining prices — was measured
    // slower: it costs more per point than it prunes.)
    var spotLeft = [Int](repeating: 0, count: ticks + 1)
    var cheapestLeft = [Double](repeating: .infinity, count: ticks + 1)
    for k in stride(from: ticks - 1, through: 0, by: -1) {
      spotLeft[k] = spotLeft[k + 1] + (window.available[k] ? 1 : 0)
      cheapestLeft[k] = Swift.min(
        cheapestLeft[k + 1], window.available[k] ? window.price[k] : .infinity)
    }
    func costToGo(from k: Int, work remaining: Double) -> Double {
      let needed = Swift.max(0, Int((remaining / dt - 1e-9).rounded(.up)))
      let onSpot = Swift.min(needed, spotLeft[k])
      let spot = onSpot > 0 ? Double(onSpot) * cheapestLeft[k] * dt : 0
      return spot + Double(needed - onSpot) * job.onDemandPrice * dt
    }

    var frontier = [[Point]](repeating: [], count: stateCount)
    frontier[0] = [Point(work: 0, cost: 0, spotTicks: 0, onDemandTicks: 0)]
    var next = [[Point]](repeating: [], count: stateCount)

    for k in 0..<ticks {
      let time = Double(k) * dt
      let available = window.available[k]
      let spotPrice = window.price[k] * dt
      let onDemandPrice = job.onDemandPrice * dt
      for s in 0..<stateCount { next[s].removeAll(keepingCapacity: true) }

      for s in 0..<stateCount where !frontier[s].isEmpty {
        // Decode; a spot instance is gone when availability drops.
        var mode: DeadlineMode = s == 0 ? .idle : (s <= phases ? .spot : .onDemand)
        var n = s == 0 ? 0 : (s <= phases ? s : s - phases)
        if mode == .spot && !available {
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
          let overheadAfter = action == .idle ? d : Swift.max(0, d - Double(ran + 1) * dt)
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
            let work = point.work + progress
            if work >= job.work - 1e-9 {
              let finish = time + (dt - progress) + (job.work - point.work)
              if finish <= job.deadline + 1e-9 {
                bound = cost
                best = DeadlineOutcome(
                  cost: cost, spotCost: cost - Double(p.onDemandTicks) * onDemandPrice,
                  spotHours: Double(p.spotTicks) * dt, onDemandHours: Double(p.onDemandTicks) * dt,
                  preemptions: 0, restarts: 0, finishedAt: finish)
              }
              continue
            }
            // Even on-demand from here must be able to finish.
            let left = job.work - work
            if timeAfter + left + (action == .idle ? d : Swift.min(overheadAfter, d)) > job.deadline
              + 1e-9
            {
              continue
            }
            if cost + costToGo(from: k + 1, work: left) >= bound { continue }
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
      swap(&frontier, &next)
      if frontier.allSatisfy(\.isEmpty) { break }
    }
    return best
  }
}
