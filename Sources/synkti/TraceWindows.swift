import ArgumentParser
import Experiments
import Foundation
import Simulation

extension Synkti {
  struct TraceWindows: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "trace-windows",
      abstract: "Draw seeded random start windows that fit a trace, as a YAML list of start hours.",
      discussion: """
        Prints `trace_start_hour: [...]`, ready to paste into a spec's grid, so \
        "start window" can be a sweep axis. The same seed gives the same windows.

        Example:
          synkti trace-windows --trace Experiments/data/traces/aws-v100-2023-02 --count 98 --hours 70 --seed 1
        """)

    @Option(help: "A trace file or directory (every zone must be long enough).") var trace: String
    @Option(help: "Number of windows.") var count = 98
    @Option(help: "Window length in hours (the longest deadline).") var hours = 70.0
    @Option(help: "Seed.") var seed: UInt64 = 1

    func run() throws {
      let traces = try reportingInputErrors { try TraceLoader.load(trace) }
      guard let shortest = traces.min(by: { $0.available.count < $1.available.count }) else {
        return
      }
      let starts = TraceWindow.randomStarts(
        count: count, hours: hours, traceTicks: shortest.available.count, tick: shortest.tickHours,
        seed: seed)
      print(
        "trace_start_hour: [" + starts.map { String(format: "%.4f", $0) }.joined(separator: ", ")
          + "]")
    }
  }
}
