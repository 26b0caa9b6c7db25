import Experiments

/// The "Findings" section: for each comparison the spec names, where the
/// paired difference is significant and where it is not. Every sentence is
/// computed from the sweep's runs.
extension ExperimentReport {
  /// A metric the Findings compare, and the words for its differences.
  struct FindingMetric {
    /// The stored metric.
    var key: String
    /// Unit of a difference, after the number.
    var unit: String
    /// "costs", "misses": the verb of a significant difference.
    var verb: String
    /// "less", "fewer deadlines": what the first value does when lower.
    var less: String
    /// "more", "more deadlines": what it does when higher.
    var more: String
    /// The phrase for cells equal on every run.
    var same: String

    static let cost = FindingMetric(
      key: Metric.totalCost.rawValue, unit: "$", verb: "costs", less: "less", more: "more",
      same: "the same total cost")
    static let misses = FindingMetric(
      key: Metric.deadlineMisses.rawValue, unit: "deadlines per run", verb: "misses",
      less: "fewer deadlines", more: "more deadlines", same: "the same deadline misses")
  }

  /// One condition (values of the other axes) of a comparison.
  struct ConditionEffect {
    /// The other axes' values, as text.
    var condition: String
    /// Paired differences in the metric: the value's cell − the other's.
    var difference: Summary
    /// The other cell's mean (what a percentage is of).
    var reference: Double
    /// Whether the two cells are equal on every run.
    var identical: Bool
    /// The first cell's axis values.
    var values: [String: String] = [:]
    /// The paired differences themselves, one per replicate.
    var differences: [Double] = []

    var percent: Double? { reference != 0 ? 100 * difference.mean / reference : nil }
  }

  /// Each condition where both values ran, in grid order.
  func effects(
    _ comparison: ExperimentSpec.Comparison, _ metric: FindingMetric = .cost, in data: SweepData
  ) -> [ConditionEffect] {
    var result: [ConditionEffect] = []
    for cell in data.cells where cell.values[comparison.axis] == comparison.value {
      guard let other = data.partner(of: cell, setting: comparison.axis, to: comparison.against),
        other.runs.count == cell.runs.count, !cell.runs.isEmpty
      else { continue }
      let reference = other.runs.reduce(0) { $0 + $1[metric.key] } / Double(other.runs.count)
      let differences = Self.differences(cell.runs, other.runs, metric.key, reference: reference)
      // Axes a cell does not set (an `include:` cell's extra key) are left out.
      let condition = data.axes.filter { $0 != comparison.axis && cell.values[$0] != nil }
        .map { "\($0) = \(Figures.short(cell.values[$0]!))" }.joined(separator: ", ")
      result.append(
        ConditionEffect(
          condition: condition.isEmpty ? "(all runs)" : condition,
          difference: Summary(differences), reference: reference,
          identical: differences.allSatisfy { $0 == 0 }, values: cell.values,
          differences: differences))
    }
    return result
  }

  /// Paired differences of `key`, with rounding noise (a mean of equal
  /// draws can differ from the single value in its last bit) read as 0:
  /// otherwise a zero-variance 1e-14 would count as significant.
  static func differences(_ runs: [RunData], _ others: [RunData], _ key: String, reference: Double)
    -> [Double]
  {
    let noise = 1e-9 * Swift.max(1, abs(reference))
    return zip(runs, others).map { a, b in
      let d = a[key] - b[key]
      return abs(d) <= noise ? 0 : d
    }
  }

  /// The section, or nil when the spec names no comparison.
  func findingsSection(_ data: SweepData) -> String? {
    guard !comparisons.isEmpty else { return nil }
    var out = "## Findings\n\n"
    out +=
      "Computed from the runs for each comparison the spec names (`compare:`): the paired difference in total cost, first minus second, on the same replicate and the same values of every other axis (a condition), with its 95% CI; significant where the CI excludes 0. Where deadlines are missed, the same for deadline misses per run.\n\n"
    let measured = comparisons.map { ($0, effects($0, in: data)) }
    for (comparison, effects) in measured {
      out += "- " + sentence(comparison, effects) + "\n"
      // Misses only where some run of the two values missed a deadline.
      let misses = self.effects(comparison, .misses, in: data)
      if misses.contains(where: { !$0.identical || $0.reference > 0 }) {
        out += "  " + sentence(comparison, misses, .misses, lead: "Deadlines: ") + "\n"
      }
    }
    out += "\n"
    for (comparison, effects) in measured {
      if let table = byPolicy(comparison, effects, in: data) { out += table }
    }
    if let short = conclusions(measured, in: data) { out += short }
    for (comparison, effects) in measured {
      let significant = effects.filter(\.difference.excludesZero)
        .sorted { abs($0.difference.mean) > abs($1.difference.mean) }
      guard !significant.isEmpty else { continue }
      let shown = significant.prefix(12)
      out +=
        "<details><summary>\(comparison.valueMarkdown) − \(comparison.againstMarkdown): the \(significant.count) significant conditions\(significant.count > shown.count ? ", largest \(shown.count) shown" : "")</summary>\n\n"
      out +=
        MarkdownTable(
          header: ["condition", "n", "difference $", "difference %"],
          rows: shown.map {
            [
              $0.condition, "\($0.difference.n)", Format.interval($0.difference),
              $0.percent.map { Format.number($0, 1) } ?? "—",
            ]
          }
        ).render() + "\n</details>\n\n"
    }
    return out
  }

  /// One comparison in words.
  func sentence(
    _ c: ExperimentSpec.Comparison, _ effects: [ConditionEffect], _ metric: FindingMetric = .cost,
    lead: String? = nil
  ) -> String {
    let head =
      lead
      ?? "**\(c.valueMarkdown) vs \(c.againstMarkdown)** (`\(c.axis)`, \(effects.count) condition\(effects.count == 1 ? "" : "s")): "
    guard !effects.isEmpty else { return head + "no condition ran both." }
    if effects.allSatisfy(\.identical) {
      return head
        + "\(metric.same) in every run of every condition: the model gives them nothing to differ on here."
    }
    let cheaper = effects.filter { $0.difference.excludesZero && $0.difference.mean < 0 }
    let dearer = effects.filter { $0.difference.excludesZero && $0.difference.mean > 0 }
    let null = effects.count - cheaper.count - dearer.count
    let identical = effects.filter(\.identical).count
    func range(_ group: [ConditionEffect]) -> String {
      let percents = group.compactMap(\.percent)
      guard let low = percents.min(), let high = percents.max() else { return "" }
      return low == high
        ? " (\(Self.percent(low)))" : " (\(Self.percent(low)) to \(Self.percent(high)))"
    }
    func largest(_ group: [ConditionEffect]) -> String {
      guard let top = group.max(by: { abs($0.difference.mean) < abs($1.difference.mean) }) else {
        return ""
      }
      return "; largest \(Format.interval(top.difference)) \(metric.unit) at \(top.condition)"
    }
    var parts: [String] = []
    if !cheaper.isEmpty {
      parts.append(
        "\(c.valueMarkdown) \(metric.verb) significantly \(metric.less) in \(cheaper.count)\(range(cheaper))\(largest(cheaper))"
      )
    }
    if !dearer.isEmpty {
      parts.append(
        (cheaper.isEmpty ? "\(c.valueMarkdown) \(metric.verb) " : "")
          + "significantly \(metric.more) in \(dearer.count)\(range(dearer))\(largest(dearer))")
    }
    let nulls = effects.filter { !$0.difference.excludesZero }
    if null > 0 {
      parts.append(
        "no significant difference in \(null)"
          + (identical > 0 ? " (\(identical) of them \(metric.same) in every run)" : "")
          + (nulls.contains { !$0.identical } ? largest(nulls.filter { !$0.identical }) : ""))
    }
    return head + parts.joined(separator: "; ") + "."
  }

  /// A percentage with one decimal, or two when it would show as 0.0.
  static func percent(_ value: Double) -> String {
    Format.number(value, abs(value) < 0.05 ? 2 : 1) + "%"
  }
}
