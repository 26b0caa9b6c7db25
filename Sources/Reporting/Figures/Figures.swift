import Experiments
import Foundation
import Simulation

/// The standard figures, each built from sweep data when the sweep has the
/// axes it needs.
public enum Figures {
  /// Pooled summary of `metric` over every run whose cell has the given values.
  static func pooled(_ data: SweepData, _ metric: String, where match: [String: String]) -> Summary?
  {
    let values = data.cells(matching: match).flatMap { $0.series(metric) }
    return values.isEmpty ? nil : Summary(values)
  }

  static func numeric(_ values: [String]) -> [(String, Double)] {
    values.compactMap { v in Double(v).map { (v, $0) } }.sorted { $0.1 < $1.1 }
  }

  /// `s` as a gnuplot single-quoted string. Control characters become
  /// spaces: a line break would end the command and start another.
  static func quoted(_ s: String) -> String {
    let line = String(
      String.UnicodeScalarView(
        s.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    return "'" + line.replacingOccurrences(of: "'", with: "''") + "'"
  }

  /// One line per value of `series`, `metric` against numeric axis `x`, with 95 % CI error bars.
  static func lines(
    _ data: SweepData, name: String, caption: String, series: String, x: String, metric: String,
    xLabel: String, yLabel: String, only: [String]? = nil
  ) -> GnuplotFigure? {
    guard data.axes.contains(x) else { return nil }
    let xs = numeric(data.values(of: x))
    guard xs.count >= 2 else { return nil }
    let groups = only ?? (data.axes.contains(series) ? data.values(of: series) : ["all"])
    guard !groups.isEmpty else { return nil }
    var text = "# \(caption)\n# columns: \(x) mean_\(metric) ci95_halfwidth n\n"
    var plots: [String] = []
    for (i, group) in groups.enumerated() {
      text += "# \(series) = \(group)\n"
      for (label, value) in xs {
        var match = [x: label]
        if group != "all" { match[series] = group }
        guard let s = pooled(data, metric, where: match) else { continue }
        text += "\(value) \(s.mean) \(s.halfWidth ?? 0) \(s.n)\n"
      }
      text += "\n\n"
      plots.append(
        "'\(name).dat' index \(i) using 1:2:3 with yerrorlines ls \(i % 6 + 1) title \(quoted(group))"
      )
    }
    let (low, high) = (xs.first!.1, xs.last!.1)
    // A log axis only for positive values spanning a wide range: 0 would
    // fall off it.
    let logX =
      low > 0 && high / low >= 20
      ? "set logscale x\nset xrange [\(low / 1.5):\(high * 1.5)]\n"
      : "set xrange [\(low - (high - low) * 0.05):\(high + (high - low) * 0.05)]\n"
    return GnuplotFigure(
      name: name, caption: caption, data: text,
      commands: """
        \(logX)set offsets 0, 0, graph 0.08, 0
        set xlabel \(quoted(xLabel))
        set ylabel \(quoted(yLabel))
        \(AxisLabel.keyTitle([series]))
        plot \(plots.joined(separator: ", \\\n     "))
        """)
  }

  /// (a) Cost savings against reclaim rate, a line per policy.
  public static func savingsVersusRate(_ data: SweepData) -> GnuplotFigure? {
    lines(
      data, name: "savings-vs-preemption-rate",
      caption:
        "Cost savings against the on-demand baseline vs reclaim hazard, one line per policy (mean and 95% CI over runs).",
      series: "policy", x: "preemption_rate", metric: Metric.savingsPercent.rawValue,
      xLabel: "Reclaim hazard (per instance-hour)", yLabel: "Savings vs on-demand (%)")
  }

  /// Whether every value of `series` has the same pooled mean `metric` at
  /// every value of `x` (a figure of them would draw one line over another).
  public static func seriesCoincide(_ data: SweepData, series: String, x: String, metric: String)
    -> Bool
  {
    guard data.axes.contains(series), data.axes.contains(x) else { return false }
    let groups = data.values(of: series)
    guard groups.count >= 2 else { return false }
    return data.values(of: x).allSatisfy { value in
      let means = groups.compactMap { pooled(data, metric, where: [x: value, series: $0])?.mean }
      return Set(means).count <= 1
    }
  }

  /// Clustered bars: one cluster per value of `axis`, one bar per value of
  /// `series`, mean `metric` with 95 % CI error bars.
  static func bars(
    _ data: SweepData, name: String, caption: String, axis: String, series: String,
    metric: String, xLabel: String, yLabel: String, exclude: Set<String> = []
  ) -> GnuplotFigure? {
    guard data.axes.contains(axis) else { return nil }
    let groups =
      data.axes.contains(series)
      ? data.values(of: series).filter { !exclude.contains($0) } : ["all"]
    var text =
      "# \(caption)\n# columns: \(axis), then mean and ci95 per \(series): \(groups.joined(separator: ", "))\n"
    var top = 0.0
    for value in data.values(of: axis) {
      var line = value
      for group in groups {
        var match = [axis: value]
        if group != "all" { match[series] = group }
        let s = pooled(data, metric, where: match)
        line += " \(s?.mean ?? 0) \(s?.halfWidth ?? 0)"
        top = max(top, s?.upper ?? 0)
      }
      text += line + "\n"
    }
    let plots = groups.enumerated().map { i, group in
      "'\(name).dat' using \(2 + 2 * i):\(3 + 2 * i)\(i == 0 ? ":xtic(1)" : "") title \(quoted(group)) fs pattern \([0, 2, 1, 4, 5, 6][i % 6]) lc rgb '#000000'"
    }
    return GnuplotFigure(
      name: name, caption: caption, data: text,
      commands: """
        set style data histogram
        set style histogram errorbars gap 2 lw 1
        set style fill pattern border -1
        set yrange [0:\(top > 0 ? top * 1.08 : 1)]
        set xtics rotate by -30
        set xlabel \(quoted(xLabel))
        set ylabel \(quoted(yLabel))
        \(AxisLabel.keyTitle([series]))
        plot \(plots.joined(separator: ", \\\n     "))
        """)
  }

  /// (c) Accelerator types compared: clustered bars, one per policy.
  public static func accelerators(_ data: SweepData) -> GnuplotFigure? {
    bars(
      data, name: "accelerators",
      caption: "Cost savings by accelerator type and policy (mean and 95% CI over runs).",
      axis: "accelerator", series: "policy", metric: Metric.savingsPercent.rawValue,
      xLabel: "Accelerator",
      yLabel: "Savings vs on-demand (%)")
  }

  /// Cost normalised to on-demand per trace zone: a dot per policy with
  /// its CI around the on-demand line at 1 (ratios read as distances from
  /// 1, not as bars from 0).
  /// Policies past `max_deadline_miss_rate` are named, not drawn: they
  /// save by missing deadlines.
  public static func normalizedCostByZone(_ data: SweepData) -> GnuplotFigure? {
    let infeasible = infeasible(data)
    let bound =
      data.values(of: "policy").contains("optimal-offline")
      ? " `optimal-offline` is the omniscient optimum of each window, a bound no online policy can reach."
      : ""
    return dots(
      data, name: "normalized-cost-by-zone",
      caption:
        "Cost ÷ on-demand only's, per trace zone and policy (mean and 95% CI over windows and deadlines); the dashed line at 1 is on-demand only."
        + bound + infeasible.caption,
      axis: "trace_zone", series: "policy", metric: "normalized_cost", xLabel: "Zone",
      yLabel: "Cost ÷ on-demand cost", reference: (1, "on-demand only"),
      exclude: infeasible.policies.union(["on-demand-only"]))
  }

  /// A multi-region deadline-job sweep's axis: cost against it, a line
  /// per policy.
  struct RegionalSweep: Sendable {
    var axis: String
    var name: String
    var label: String
  }

  /// Cost against the deadline, the number of regions or the checkpoint
  /// size.
  static let regionalSweeps = [
    RegionalSweep(axis: "deadline_hours", name: "cost-vs-deadline", label: "Deadline (h)"),
    RegionalSweep(
      axis: "regions", name: "cost-vs-regions",
      label: "Zones the job may use (the first N, dearest first)"),
    RegionalSweep(axis: "checkpoint_gb", name: "cost-vs-checkpoint", label: "Checkpoint size (GB)"),
  ]

  /// "; pooled over `a`, `b`" for the axes of two or more values a figure
  /// draws neither as a line nor along x nor names already: a line that
  /// mixes their values says so.
  static func alsoPooled(_ data: SweepData, besides drawn: Set<String>) -> String {
    let pooled = data.axes.filter { !drawn.contains($0) && data.values(of: $0).count >= 2 }
    return pooled.isEmpty ? "" : "; pooled over " + pooled.map { "`\($0)`" }.joined(separator: ", ")
  }

  /// Multi-region deadline-job sweeps: cost along `sweep`'s axis, a line
  /// per policy.
  static func regionalSweep(_ data: SweepData, _ sweep: RegionalSweep) -> GnuplotFigure? {
    lines(
      data, name: sweep.name,
      caption:
        "Mean cost of the job per \(sweep.label.lowercased()) and policy (95% CI over trace windows\(alsoPooled(data, besides: ["policy", sweep.axis, "trace_start_hour"]))).",
      series: "policy", x: sweep.axis, metric: Metric.totalCost.rawValue, xLabel: sweep.label,
      yLabel: "Cost ($)")
  }

  /// Gap to the omniscient optimum per deadline: a dot per policy with its
  /// 95 % CI, around a reference line at 1 (the optimum, a bound, not a
  /// result). Policies past the spec's `max_deadline_miss_rate` are left
  /// out and named in the caption: a schedule that misses its deadline can
  /// cost less than the optimum, which must meet it.
  public static func gapToOptimal(_ data: SweepData) -> GnuplotFigure? {
    let metric = Metric.gapToOptimal.rawValue
    let axis = "deadline_hours"
    guard data.axes.contains(axis), data.axes.contains("policy"),
      data.cells.contains(where: { !$0.series(metric).isEmpty })
    else { return nil }
    let infeasible = infeasible(data)
    // On-demand alone costs a multiple of the optimum: named, not drawn,
    // so the policies' differences keep the scale.
    let onDemand = data.values(of: axis).compactMap { value in
      pooled(data, metric, where: [axis: value, "policy": "on-demand-only"]).map {
        "\(Format.number($0.mean))× at \(value)"
      }
    }
    let policies = data.values(of: "policy").filter {
      $0 != "optimal-offline" && $0 != "on-demand-only" && !infeasible.policies.contains($0)
    }
    let xs = data.values(of: axis)
    guard !policies.isEmpty else { return nil }
    let dots = dotBlocks(
      data, name: "gap-to-optimal", metric: metric,
      blocks: policies.map {
        DotBlock(comment: "policy = \($0)", title: $0, match: ["policy": $0])
      },
      clusters: xs.map { [axis: $0] }, width: 0.6)
    let text =
      "# Cost ÷ optimum per \(axis) (cluster x) and policy (one block each)\n# columns: x mean ci95_halfwidth n\n"
      + dots.text
    let plots = dots.plots
    let low = min(1, dots.low)
    let high = max(1, dots.high)
    let pad = max(0.02, (high - low) * 0.08)
    let tics = xs.enumerated().map { "\(quoted($0.element)) \($0.offset + 1)" }
    return GnuplotFigure(
      name: "gap-to-optimal",
      caption:
        "Cost ÷ the omniscient optimum of the same window, per deadline and policy (mean and 95% CI over zones and windows\(alsoPooled(data, besides: ["policy", axis, "trace_start_hour", "trace_zone"]))); the dashed line at 1 is the optimum, a bound no online policy can beat."
        + infeasible.caption
        + (onDemand.isEmpty
          ? ""
          : " `on-demand-only` costs \(onDemand.joined(separator: ", ")) (not drawn, to keep the scale)."),
      data: text,
      commands: """
        set xrange [0.5:\(Double(xs.count) + 0.5)]
        set yrange [\(low - pad):\(high + pad)]
        set xtics (\(tics.joined(separator: ", ")))
        set xlabel \(quoted(AxisLabel.words(axis)))
        set ylabel 'Cost ÷ optimum'
        \(AxisLabel.keyTitle(["policy"]))
        set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb '#000000'
        set label 'optimum (a bound)' at graph 0.01, first 1 offset 0, 0.6 font ',9'
        plot \(plots.joined(separator: ", \\\n     "))
        """)
  }

  /// (d) CDF of job completion time, one curve per series value, from
  /// re-simulated runs (`times` are sorted completion times per label).
  public static func completionCDF(
    _ times: [(label: String, times: [Double])], axis: String = "policy",
    condition: String? = nil
  ) -> GnuplotFigure? {
    guard !times.isEmpty else { return nil }
    let name = "completion-cdf"
    let cells =
      condition.map {
        $0.isEmpty
          ? "replicate 0 of each value's cell"
          : "replicate 0 at \($0), where the first comparison's paired cost difference is largest"
      } ?? "replicate 0 of each value's first cell"
    let caption =
      "CDF of job completion time (arrival to completion) per \(axis), \(cells), re-simulated from its seed."
    var text = "# \(caption)\n# columns: hours fraction_completed\n"
    var plots: [String] = []
    for (i, series) in times.enumerated() {
      text += "# \(series.label)\n"
      let n = Double(series.times.count)
      for (k, t) in series.times.enumerated() { text += "\(t) \(Double(k + 1) / n)\n" }
      text += "\n\n"
      plots.append(
        "'\(name).dat' index \(i) using 1:2 with steps ls \(i % 6 + 1) title \(quoted(series.label)) noenhanced"
      )
    }
    return GnuplotFigure(
      name: name, caption: caption, data: text,
      commands: """
        set xlabel 'Job completion time (h)'
        set ylabel 'Fraction of completed jobs'
        set yrange [0:1]
        plot \(plots.joined(separator: ", \\\n     "))
        """)
  }

  /// Empirical CDFs closer than this (largest vertical gap, in fraction of
  /// jobs) draw as one curve at a figure's resolution.
  static let coincidingDistance = 0.02

  /// The largest Kolmogorov–Smirnov distance between any two samples: the
  /// largest vertical gap between their empirical CDFs (0 for fewer than
  /// two samples).
  static func largestDistance(_ samples: [[Double]]) -> Double {
    let sorted = samples.map { $0.sorted() }
    var largest = 0.0
    for i in sorted.indices {
      for j in sorted.indices where j > i {
        let (a, b) = (sorted[i], sorted[j])
        guard !a.isEmpty, !b.isEmpty else { continue }
        var (x, y) = (0, 0)
        while x < a.count || y < b.count {
          let t = min(x < a.count ? a[x] : .infinity, y < b.count ? b[y] : .infinity)
          while x < a.count && a[x] <= t { x += 1 }
          while y < b.count && b[y] <= t { y += 1 }
          largest = max(largest, abs(Double(x) / Double(a.count) - Double(y) / Double(b.count)))
        }
      }
    }
    return largest
  }

  /// (e) Spot price and reclaim warnings over one replicate: the price of
  /// one pool (`accelerator` in `zone`) on a range fitted to it, and every
  /// reclaim warning of the run (any pool) as a mark along the bottom.
  public static func timeline(
    price: StepFunction, horizon: Double, reclaims: [Double], label: String,
    accelerator: String, zone: String
  ) -> GnuplotFigure {
    let name = "price-and-reclaims"
    let caption =
      "Spot price of \(accelerator) in \(zone), and the reclaim warnings of every instance of the run (any zone, marks along the bottom), over one replicate (\(label)), re-simulated from its seed."
    var points: [(Double, Double)] = []
    var t = 0.0
    while t < horizon {
      points.append((t, price.value(at: t)))
      t += price.values.count > 1 ? price.step : horizon
    }
    points.append((horizon, price.value(at: horizon)))
    let low = points.map(\.1).min() ?? 0
    let high = points.map(\.1).max() ?? 1
    let pad = max((high - low) * 0.1, 0.01 * max(abs(high), 1e-9))
    let floor = low - 2 * pad
    var text =
      "# \(caption)\n# block 0: hours price; block 1: hours of reclaim warnings (drawn at the range's bottom)\n"
    for (t, p) in points { text += "\(t) \(p)\n" }
    text += "\n\n"
    for r in reclaims { text += "\(r) \(floor + pad * 0.4)\n" }
    if reclaims.isEmpty { text += "# none\n" }
    return GnuplotFigure(
      name: name, caption: caption, data: text,
      commands: """
        set xlabel 'Time (h)'
        set ylabel \(quoted("Spot price, \(accelerator) in \(zone) ($/instance-hour)"))
        set yrange [\(floor):\(high + pad)]
        set xrange [0:\(horizon)]
        plot '\(name).dat' index 0 using 1:2 with steps ls 1 title 'spot price', \\
             '\(name).dat' index 1 using 1:2 with points pt 2 ps 0.8 lc rgb '#555555' title 'reclaim warning (any zone)'
        """)
  }
}
