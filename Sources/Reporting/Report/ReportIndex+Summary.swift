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
    /// What is compared.
    var comparison: ExperimentSpec.Comparison
    /// Paired differences in total cost over every condition and replicate.
    var difference: Summary
    /// The second value's mean cost over the same runs.
    var reference: Double
    /// Conditions compared, and those significantly lower and higher.
    var conditions: Int
    var lower: Int
    var higher: Int

    var percent: Double? { reference != 0 ? 100 * difference.mean / reference : nil }
  }

  /// Every experiment's comparisons, pooled (trace windows are samples, as
  /// in the reports' Findings).
  func pooledComparisons() -> [PooledComparison] {
    sweeps.flatMap { data -> [PooledComparison] in
      let report = ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
      let pooled = data.pooling(also: ["trace_start_hour"]).data
      return report.comparisons.compactMap { comparison in
        var differences: [Double] = []
        var reference: [Double] = []
        for cell in pooled.cells where cell.values[comparison.axis] == comparison.value {
          guard
            let other = pooled.partner(of: cell, setting: comparison.axis, to: comparison.against),
            other.runs.count == cell.runs.count
          else { continue }
          let key = Metric.totalCost.rawValue
          differences += zip(cell.runs, other.runs).map { $0[key] - $1[key] }
          reference += other.runs.map { $0[key] }
        }
        guard !differences.isEmpty else { return nil }
        let effects = report.effects(comparison, in: pooled)
        return PooledComparison(
          experiment: data.experiment, comparison: comparison, difference: Summary(differences),
          reference: reference.reduce(0, +) / Double(reference.count), conditions: effects.count,
          lower: effects.filter { $0.difference.excludesZero && $0.difference.mean < 0 }.count,
          higher: effects.filter { $0.difference.excludesZero && $0.difference.mean > 0 }.count)
      }
    }
  }

  /// The summary table, or nil when no spec names a comparison.
  func summarySection() -> String? {
    let rows = pooledComparisons()
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
            "`\(row.comparison.value)` − `\(row.comparison.against)`",
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
    let a = "`\(row.comparison.value)`"
    let b = "`\(row.comparison.against)`"
    let overall: String
    if row.difference.standardDeviation == 0 && row.difference.mean == 0 {
      return "\(a) and \(b) cost the same in every run."
    } else if !row.difference.excludesZero {
      overall = "no significant difference overall"
    } else if row.difference.mean < 0 {
      overall = "\(a) is cheaper overall"
    } else {
      overall = "\(a) is dearer overall"
    }
    guard row.conditions > 1 else { return overall + "." }
    return overall
      + "; cheaper in \(row.lower), dearer in \(row.higher), no significant difference in \(row.conditions - row.lower - row.higher) of \(row.conditions) conditions."
  }
}

extension ReportIndex {
  /// The summary as a forest plot: every comparison's pooled difference in
  /// % of the second value's cost with its 95% CI, one row each, grouped
  /// by experiment in index order. Nil without comparisons.
  public func forestPlot() -> GnuplotFigure? {
    let rows = pooledComparisons().filter { $0.percent != nil }
    guard !rows.isEmpty else { return nil }
    let name = "summary-forest"
    let caption =
      "Every comparison of every experiment, pooled over its conditions: the paired difference in total cost as % of the second value's mean cost, with its 95% CI (first minus second; left of 0 the first is cheaper)."
    var text = "# \(caption)\n# columns: row percent low high label\n"
    var lowest = 0.0
    var highest = 0.0
    for (i, row) in rows.enumerated() {
      let scale = 100 / row.reference
      let mean = row.difference.mean * scale
      let half = (row.difference.halfWidth ?? 0) * abs(scale)
      lowest = Swift.min(lowest, mean - half)
      highest = Swift.max(highest, mean + half)
      let label =
        "\(row.experiment): \(row.comparison.value) − \(row.comparison.against)"
        .replacingOccurrences(of: "\"", with: "'")
      text += "\(rows.count - i) \(mean) \(mean - half) \(mean + half) \"\(label)\"\n"
    }
    let pad = Swift.max((highest - lowest) * 0.05, 1)
    // Room on the left for the longest label, in characters.
    let margin = Swift.min(
      72,
      2 + rows.map { "\($0.experiment): \($0.comparison.value) − \($0.comparison.against)".count }
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
