import Experiments

/// What a comparison amounts to over a whole experiment: its pooled effect
/// and how its conditions split. Used by the Findings' closing statements
/// and the index's summary.
extension ExperimentReport {
  /// One comparison, pooled over every condition and replicate.
  struct PooledEffect {
    /// What is compared.
    var comparison: ExperimentSpec.Comparison
    /// Paired differences in total cost over every condition and replicate.
    var difference: Summary
    /// The second value's mean cost over the same runs.
    var reference: Double
    /// Each condition's effect.
    var conditions: [ConditionEffect]

    var percent: Double? { reference != 0 ? 100 * difference.mean / reference : nil }
    var lower: Int {
      conditions.filter { $0.difference.excludesZero && $0.difference.mean < 0 }.count
    }
    var higher: Int {
      conditions.filter { $0.difference.excludesZero && $0.difference.mean > 0 }.count
    }
    /// Equal in every run of every condition.
    var identical: Bool { difference.standardDeviation == 0 && difference.mean == 0 }
  }

  /// `comparison` pooled over `data`'s cells, given its `conditions`
  /// (`effects(_:in:)` on the same data; nil when no condition ran both).
  func pooledEffect(
    _ comparison: ExperimentSpec.Comparison, _ conditions: [ConditionEffect], in data: SweepData
  ) -> PooledEffect? {
    var differences: [Double] = []
    var reference: [Double] = []
    let key = Metric.totalCost.rawValue
    for cell in data.cells where cell.values[comparison.axis] == comparison.value {
      guard let other = data.partner(of: cell, setting: comparison.axis, to: comparison.against),
        other.runs.count == cell.runs.count
      else { continue }
      let mean = other.runs.reduce(0) { $0 + $1[key] } / Double(other.runs.count)
      differences += Self.differences(cell.runs, other.runs, key, reference: mean)
      reference += other.runs.map { $0[key] }
    }
    guard !differences.isEmpty else { return nil }
    return PooledEffect(
      comparison: comparison, difference: Summary(differences),
      reference: reference.reduce(0, +) / Double(reference.count),
      conditions: conditions)
  }

  /// The closing statements of the Findings: the largest pooled effect,
  /// then where nothing differs (or, if something differs everywhere, the
  /// comparison whose sign depends on the condition). Nil with nothing to say.
  /// `measured`: each comparison with its `effects(_:in:)` on `data`.
  func conclusions(
    _ measured: [(ExperimentSpec.Comparison, [ConditionEffect])], in data: SweepData
  ) -> String? {
    let pooled = measured.compactMap { pooledEffect($0.0, $0.1, in: data) }
    var statements: [String] = []
    let significant = pooled.filter { $0.difference.excludesZero && $0.percent != nil }
    if let top = significant.max(by: { abs($0.percent!) < abs($1.percent!) }) {
      let c = top.comparison
      statements.append(
        "The largest pooled effect: \(c.valueMarkdown) costs \(Self.percent(abs(top.percent!))) \(top.difference.mean < 0 ? "less" : "more") than \(c.againstMarkdown) (\(Format.interval(top.difference)) $ over \(top.difference.n) pairs), significantly lower in \(top.lower) and higher in \(top.higher) of \(top.conditions.count) conditions."
      )
    }
    let nothing = pooled.filter { p in
      !p.identical && p.lower == 0 && p.higher == 0 && !p.difference.excludesZero
    }
    let same = pooled.filter(\.identical)
    if !same.isEmpty {
      statements.append(
        "The model gives "
          + same.map { "\($0.comparison.valueMarkdown) and \($0.comparison.againstMarkdown)" }
          .joined(
            separator: ", ") + " nothing to differ on: equal in every run.")
    } else if !nothing.isEmpty {
      statements.append(
        "No condition separates "
          + nothing.map { "\($0.comparison.valueMarkdown) and \($0.comparison.againstMarkdown)" }
          .joined(
            separator: ", ") + ": every interval includes 0.")
    } else if let mixed = pooled.filter({ $0.lower > 0 && $0.higher > 0 })
      .max(by: { min($0.lower, $0.higher) < min($1.lower, $1.higher) })
    {
      let c = mixed.comparison
      statements.append(
        "Which of \(c.valueMarkdown) and \(c.againstMarkdown) is cheaper depends on the condition: \(c.valueMarkdown) is lower in \(mixed.lower) and higher in \(mixed.higher) of \(mixed.conditions.count)."
      )
    }
    guard !statements.isEmpty else { return nil }
    return "**In short.** " + statements.joined(separator: " ") + "\n\n"
  }
}
