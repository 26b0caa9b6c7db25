import Experiments

/// A comparison of two values of an axis other than `policy`, per policy:
/// what, say, the freedom to choose the chip saves the optimum and each
/// policy, with every other axis pooled.
extension ExperimentReport {
  /// The table, or nil where the comparison is of policies or the sweep
  /// has one policy.
  func byPolicy(
    _ comparison: ExperimentSpec.Comparison, _ effects: [ConditionEffect], in data: SweepData
  ) -> String? {
    guard comparison.axis != "policy", data.axes.contains("policy") else { return nil }
    let policies = data.values(of: "policy")
    guard policies.count > 1 else { return nil }
    var rows: [[String]] = []
    for policy in policies {
      let mine = effects.filter { $0.values["policy"] == policy }
      let differences = mine.flatMap(\.differences)
      guard !differences.isEmpty else { continue }
      let summary = Summary(differences)
      // The percentage is of the second value's mean over the same pairs.
      let pairs = mine.map { Double($0.differences.count) }
      let reference = zip(mine, pairs).reduce(0) { $0 + $1.0.reference * $1.1 } / pairs.reduce(0, +)
      let verdict =
        mine.allSatisfy(\.identical)
        ? "the same in every run"
        : summary.excludesZero
          ? (summary.mean < 0 ? "cheaper" : "dearer") : "no significant difference"
      rows.append([
        "`\(policy)`", "\(summary.n)", Format.interval(summary),
        reference != 0 ? Format.number(100 * summary.mean / reference, 1) : "—", verdict,
      ])
    }
    // Where every policy's cells are equal run for run, the Findings
    // already say so.
    guard rows.contains(where: { $0.last != "the same in every run" }) else { return nil }
    return
      "#### \(comparison.valueMarkdown) − \(comparison.againstMarkdown) per policy\n\nPooled over every other axis: pairs of runs on the same replicate and values of every other axis.\n\n"
      + MarkdownTable(
        header: [
          "policy", "pairs", "difference $", "difference %", "\(comparison.valueMarkdown) is",
        ],
        rows: rows
      ).render() + "\n"
  }
}
