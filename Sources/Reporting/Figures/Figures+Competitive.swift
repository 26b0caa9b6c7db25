import Experiments

extension Figures {
  /// The empirical competitive ratio against K: per policy, the worst cost
  /// ÷ optimum over every window and zone, with √K and K drawn as
  /// references; one figure per value of the other conditions (deadline,
  /// say). Empty unless the spec sweeps `on_demand_ratio`.
  public static func competitiveRatio(_ data: SweepData) -> [GnuplotFigure] {
    guard let pooled = ExperimentReport.competitiveCells(data) else { return [] }
    let axis = ExperimentReport.ratioAxis
    let conditions = ExperimentReport.competitiveConditions(pooled)
    let ks = numeric(pooled.values(of: axis))
    let policies = pooled.values(of: "policy")
    guard ks.count >= 2, !policies.isEmpty else { return [] }
    var figures: [GnuplotFigure] = []
    for group in ExperimentReport.conditionValues(pooled, conditions) {
      let suffix = conditions.map {
        "-\($0.replacingOccurrences(of: "_", with: "-"))-\(group[$0]!)"
      }
      .joined()
      let name = "competitive-ratio\(suffix)"
      let condition = conditions.map { "\($0) = \(group[$0]!)" }.joined(separator: ", ")
      let caption =
        "Worst cost ÷ optimum over every trace window and zone against K = on-demand ÷ mean spot price\(condition.isEmpty ? "" : " (" + condition + ")"), a line per policy; dashed: √K (ROSS's worst-case bound in its model, proved for our completion in docs/model.md) and K (until it leaves the range)."
      var text = "# \(caption)\n# columns: K worst_ratio\n"
      var plots: [String] = []
      var highest = 1.0
      for (i, policy) in policies.enumerated() {
        text += "# policy = \(policy)\n"
        for (label, k) in ks {
          let ratios = ExperimentReport.ratios(pooled, policy: policy, k: label, in: group)
          guard let worst = ratios.max() else { continue }
          highest = Swift.max(highest, worst)
          text += "\(k) \(worst)\n"
        }
        text += "\n\n"
        plots.append(
          "'\(name).dat' index \(i) using 1:2 with linespoints ls \(i % 6 + 1) title \(quoted(policy))"
        )
      }
      let lowK = ks.map(\.1).min()!
      // K itself climbs out of the range fitted to the policies and √K.
      let highK = ks.map(\.1).max()!
      plots.append("sqrt(x) with lines dt 2 lc rgb '#555555' title '√K'")
      plots.append("x with lines dt 3 lc rgb '#999999' title 'K'")
      figures.append(
        GnuplotFigure(
          name: name, caption: caption, data: text,
          commands: """
            set xrange [\(lowK):\(highK)]
            set yrange [1:\(Swift.max(highK.squareRoot(), highest) * 1.25)]
            set key inside left top
            set xlabel 'K = on-demand price / mean spot price'
            set ylabel 'Worst cost / optimal cost'
            plot \(plots.joined(separator: ", \\\n     "))
            """))
    }
    return figures
  }
}
