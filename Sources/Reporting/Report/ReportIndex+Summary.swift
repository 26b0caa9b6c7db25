import Experiments

/// The index's opening table: per experiment, each comparison its spec
/// names, pooled over every condition and replicate, with one generated
/// sentence. Every number comes from the runs, as in each report's
/// Findings.
extension ReportIndex {
  /// One comparison of one experiment, pooled.
  struct PooledComparison {
    /// The experiment.
    var experiment: String
    /// The comparison, pooled over its conditions.
    var effect: ExperimentReport.PooledEffect

    var comparison: ExperimentSpec.Comparison { effect.comparison }
    var difference: Summary { effect.difference }
    var percent: Double? { effect.percent }
  }

  /// Every experiment's comparisons, pooled (trace windows are samples, as
  /// in the reports' Findings).
  static func pooledComparisons(_ sweeps: [SweepData]) -> [PooledComparison] {
    sweeps.flatMap { data -> [PooledComparison] in
      let report = ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
      let pooled = data.pooling(also: ["trace_start_hour"]).data
      return report.comparisons.compactMap { comparison in
        report.pooledEffect(comparison, report.effects(comparison, in: pooled), in: pooled).map {
          PooledComparison(experiment: data.experiment, effect: $0)
        }
      }
    }
  }

  /// The summary table, or nil when no spec names a comparison.
  func summarySection() -> String? {
    let rows = comparisons
    guard !rows.isEmpty else { return nil }
    var out = "## Summary\n\n"
    out +=
      "Each experiment's comparisons (`compare:` in its spec), pooled over every condition and replicate (trace windows are samples): the mean paired difference in total cost, first minus second, with its 95% CI; n pairs; significant where the CI excludes 0. Conditions differ in size, so a pooled effect weighs large costs most: the per-condition picture is in each report's Findings, summed up in the last column.\n\n"
    out +=
      MarkdownTable(
        header: [
          "experiment", "comparison", "difference $", "difference %", "n", "significant",
          "conclusion",
        ],
        rows: rows.map { row in
          [
            "[\(row.experiment)](\(row.experiment)/README.md)",
            "\(row.comparison.valueMarkdown) − \(row.comparison.againstMarkdown)",
            Format.interval(row.difference),
            row.percent.map { Format.number($0, 1) } ?? "—", "\(row.difference.n)",
            row.difference.excludesZero ? "yes" : "no", Self.conclusion(row),
          ]
        }, labels: 2
      ).render()
    out +=
      "\n![Every comparison, pooled: paired difference in % with its 95% CI](summary-forest.png)\n\n*Every comparison of every experiment, pooled over its conditions: the paired difference in total cost as % of the second value's mean, with its 95% CI; left of the dashed line the first is cheaper.* ([PDF](summary-forest.pdf), [data](summary-forest.dat), [script](summary-forest.gp))\n"
    if rows.contains(where: { $0.difference.n < 10 }) {
      out += "\nFewer than 10 pairs behind a row: read its interval as rough.\n"
    }
    return out + "\n"
  }

  /// One sentence: which side is cheaper overall, and in how many
  /// conditions each side wins.
  static func conclusion(_ row: PooledComparison) -> String {
    let a = "\(row.comparison.valueMarkdown)"
    let b = "\(row.comparison.againstMarkdown)"
    let effect = row.effect
    if effect.identical { return "\(a) and \(b) cost the same in every run." }
    let overall =
      !effect.difference.excludesZero
      ? "no significant difference overall"
      : "\(a) is \(effect.difference.mean < 0 ? "cheaper" : "dearer") overall"
    let n = effect.conditions.count
    guard n > 1 else { return overall + "." }
    return overall
      + "; cheaper in \(effect.lower), dearer in \(effect.higher), no significant difference in \(n - effect.lower - effect.higher) of \(n) conditions."
  }

}

extension ReportIndex {
  /// The summary as a forest plot: every comparison's pooled difference in
  /// % of the second value's cost with its 95% CI, one row each, grouped
  /// by experiment in index order. Nil without comparisons.
  public func forestPlot() -> GnuplotFigure? {
    let rows = comparisons.filter { $0.percent != nil }
    guard !rows.isEmpty else { return nil }
    let name = "summary-forest"
    let caption =
      "Every comparison of every experiment, pooled over its conditions: the paired difference in total cost as % of the second value's mean cost, with its 95% CI (first minus second; left of 0 the first is cheaper)."
    var text = "# \(caption)\n# columns: row percent low high label\n"
    var lowest = 0.0
    var highest = 0.0
    for (i, row) in rows.enumerated() {
      let scale = 100 / row.effect.reference
      let mean = row.difference.mean * scale
      let half = (row.difference.halfWidth ?? 0) * abs(scale)
      lowest = Swift.min(lowest, mean - half)
      highest = Swift.max(highest, mean + half)
      let label =
        "\(row.experiment): \(row.comparison.valueText) − \(row.comparison.againstText)"
        .replacingOccurrences(of: "\"", with: "'")
      text += "\(rows.count - i) \(mean) \(mean - half) \(mean + half) \"\(label)\"\n"
    }
    let pad = Swift.max((highest - lowest) * 0.05, 1)
    // Room on the left for the longest label, in characters.
    let margin = Swift.min(
      72,
      2 + rows.map {
        "\($0.experiment): \($0.comparison.valueText) − \($0.comparison.againstText)".count
      }
      .max()!)
    return GnuplotFigure(
      name: name, caption: caption, data: text,
      commands: """
        set key off
        set border 1
        set grid noytics
        set grid xtics lc rgb '#dddddd'
        set lmargin \(margin)
        set ytics noenhanced
        set yrange [0.3:\(Double(rows.count) + 0.7)]
        set xrange [\(lowest - pad):\(highest + pad)]
        set rmargin 4
        set xlabel 'Paired difference in total cost, % of the second'
        set arrow from 0, graph 0 to 0, graph 1 nohead lc rgb '#777777' dt 2
        plot '\(name).dat' using 2:1:3:4:ytic(5) with xerrorbars ls 1 pt 7 ps 0.8
        """, height: Swift.max(560, 60 + 22 * rows.count), width: 1200)
  }
}
