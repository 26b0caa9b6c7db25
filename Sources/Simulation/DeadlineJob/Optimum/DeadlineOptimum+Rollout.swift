extension DeadlineOptimum.PricedWorkFloor {
  /// A schedule that follows the values at price `j`: each tick it takes
  /// the step whose dollars, less the price of its work, plus the value of
  /// where it leads, is least — among the steps after which on-demand can
  /// still finish in time — and it finishes with the first step that can.
  /// A real schedule of the model (nil when it cannot finish), so its cost
  /// caps the optimum; at the price that bounds the whole job best it
  /// usually is the optimum or close to it.
  func rollout(price j: Int, job: DeadlineJob, window: DeadlineWindow, ticks: Int)
    -> DeadlineOutcome?
  {
    typealias Point = DeadlineOptimum.Point
    let n = prices.count
    let dt = window.tick
    let fastest = window.fastest
    let leastRestart = window.leastRestart(job: job)
    var state = 0  // the start is the graph's first state
    var point = Point.start
    for k in 0..<ticks {
      let time = Double(k) * dt
      let preempted: Bool
      (state, preempted) = graph.arrival(state, tick: k)
      var chosen: (Point, Int)?
      var least = Double.infinity
      var finished: (Point, Double)?
      for move in graph.moves[state] {
        guard let bill = graph.bill(of: move, tick: k) else { continue }
        var p = point
        p.take(move.step, bill: bill, preempted: preempted, zones: window.zones, dt: dt)
        if let finish = p.finish(after: move.step, at: time, job: job, dt: dt) {
          if finish <= job.deadline + 1e-9, p.cost < finished?.0.cost ?? .infinity {
            var q = p
            q.advance(move.step, work: job.work)
            finished = (q, finish)
          }
          continue
        }
        p.advance(move.step, work: job.work)
        guard
          p.canStillFinish(
            after: move.step, at: time + dt, job: job, fastest: fastest, leastRestart: leastRestart)
        else {
          continue
        }
        let score =
          bill + move.step.egress - prices[j] * move.step.progress
          + value[((k + 1) * states + move.target) * n + j]
        if score < least {
          least = score
          chosen = (p, move.target)
        }
      }
      if let (p, finish) = finished {
        return p.outcome(finishedAt: finish, work: job.work, types: window.typeCount)
      }
      guard let (p, target) = chosen else { return nil }
      point = p
      state = target
    }
    return nil
  }
}
