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
    var search = FrontierSearch(
      job: job, window: window, ticks: ticks, bound: bound, onDemand: onDemand)
    var frontier = [[FrontierPoint]](repeating: [], count: search.states.count)
    frontier[0] = [
      FrontierPoint(work: 0, cost: 0, spotTicks: 0, onDemandTicks: 0, restarts: 0, preemptions: 0)
    ]
    var next = [[FrontierPoint]](repeating: [], count: search.states.count)
    for k in 0..<ticks {
      search.step(frontier, at: k, into: &next)
      swap(&frontier, &next)
      if frontier.allSatisfy(\.isEmpty) { break }
    }
    return search.best
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
