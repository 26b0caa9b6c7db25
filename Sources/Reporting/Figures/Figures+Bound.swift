import Experiments

extension Figures {
  /// Fleet runs' gap to the offline lower bound of their paths, per
  /// strategy (policy × migration) along the sweep's first other axis: a
  /// dot per strategy with its 95 % CI, around a reference line at 1 (the
  /// bound, not a result). Nil without bounds.
  public static func gapToBound(_ data: SweepData) -> GnuplotFigure? {
    let metric = Metric.gapToBound.rawValue
    guard data.cells.contains(where: { !$0.series(metric).isEmpty }) else { return nil }
    let strategyAxes = ExperimentReport.strategyAxes(data)
    let axis = data.axes.first { !strategyAxes.contains($0) && data.values(of: $0).count > 1 }
    let xs = axis.map { data.values(of: $0) } ?? ["all"]
    // Strategies in grid order: every combination of the strategy axes seen.
    var strategies: [[String: String]] = []
    for cell in data.cells where !cell.series(metric).isEmpty {
      let s = Dictionary(uniqueKeysWithValues: strategyAxes.map { ($0, cell.values[$0] ?? "") })
      if !strategies.contains(s) { strategies.append(s) }
    }
    guard !strategies.isEmpty else { return nil }
    let dots = dotBlocks(
      data, name: "gap-to-bound", metric: metric,
      blocks: strategies.map { strategy in
        let title = strategyAxes.map { strategy[$0]! }.joined(separator: " · ")
        return DotBlock(
          comment: "strategy = \(title.isEmpty ? "all" : title)",
          title: title.isEmpty ? "all runs" : title, match: strategy)
      }, clusters: xs.map { value in axis.map { [$0: value] } ?? [:] }, width: 0.7)
    let text =
      "# (Cost + unfinished or late work at on-demand) ÷ lower bound per \(axis ?? "run") (cluster x) and strategy (one block each)\n# columns: x mean ci95_halfwidth n\n"
      + dots.text
    let plots = dots.plots
    let low = min(1, dots.low)
    let high = max(1, dots.high)
    let pad = max(0.02, (high - low) * 0.08)
    let tics = xs.enumerated().map { j, value in
      "\(quoted(axis.map { Format.axisValueText(value, of: $0) } ?? value)) \(j + 1)"
    }
    return GnuplotFigure(
      name: "gap-to-bound",
      caption:
        "(Cost + unfinished or late work at on-demand) ÷ the offline lower bound of each run's own path, per \(axis.map { "`\($0)`" } ?? "run") and strategy (mean and 95% CI over the other axes and replicates); the dashed line at 1 is the bound, which no schedule can beat. The gap is the most a better strategy could save there.",
      data: text,
      commands: """
        set xrange [0.5:\(Double(xs.count) + 0.5)]
        set yrange [\(low - pad):\(high + pad)]
        set xtics noenhanced
        set xtics (\(tics.joined(separator: ", ")))\(tics.contains { $0.count > 16 } ? " rotate by -20" : "")
        set xlabel \(quoted(axis.map { AxisLabel.words($0) } ?? ""))
        set ylabel 'Cost ÷ lower bound'
        \(AxisLabel.keyTitle(strategyAxes))
        set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb '#000000'
        set label 'lower bound' at graph 0.01, first 1 offset 0, 0.6 font ',9'
        plot \(plots.joined(separator: ", \\\n     "))
        """)
  }
}
