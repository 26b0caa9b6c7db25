import Experiments

/// Clustered dot plots: a cluster of dots per x value, a dot per series,
/// each with its 95 % CI — the shape of every ratio figure (gap to the
/// optimum, gap to the bound, cost ÷ on-demand).
extension Figures {
  /// One series of a dot plot: its comment in the data file, its legend
  /// title, and the cells it pools (added to each cluster's).
  struct DotBlock {
    var comment: String
    var title: String
    var match: [String: String]
  }

  /// The data blocks (one per series; a line per cluster it has runs in:
  /// `x mean ci95_halfwidth n`, the series spread over `width` around each
  /// cluster's x), their plot clauses for `<name>.dat`, and the lowest and
  /// highest CI ends drawn (infinite when nothing is).
  static func dotBlocks(
    _ data: SweepData, name: String, metric: String, blocks: [DotBlock],
    clusters: [[String: String]], width: Double
  ) -> (text: String, plots: [String], low: Double, high: Double) {
    var text = ""
    var plots: [String] = []
    var low = Double.infinity
    var high = -Double.infinity
    let spacing = width / Double(blocks.count)
    for (i, block) in blocks.enumerated() {
      text += "# \(block.comment)\n"
      let offset = (Double(i) - Double(blocks.count - 1) / 2) * spacing
      for (j, cluster) in clusters.enumerated() {
        let match = block.match.merging(cluster) { _, x in x }
        guard let s = pooled(data, metric, where: match) else { continue }
        low = min(low, s.lower)
        high = max(high, s.upper)
        text += "\(Double(j + 1) + offset) \(s.mean) \(s.halfWidth ?? 0) \(s.n)\n"
      }
      text += "\n\n"
      plots.append(
        "'\(name).dat' index \(i) using 1:2:3 with yerrorbars ls \(i % 6 + 1) dt 1 title \(quoted(block.title))"
      )
    }
    return (text, plots, low, high)
  }

  /// Clustered dots with 95 % CI error bars: a cluster per `axis` value, a
  /// dot per `series` value, the y range fitted to the intervals and to
  /// the `reference` line, if any.
  static func dots(
    _ data: SweepData, name: String, caption: String, axis: String, series: String,
    metric: String, xLabel: String, yLabel: String, reference: (Double, String)? = nil,
    exclude: Set<String> = []
  ) -> GnuplotFigure? {
    guard data.axes.contains(axis) else { return nil }
    let groups =
      data.axes.contains(series)
      ? data.values(of: series).filter { !exclude.contains($0) } : ["all"]
    let xs = data.values(of: axis)
    let dots = dotBlocks(
      data, name: name, metric: metric,
      blocks: groups.map {
        DotBlock(comment: "\(series) = \($0)", title: $0, match: $0 == "all" ? [:] : [series: $0])
      }, clusters: xs.map { [axis: $0] }, width: 0.7)
    let text =
      "# \(caption)\n# columns: x mean ci95_halfwidth n; a block per \(series)\n" + dots.text
    let low = min(reference?.0 ?? .infinity, dots.low)
    let high = max(reference?.0 ?? -.infinity, dots.high)
    guard low.isFinite, high.isFinite else { return nil }
    let pad = max(0.02, (high - low) * 0.08)
    let tics = xs.enumerated().map {
      "\(quoted(Format.axisValueText($0.element, of: axis))) \($0.offset + 1)"
    }
    let line = reference.map {
      """
      set arrow from graph 0, first \($0.0) to graph 1, first \($0.0) nohead dt 2 lc rgb '#000000'
      set label \(quoted($0.1)) at graph 0.01, first \($0.0) offset 0, 0.6 font ',9'

      """
    }
    return GnuplotFigure(
      name: name, caption: caption, data: text,
      commands: """
        set xrange [0.5:\(Double(xs.count) + 0.5)]
        set yrange [\(low - pad):\(high + pad)]
        set xtics noenhanced
        set xtics (\(tics.joined(separator: ", "))) rotate by -30
        set xlabel \(quoted(xLabel))
        set ylabel \(quoted(yLabel))
        \(AxisLabel.keyTitle([series]))
        \(line ?? "")plot \(dots.plots.joined(separator: ", \\\n     "))
        """)
  }
}
