import Experiments
import Foundation
import Reporting
import Testing

/// A comparison of two values of another axis, per policy.
@Suite struct FindingsByPolicyTests {
  /// Chips `all` against `null`: for policy p, `all` costs 9, 8, 7 where
  /// `null` costs 10 in every run (differences −1, −2, −3 in each of two
  /// zones); for q both cost 10 in every run.
  static func sweep() -> SweepData {
    var cells: [CellData] = []
    for policy in ["p", "q"] {
      for chips in ["all", "null"] {
        for zone in ["x", "y"] {
          let costs: [Double] = policy == "p" && chips == "all" ? [9, 8, 7] : [10, 10, 10]
          cells.append(
            Synthetic.cell(
              cells.count, ["policy": policy, "chips": chips, "trace_zone": zone],
              runs: costs.map { ["total_cost": $0] }))
        }
      }
    }
    return SweepData(
      sweep: Synthetic.record, experiment: "chips",
      specText:
        "name: chips\ngrid:\n  policy: [p, q]\n  chips: [all, \"null\"]\n  trace_zone: [x, y]\ncompare: [[all, \"null\"]]\n",
      specHash: "abc", axes: ["policy", "chips", "trace_zone"], cells: cells)
  }

  @Test func eachPolicyGetsItsPooledPairedDifference() {
    let text = FindingsConclusionTests.findings(Self.sweep())
    // p: six pairs −1, −2, −3, −1, −2, −3: mean −2, s = 0.894, half-width
    // t(0.975, 5) · s / √6 = 2.5706 × 0.365 = 0.94; −20 % of 10.
    #expect(text.contains("| `p` | 6 | -2.00 ± 0.94 | -20.0 | cheaper |"), "\(text)")
    #expect(text.contains("| `q` | 6 | 0.00 ± 0 | 0.0 | the same in every run |"), "\(text)")
    #expect(text.contains("#### `all` − `null` per policy"), "\(text)")
  }

  @Test func aComparisonOfPoliciesHasNoSuchTable() {
    let text = FindingsConclusionTests.findings(FindingsConclusionTests.sweep())
    #expect(!text.contains("per policy"))
  }
}
