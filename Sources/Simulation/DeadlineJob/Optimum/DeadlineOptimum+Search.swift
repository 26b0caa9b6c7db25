extension DeadlineOptimum {
  /// The forward search of `search(job:window:ticks:floors:bound:)`: one
  /// tick's step from frontier to frontier, and the cheapest finished
  /// schedule so far, whose cost bounds the rest.
  struct Search {
    let job: DeadlineJob
    let window: DeadlineWindow
    let floors: Floors
    let fastest: Double
    let leastRestart: Double
    /// The cost of the cheapest finished schedule so far, or the caller's bound.
    var bestCost: Double
    /// The cheapest finished schedule so far, and when it finishes.
    var best: (Point, Double)?

    init(job: DeadlineJob, window: DeadlineWindow, floors: Floors, bestCost: Double) {
      self.job = job
      self.window = window
      self.floors = floors
      self.bestCost = bestCost
      fastest = window.fastest
      leastRestart = window.leastRestart(job: job)
    }

    /// Tick k: every point of `frontier` takes every move open to its
    /// state; the survivors, pruned to fronts, are the next frontier.
    mutating func step(_ frontier: [Key: [Point]], at k: Int) -> [Key: [Point]] {
      let time = Double(k) * window.tick
      var next: [Key: [Point]] = [:]
      for key in frontier.keys.sorted(by: order) {
        let points = frontier[key]!
        var kept: [Point] = []
        kept.reserveCapacity(points.count)
        let (state, preempted) = arrival(key, tick: k, window: window)
        for step in steps(from: state, tick: k, job: job, window: window) {
          let pricedRow = floors.priced.row(of: step.target, tick: k + 1)
          kept.removeAll(keepingCapacity: true)
          for point in points {
            var p = point
            p.take(
              step, bill: step.bill, preempted: preempted, zones: window.zones, dt: window.tick)
            if let finish = p.finish(after: step, at: time, job: job, dt: window.tick) {
              if finish <= job.deadline + 1e-9, p.cost < bestCost - 1e-12 {
                bestCost = p.cost
                p.advance(step, work: job.work)
                best = (p, finish)
              }
              continue
            }
            p.advance(step, work: job.work)
            if mayBeatBest(p, after: step, at: k, pricedRow: pricedRow) { kept.append(p) }
          }
          // One lookup per move, not per point.
          if !kept.isEmpty { next[step.target, default: []].append(contentsOf: kept) }
        }
      }
      keepFronts(&next, at: k)
      dropDominatedAcrossStates(&next) { window.restart(at: $0, job: job) }
      return next
    }

    /// Whether `p`, after `step` at tick k, can still finish in time even on
    /// on-demand from the next tick, and the rest can beat the best found
    /// by every floor.
    func mayBeatBest(_ p: Point, after step: Step, at k: Int, pricedRow: Int?) -> Bool {
      guard
        p.canStillFinish(
          after: step, at: Double(k) * window.tick + window.tick, job: job, fastest: fastest,
          leastRestart: leastRestart)
      else { return false }
      let remaining = job.work - p.done
      if p.cost + floors.cost.atLeast(work: remaining, from: k + 1) >= bestCost - 1e-12 {
        return false
      }
      if let perWork = floors.work,
        p.cost + perWork.atLeast(work: remaining, from: k + 1) >= bestCost - 1e-12
      {
        return false
      }
      return p.cost + floors.priced.atLeast(work: remaining, row: pricedRow) < bestCost - 1e-12
    }

    /// Keeps each state's Pareto front, less the points whose count of
    /// starts left (only the front's points face it: it is dearer) cannot
    /// beat the best found.
    func keepFronts(_ next: inout [Key: [Point]], at k: Int) {
      let zones = window.zones
      for (key, points) in next {
        let place = Int(key.place)
        let front = paretoFront(points).filter { p in
          let toGo = floors.starts.atLeast(
            work: job.work - p.done, from: k + 1, zone: place >= 0 && place < zones ? place : nil,
            overhead: key.overhead,
            onDemandOverhead: place >= zones ? key.overhead : leastRestart,
            ticksPriced: floors.cost)
          return p.cost + toGo < bestCost - 1e-12
        }
        guard !front.isEmpty else {
          next[key] = nil
          continue
        }
        next[key] = front
      }
    }
  }
}
