import Experiments
import Foundation
import Reporting
import Testing

/// Oracles are bounds, never results, and nuisance axes are conditions,
/// never choices: checked on a hand-made sweep whose best savings belong
/// to the oracle and whose best policy depends on the window.
@Suite struct BoundsAndNuisanceTests {
  /// Savings (%) by policy and window: the optimum saves most everywhere;
  /// `v` is best in window 10, `e` in window 20 and on average; `w` saves
  /// the same in both (its cells share one row).
  static let savings: [String: [String: Double]] = [
    "optimal-offline": ["10": 50, "20": 50], "v": ["10": 30, "20": 10], "e": ["10": 20, "20": 25],
    "w": ["10": 5, "20": 5],
  ]

  static func sweep(nuisance: Bool) -> SweepData {
    var cells: [CellData] = []
    for policy in ["optimal-offline", "v", "e", "w"] {
      for window in ["10", "20"] {
        let values = ["policy": policy, "trace_start_hour": window]
        let saving = savings[policy]![window]!
        cells.append(
          CellData(
            index: cells.count, key: "policy=\(policy);trace_start_hour=\(window)",
            values: values,
            runs: [
              RunData(
                replicate: 0, seed: "1",
                metrics: ["total_cost": 100 - saving, "savings_percent": saving])
            ]))
      }
    }
    return SweepData(
      sweep: Synthetic.record, experiment: "bounds",
      specText: "name: bounds\n" + (nuisance ? "nuisance: [trace_start_hour]\n" : ""),
      specHash: "abc", axes: ["policy", "trace_start_hour"], cells: cells)
  }

  static func report(nuisance: Bool) -> String {
    ExperimentReport(data: sweep(nuisance: nuisance), spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
  }

  /// The lines of the table under `heading` that start with `prefix`.
  static func rows(_ text: String, under heading: String, starting prefix: String) -> [String] {
    let section = text.components(separatedBy: heading)[1].components(separatedBy: "\n#")[0]
    return section.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
  }

  @Test func theOracleIsMarkedAsABoundAndNeverStarred() {
    let text = Self.report(nuisance: false)
    let optimum = Self.rows(text, under: "### `policy`", starting: "| `optimal-offline`")
    #expect(optimum.count == 1 && optimum[0].contains("⊥ bound") && !optimum[0].contains("★"))
    // Mean savings: v 20, e 22.5: e is the best deployable policy.
    #expect(Self.rows(text, under: "### `policy`", starting: "| `e` ★").count == 1)
    #expect(Self.rows(text, under: "### `policy`", starting: "| `v` ★").isEmpty)
    // In the per-cell table the one star goes to v in window 10 (30 %).
    let starred = text.split(separator: "\n").filter { $0.hasPrefix("| `") && $0.contains("★") }
    // e in the policy table, window 10 in the window table (not declared a
    // nuisance here), v's cell.
    #expect(starred.count == 3)
    #expect(starred.contains { $0.hasPrefix("| `v` ★ | `10`") })
    #expect(!text.contains("`optimal-offline` ★"))
  }

  @Test func aNuisanceAxisIsNeverStarredAndEachOfItsValuesGetsItsBest() {
    let text = Self.report(nuisance: true)
    let windows = Self.rows(text, under: "### `trace_start_hour`", starting: "| `")
    #expect(windows.count == 2 && windows.allSatisfy { !$0.contains("★") })
    #expect(text.contains("A nuisance axis (declared in the spec)"))
    // Per window: v in window 10, e in window 20; never the optimum.
    #expect(text.contains("| `v` ★ | `10`") && text.contains("| `e` ★ | `20`"))
    #expect(!text.contains("| `v` ★ | `20`") && !text.contains("| `e` ★ | `10`"))
    // A row standing for cells of both windows competes in its first.
    #expect(text.contains("| `w` | `10`, `20`") && !text.contains("| `w` ★"))
    #expect(!text.contains("`optimal-offline` ★"))
  }
}
