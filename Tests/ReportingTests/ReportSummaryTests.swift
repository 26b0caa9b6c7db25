import Experiments
import Foundation
import Reporting
import Testing

/// The index's summary table, on a hand-made sweep whose pooled effect is
/// computed by hand.
@Suite struct ReportSummaryTests {
  /// Policies a and b in two zones, three replicates: a costs 1, 2, 3 less
  /// than b's 10 in zone x, and 1, 1, 1 more in zone y.
  static func sweep() -> SweepData {
    var cells: [CellData] = []
    for policy in ["a", "b"] {
      for zone in ["x", "y"] {
        let costs: [Double] =
          policy == "b" ? [10, 10, 10] : zone == "x" ? [9, 8, 7] : [11, 11, 11]
        cells.append(
          Synthetic.cell(
            cells.count, ["policy": policy, "trace_zone": zone],
            runs: costs.map { ["total_cost": $0] }))
      }
    }
    return SweepData(
      sweep: Synthetic.record, experiment: "pair",
      specText: "name: pair\ngrid:\n  policy: [a, b]\n  trace_zone: [x, y]\ncompare: [[a, b]]\n",
      specHash: "abc", axes: ["policy", "trace_zone"], cells: cells)
  }

  @Test func theSummaryPoolsEveryConditionAndCountsWhereEachSideWins() {
    let text = ReportIndex(sweeps: [Self.sweep()]).markdown()
    // Differences −1, −2, −3, 1, 1, 1: mean −0.5, s = 1.761, half-width
    // t(0.975, 5)·s/√6 = 2.571·0.7188 = 1.848 (1.8); −0.5/10 = −5.0 %. Zone x:
    // −2 ± 2.48 (n 3, s 1) includes 0; zone y: +1 ± 0 excludes it.
    #expect(text.contains("## Summary"))
    #expect(
      text.contains(
        "| [pair](pair/README.md) | `a` − `b` | -0.5 ± 1.8 | -5.0 | 6 | no | no significant difference overall; cheaper in 0, dearer in 1, no significant difference in 1 of 2 conditions. |"
      ), "\(text)")
    #expect(text.contains("Fewer than 10 pairs behind a row"))
    #expect(text.contains("## Experiments"))
  }

  @Test func noSummaryWithoutComparisons() {
    var data = Self.sweep()
    data.specText = "name: pair\n"
    #expect(!ReportIndex(sweeps: [data]).markdown().contains("## Summary"))
  }
}
