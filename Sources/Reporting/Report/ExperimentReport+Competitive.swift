import Experiments
import Foundation

extension ExperimentReport {
  /// The axis that sets K, the on-demand ÷ spot price ratio.
  static let ratioAxis = "on_demand_ratio"

  /// The runs of a spec that sweeps K, pooled over windows and zones: one
  /// cell per policy and every other condition. Nil without such an axis
  /// or without runs measured against an optimum.
  static func competitiveCells(_ data: SweepData) -> SweepData? {
    guard data.axes.contains(ratioAxis), data.axes.contains("policy") else { return nil }
    let pooled = data.pooling(also: ["trace_start_hour", "trace_zone"]).data
    let measured = pooled.cells.filter {
      !$0.series(Metric.gapToOptimal.rawValue).isEmpty && $0.values["policy"] != "optimal-offline"
        && $0.values["policy"] != "on-demand-only"
    }
    guard !measured.isEmpty else { return nil }
    var out = pooled
    out.cells = measured
    return out
  }

  /// The empirical competitive ratio: per policy, K and condition, the
  /// worst cost ÷ optimum over every window and zone, beside √K (the paper's
  /// bound for ROSS) and K (where deterministic policies can be pushed). Nil unless
  /// the spec sweeps `on_demand_ratio`.
  func competitiveSection(_ data: SweepData) -> String? {
    guard let pooled = Self.competitiveCells(data) else { return nil }
    let conditions = Self.competitiveConditions(pooled)
    let policies = pooled.values(of: "policy").filter { p in
      pooled.cells.contains { $0.values["policy"] == p }
    }
    var out = "## Competitive ratio on the traces\n\n"
    out +=
      "The worst cost ÷ optimum over every window and zone (n runs each), per K = on-demand ÷ the window's mean spot price (`on_demand_ratio`), beside √K, ROSS's worst-case bound in its model (no overheads, a fixed spot price; proved for our completion), and K, which deterministic policies approach in the worst case (`docs/model.md`, \"ROSS\"). A trace is one availability sequence, not the adversary's worst. The mean is in brackets.\n\n"
    var rows: [[String]] = []
    var above: [String] = []
    let groups = Self.conditionValues(pooled, conditions)
    for group in groups {
      for k in pooled.values(of: Self.ratioAxis) {
        guard let kValue = Double(k) else { continue }
        var row =
          conditions.map { "`\(group[$0] ?? "")`" } + [k, Format.number(kValue.squareRoot(), 2)]
        var n = 0
        let place = (conditions.map { "\($0) = \(group[$0] ?? "")" } + ["K = \(k)"])
          .joined(separator: ", ")
        for policy in policies {
          let ratios = Self.ratios(pooled, policy: policy, k: k, in: group)
          n = Swift.max(n, ratios.count)
          guard let worst = ratios.max() else {
            row.append("—")
            continue
          }
          if worst > kValue.squareRoot() {
            above.append("`\(policy)` \(Format.number(worst, 2)) at \(place)")
          }
          let mean = ratios.reduce(0, +) / Double(ratios.count)
          row.append("\(Format.number(worst, 2)) (\(Format.number(mean, 2)))")
        }
        rows.append(row + ["\(n)"])
      }
    }
    out +=
      MarkdownTable(
        header: conditions + ["K", "√K"] + policies.map { "`\($0)` worst (mean)" } + ["n"],
        rows: rows
      ).render() + "\n"
    out +=
      "Worst ratios above √K: " + (above.isEmpty ? "none" : above.joined(separator: "; ")) + ".\n\n"
    return out
  }

  /// The axes besides policy and K along which the competitive cells vary:
  /// each combination of their values is a table group and a figure.
  static func competitiveConditions(_ pooled: SweepData) -> [String] {
    pooled.axes.filter { $0 != "policy" && $0 != ratioAxis && pooled.values(of: $0).count > 1 }
  }

  /// Cost ÷ optimum of every run of `policy` at K = `k` whose cell has the
  /// condition values `group`.
  static func ratios(_ pooled: SweepData, policy: String, k: String, in group: [String: String])
    -> [Double]
  {
    pooled.cells.filter { cell in
      cell.values["policy"] == policy && cell.values[ratioAxis] == k
        && group.allSatisfy { cell.values[$0.key] == $0.value }
    }.flatMap { $0.series(Metric.gapToOptimal.rawValue) }
  }

  /// Every combination of `axes`' values that some cell has, in cell order.
  static func conditionValues(_ data: SweepData, _ axes: [String]) -> [[String: String]] {
    var seen = Set<String>()
    var out: [[String: String]] = []
    for cell in data.cells {
      let values = Dictionary(uniqueKeysWithValues: axes.map { ($0, cell.values[$0] ?? "") })
      let key = axes.map { values[$0]! }.joined(separator: "\u{1}")
      if seen.insert(key).inserted { out.append(values) }
    }
    return out
  }
}
