import Experiments

/// "Litepaper claims, re-measured": each claim a spec states (`claims:`)
/// beside the sweep's own number, and each gap between two claims that
/// differ in one axis beside the paired difference of their cells and the
/// largest significant one anywhere in the paper set.
extension ReportIndex {
  /// `mean ± half-width` of `differences` as a percentage of the mean reference.
  static func percent(_ differences: [Double], of references: [Double]) -> String {
    guard !differences.isEmpty else { return "—" }
    let reference = references.reduce(0, +) / Double(references.count)
    guard reference != 0 else { return "—" }
    let s = Summary(differences)
    let mean = Format.number(100 * s.mean / reference, 1)
    guard let h = s.halfWidth else { return mean + "%" }
    return "\(mean) ± \(Format.number(100 * h / reference, 1))%"
  }

  /// The significant effect of `value` vs `against` on `axis` largest in
  /// the direction of `sign`, over every reported experiment that has both
  /// values, as text. Where an experiment also varies an axis `holding`
  /// names, only conditions with that value count.
  func largestAnywhere(
    axis: String, value: String, against: String, sign: Double, holding: [String: String]
  ) -> String {
    var best: (experiment: String, effect: ExperimentReport.ConditionEffect)?
    for data in sweeps {
      let values = data.values(of: axis)
      guard data.axes.contains(axis), values.contains(value), values.contains(against) else {
        continue
      }
      let pooled = data.pooling(also: ["trace_start_hour"]).data
      let report = ExperimentReport(data: pooled, spec: nil, catalog: nil, specNote: nil)
      let comparison = ExperimentSpec.Comparison(axis: axis, value: value, against: against)
      for effect in report.effects(comparison, in: pooled)
      where effect.difference.excludesZero && effect.difference.mean * sign > 0
        && holding.allSatisfy({ held in effect.values[held.key].map { $0 == held.value } ?? true })
      {
        if let p = effect.percent, abs(p) > abs(best?.effect.percent ?? 0) {
          best = (data.experiment, effect)
        }
      }
    }
    guard let best, let p = best.effect.percent else { return "none significant" }
    let h = best.effect.difference.halfWidth.map { 100 * $0 / best.effect.reference } ?? 0
    return
      "\(Format.number(p, 1)) ± \(Format.number(h, 1))% ([\(best.experiment)](\(best.experiment)/README.md): \(best.effect.condition))"
  }

  /// The section, or nil when no reported spec states a claim.
  func claimsSection() -> String? {
    var rows: [[String]] = []
    var gaps: [[String]] = []
    for data in sweeps {
      let claims = ExperimentSpec.claims(inText: data.specText, size: data.sweep.size)
      let link = "[\(data.experiment)](\(data.experiment)/README.md)"
      for claim in claims {
        let values = data.cells(matching: claim.cell).flatMap { $0.series(claim.metric) }
        let ours = values.isEmpty ? nil : Summary(values)
        rows.append([
          claim.text, "`\(claim.metric)`", Format.number(claim.value),
          ours.map { "\(Format.interval($0)) (n = \($0.n))" } ?? "—",
          ours.map { Format.number($0.mean / claim.value, 2) + "×" } ?? "—",
          link + ": "
            + claim.cell.keys.sorted().map { "\($0) = \(claim.cell[$0]!)" }.joined(
              separator: ", "),
        ])
      }
      for (i, a) in claims.enumerated() {
        for b in claims[(i + 1)...]
        where a.metric == b.metric && Set(a.cell.keys) == Set(b.cell.keys) {
          let differing = a.cell.keys.filter { a.cell[$0] != b.cell[$0] }
          guard differing.count == 1, let axis = differing.first, b.value != 0 else { continue }
          // The cheaper claim first, so the gap reads as what it saves.
          let (low, high) = a.value <= b.value ? (a, b) : (b, a)
          let (d, r) = Figures.paired(
            data,
            ExperimentSpec.Comparison(
              axis: axis, value: low.cell[axis]!, against: high.cell[axis]!),
            metric: a.metric, where: low.cell.filter { $0.key != axis })
          gaps.append([
            "\(low.text) vs \(high.text)",
            Format.number(100 * (low.value - high.value) / high.value, 1) + "%",
            Self.percent(d, of: r) + (d.isEmpty ? "" : " (n = \(d.count))"),
            largestAnywhere(
              axis: axis, value: low.cell[axis]!, against: high.cell[axis]!,
              sign: low.value < high.value ? -1 : 1, holding: low.cell.filter { $0.key != axis }),
          ])
        }
      }
    }
    guard !rows.isEmpty else { return nil }
    var out = "## Litepaper claims, re-measured\n\n"
    out +=
      "Each number a spec states under `claims:`, beside the mean and 95% CI of the same metric over the runs of the matching cells, and the ratio ours ÷ claimed. Conditions: the experiment's scenario and the cell.\n\n"
    var table = MarkdownTable(
      header: ["claim", "metric", "claimed", "re-measured", "ours ÷ claimed", "conditions"],
      rows: rows, labels: 2)
    table.rightAligned[5] = false
    out += table.render() + "\n"
    if !gaps.isEmpty {
      out +=
        "Gaps between two claims that differ in one axis: the claimed difference (first − second, as a share of the second), the paired difference of the same two cells here (same replicates; 95% CI), and the largest significant difference in that direction in any experiment reported here that varies the same axis, with its condition. A claimed gap holds only where such a condition reaches it.\n\n"
      var table = MarkdownTable(
        header: ["gap", "claimed", "re-measured (paired)", "largest anywhere (paired)"],
        rows: gaps)
      table.rightAligned[3] = false
      out += table.render() + "\n"
    }
    return out
  }
}
