/// The omniscient optimum of a deadline job on one zone's known trace
/// window: the cheapest schedule (per tick: idle, spot while available, or
/// on-demand) that finishes by the deadline, under exactly the rules of
/// `DeadlineSimulator` on a one-zone window (restart overhead, lost
/// overhead on preemption, whole-tick billing). It is what `trace_zone`
/// runs report as their optimum, and the building block and bound of the
/// multi-zone `DeadlineOptimum` (staying in one zone).
///
/// An exact forward dynamic program over ticks and (mode, overhead phase)
/// that keeps Pareto frontiers of (work, cost) and searches only canonical
/// schedules, among which a cheapest one always is — see
/// `solveByFrontiers`. Along the cheapest schedule it counts spot and
/// on-demand ticks, restarts and preemptions, so the optimum reports the
/// same metrics as a policy (of equally cheap schedules, the first found).
/// When the optimum costs no less than the cheaper of guarded Greedy and
/// Uniform Progress (beyond rounding), that policy's own run is returned, so
/// a policy that is optimal shows a gap of exactly 1.
public enum SingleZoneOptimum {
  /// Solves the window; nil when no schedule can meet the deadline. As
  /// `DeadlineOptimum`, it solves the job keeping its progress.
  public static func solve(job: DeadlineJob, window: TraceWindow) -> DeadlineOutcome? {
    let job = job.keepingProgress
    let ticks = Swift.min(window.available.count, DeadlineJob.ticks(job.deadline, window.tick))
    // Both guarded policies always meet the deadline; the cheaper bounds the
    // search and is the answer on a tie.
    var incumbent: DeadlineOutcome?
    for policy in [Greedy() as any DeadlinePolicy, UniformProgress(.firstZone)] {
      let run = DeadlineSimulator.run(policy, job: job, window: window)
      if !run.missed && run.cost < (incumbent?.cost ?? .infinity) { incumbent = run }
    }
    let ceiling = (incumbent?.cost ?? .infinity) + 1e-9
    // Schedules without on-demand and with it obey different canonical
    // rules (see `solveByFrontiers`): solve each; the first bounds the second.
    var found = solveByFrontiers(
      job: job, window: window, ticks: ticks, bound: ceiling, onDemand: false)
    if let better = solveByFrontiers(
      job: job, window: window, ticks: ticks,
      bound: Swift.min(ceiling, (found?.cost ?? .infinity) + 1e-9), onDemand: true)
    {
      found = better
    }
    guard let found, found.cost < (incumbent?.cost ?? .infinity) - 1e-9 else { return incumbent }
    return found
  }
}
