import Experiments
import Foundation
import Simulation

/// How loose the fleet lower bound is where an overhead matters: one task
/// on one measured spot zone and on-demand, the fleet bound's program
/// (`FleetBound`, no overheads) against the exact offline optimum of the
/// same job with a restart overhead on every start (`SingleZoneOptimum`,
/// checked against exhaustive search in its tests), on the vendored AWS
/// V100 traces (the Can't Be Late setting: 48 h of work, on-demand 3.06
/// $/h). Looseness = exact ÷ bound − 1; with no overhead it is only the
/// exact model's whole last tick.
struct BoundLoosenessBenchmark {
  let repository: String

  func run() {
    print("== fleet bound vs exact offline optimum: one task, one AWS V100 zone + on-demand ==")
    guard let traces = DeadlineBenchmark.v100Traces(repository: repository) else { return }
    for deadline in [52.0, 70.0] {
      let windows = DeadlineBenchmark.windows(traces, hours: deadline)
      for overhead in [0.0, 0.2] {
        var looseness: [Double] = []
        let job = DeadlineJob(
          work: 48, deadline: deadline, restartOverhead: overhead, onDemandPrice: 3.06)
        for window in windows {
          guard let exact = SingleZoneOptimum.solve(job: job, window: window)?.cost,
            let bound = FleetBound(job: job, window: window).solve().cost, bound > 0
          else { continue }
          looseness.append(exact / bound - 1)
        }
        looseness.sort()
        print(
          "  deadline \(Int(deadline)) h, overhead \(overhead) h: \(looseness.count) windows, exact ÷ bound − 1: median \(format(100 * median(looseness), 2)) %, p95 \(format(100 * looseness[looseness.count * 95 / 100], 2)) %, max \(format(100 * looseness.last!, 2)) %"
        )
      }
    }
  }
}
