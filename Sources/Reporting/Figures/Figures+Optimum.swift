import Foundation
import Experiments

extension Figures {
  /// The policies past the spec's `max_deadline_miss_rate`, each with its
  /// miss rate for a caption: a schedule that misses its deadline can cost
  /// less than the optimum, which must meet it, so figures of cost ÷
  /// optimum leave them out.
  static func infeasible(_ data: SweepData) -> (policies: Set<String>, caption: String) {
    let allowed = ExperimentSpec.maxDeadlineMissRate(inText: data.specText)
    var left: [String] = []
    var policies: Set<String> = []
    for policy in data.values(of: "policy") where policy != "optimal-offline" {
      let runs = data.cells(matching: ["policy": policy]).flatMap(\.runs)
      if let rate = ExperimentReport.missRate(runs, above: allowed) {
        left.append("`\(policy)` (misses \(Format.number(100 * rate, 0))% of deadlines)")
        policies.insert(policy)
      }
    }
    return (
      policies,
      left.isEmpty
        ? ""
        : " Left out as infeasible (past `max_deadline_miss_rate` = \(Format.number(100 * allowed, 0))%): \(left.joined(separator: ", ")); missing the deadline can cost less than the optimum, which meets it."
    )
  }

  /// Cost ÷ the exact optimum in every trace window, a line per policy, at
  /// the first value of every other axis (named in the caption). Nil
  /// without windows measured against an optimum.
  public static func costOverOptimumPerWindow(_ data: SweepData) -> GnuplotFigure? {
    let window = "trace_start_hour"
    guard data.axes.contains(window) else { return nil }
    let others = data.axes.filter { $0 != "policy" && $0 != window }
    let fixed = Dictionary(
      uniqueKeysWithValues: others.compactMap { a in data.values(of: a).first.map { (a, $0) } })
    let cells = ExperimentReport.optimumCells(data).filter { cell in
      fixed.allSatisfy { cell.values[$0.key] == nil || cell.values[$0.key] == $0.value }
    }
    let windows = numeric(data.values(of: window))
    // On-demand alone is the savings baseline, several times the optimum:
    // drawn, it would flatten the policies against one another.
    let infeasible = infeasible(data)
    let policies = data.values(of: "policy").filter { p in
      p != "on-demand-only" && !infeasible.policies.contains(p)
        && cells.contains { $0.values["policy"] == p }
    }
    guard windows.count >= 2, !policies.isEmpty else { return nil }
    let condition = fixed.filter { data.values(of: $0.key).count > 1 }
      .sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }
    let name = "cost-over-optimum-per-window"
    let caption =
      "Cost ÷ the exact optimum of the same window and job, in every trace window (sorted by start hour), a line per policy but on-demand-only\(condition.isEmpty ? "" : " (" + condition.joined(separator: ", ") + ")")."
      + infeasible.caption
    var text = "# \(caption)\n# columns: window trace_start_hour cost_over_optimum\n"
    var plots: [String] = []
    var lowest = Double.infinity
    var highest = 0.0
    for (i, policy) in policies.enumerated() {
      text += "# policy = \(policy)\n"
      for (k, (label, hour)) in windows.enumerated() {
        let ratios = cells.filter { $0.values["policy"] == policy && $0.values[window] == label }
          .flatMap { $0.series(Metric.gapToOptimal.rawValue) }
        guard !ratios.isEmpty else { continue }
        let r = ratios.reduce(0, +) / Double(ratios.count)
        lowest = Swift.min(lowest, r)
        highest = Swift.max(highest, r)
        text += "\(k + 1) \(hour) \(r)\n"
      }
      text += "\n\n"
      plots.append(
        "'\(name).dat' index \(i) using 1:3 with linespoints ls \(i % 6 + 1) title \(quoted(policy))"
      )
    }
    // A log axis when the ratios span 3×, with ticks between decades
    // (gnuplot labels only decades on its own).
    var logY = ""
    if highest / Swift.max(lowest, 1e-9) > 3 {
      let ticks = logTicks(from: lowest * 0.98, to: highest * 1.04)
      logY = "set logscale y\nset ytics (\(ticks.map { "\($0)" }.joined(separator: ", ")))\n"
    }
    let yRange = "set yrange [\(lowest * 0.98):\(highest * 1.04)]\n"
    // Windows are counted: whole ticks, one per window while they fit.
    return GnuplotFigure(
      name: name, caption: caption, data: text,
      commands: """
        \(logY)\(yRange)set xrange [0.5:\(Double(windows.count) + 0.5)]
        set xtics \(windows.count <= 20 ? 1 : windows.count <= 50 ? 5 : 10)
        set offsets 0, 0, graph 0.08, graph 0.02
        set xlabel 'Trace window (by start hour)'
        set ylabel 'Cost / optimal cost'
        plot \(plots.joined(separator: ", \\\n     "))
        """)
  }

  /// Ticks for a log axis of ratios from `low` to `high`: round ratios,
  /// each at least 5 % of the axis above the last, so near ones (1.02 and
  /// 1.05 on an axis to 4) do not print over each other.
  static func logTicks(from low: Double, to high: Double) -> [Double] {
    let candidates = [1, 1.02, 1.05, 1.1, 1.2, 1.5, 2, 3, 5, 7, 10, 20, 50, 100]
    let gap = 0.05 * log(high / low)
    var ticks: [Double] = []
    for t in candidates where t >= low && t <= high {
      if let last = ticks.last, log(t / last) < gap { continue }
      ticks.append(t)
    }
    return ticks
  }
}
