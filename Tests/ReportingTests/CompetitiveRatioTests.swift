import Experiments
import Foundation
import Reporting
import Testing

/// The competitive-ratio section and figure, on a hand-made sweep over K,
/// zones and windows whose worst cases are known by construction.
@Suite struct CompetitiveRatioTests {
  /// Policies `r` and `u` at K = 2 and 4, two zones × two windows each;
  /// ratios 1 + K/100·(zone + window + 1), `u` twice `r`'s excess.
  static func sweep(scale: Double = 1) -> SweepData {
    var cells: [CellData] = []
    for policy in ["r", "u", "optimal-offline"] {
      for k in ["2", "4"] {
        for (z, zone) in ["a", "b"].enumerated() {
          for (w, window) in ["10", "20"].enumerated() {
            let excess = Double(k)! / 100 * Double(z + w + 1) * (policy == "u" ? 2 * scale : 1)
            let ratio = policy == "optimal-offline" ? 1 : 1 + excess
            let values = [
              "policy": policy, "on_demand_ratio": k, "trace_zone": zone,
              "trace_start_hour": window,
            ]
            cells.append(
              Synthetic.cell(
                cells.count, values, runs: [["total_cost": 100 * ratio, "gap_to_optimal": ratio]]))
          }
        }
      }
    }
    return SweepData(
      sweep: Synthetic.record, experiment: "ratios", specText: "name: ratios\n", specHash: "abc",
      axes: ["policy", "on_demand_ratio", "trace_zone", "trace_start_hour"], cells: cells)
  }

  @Test func theSectionGivesTheWorstAndMeanOverWindowsAndZonesBesideRootK() {
    let text = ExperimentReport(data: Self.sweep(), spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
    let section = text.components(separatedBy: "## Competitive ratio on the traces")[1]
      .components(separatedBy: "## ")[0]
    // K = 2: r's excesses 0.02·{1, 2, 2, 3}: worst 1.06, mean 1.04; u twice.
    #expect(section.contains("| 2 | 1.41 | 1.06 (1.04) | 1.12 (1.08) | 4 |"), "\(section)")
    // K = 4: r 0.04·{1, 2, 2, 3}: worst 1.12, mean 1.08; u 1.24 (1.16).
    #expect(section.contains("| 4 | 2.00 | 1.12 (1.08) | 1.24 (1.16) | 4 |"))
    #expect(!section.contains("optimal-offline"))
    #expect(section.contains("Worst ratios above √K: none."))
  }

  @Test func ratiosAboveRootKAreNamed() {
    // u's excesses ×10: worst 1 + 0.02·3·20 = 2.2 at K = 2, 3.4 at K = 4.
    let text = ExperimentReport(data: Self.sweep(scale: 10), spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
    #expect(
      text.contains("Worst ratios above √K: `u` 2.20 at K = 2; `u` 3.40 at K = 4."), "\(text)")
  }

  @Test func theFigureDrawsTheWorstRatioAgainstKWithReferences() throws {
    let figures = Figures.competitiveRatio(Self.sweep())
    let figure = try #require(figures.first)
    #expect(figures.count == 1 && figure.name == "competitive-ratio")
    #expect(figure.data.contains("# policy = r\n2.0 1.06\n4.0 1.12\n"), "\(figure.data)")
    #expect(figure.data.contains("# policy = u\n2.0 1.12\n4.0 1.24\n"))
    #expect(figure.commands.contains("sqrt(x)") && figure.commands.contains("title 'K'"))
  }

  @Test func noSectionWithoutAKAxis() {
    let text = ExperimentReport(
      data: OptimumGapTests.sweep(), spec: nil, catalog: nil, specNote: ""
    )
    .markdown(figures: [], skipped: [])
    #expect(!text.contains("Competitive ratio"))
    #expect(Figures.competitiveRatio(OptimumGapTests.sweep()).isEmpty)
  }
}
