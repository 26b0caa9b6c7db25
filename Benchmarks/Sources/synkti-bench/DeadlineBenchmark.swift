import Experiments
import Foundation
import Simulation

/// The omniscient optimum on the shared AWS V100 traces.
///
/// Target (issue: real-trace validation): under 50 ms per window (the public
/// Python DP takes 9–28 s here).
struct DeadlineBenchmark {
  let repository: String

  func run() {
    print("== offline optimum: AWS V100 traces, 48 h of work, d = 0.2 h ==")
    let directory = "\(repository)/../shared/data/traces/aws-v100-2023-02"
    guard let traces = try? TraceLoader.load(directory) else {
      print("  (traces not found at \(directory))")
      return
    }
    for deadline in [52.0, 70.0] {
      var times: [Double] = []
      let job = DeadlineJob(work: 48, deadline: deadline, restartOverhead: 0.2, onDemandPrice: 3.06)
      for (z, trace) in traces.enumerated() {
        let starts = TraceWindow.randomStarts(
          count: 20, hours: deadline, traceTicks: trace.available.count, tick: trace.tickHours,
          seed: UInt64(z + 1))
        for start in starts {
          let window = TraceWindow(
            trace: trace, startHour: start,
            ticks: TraceWindow.ticks(covering: deadline, tick: trace.tickHours), fallbackPrice: 0.9)
          times.append(milliseconds { _ = OfflineOptimum.solve(job: job, window: window) })
        }
      }
      times.sort()
      print(
        "  deadline \(Int(deadline)) h: \(times.count) windows, median \(format(median(times), 2)) ms, p95 \(format(times[times.count * 95 / 100], 2)) ms, max \(format(times.last!, 2)) ms  (target < 50 ms: \(times.last! < 50 ? "met" : "NOT met"))"
      )
    }
  }
}
