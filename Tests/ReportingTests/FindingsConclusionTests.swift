import Experiments
import Foundation
import Reporting
import Testing

/// The Findings' closing statements, on a sweep whose effects are known.
@Suite struct FindingsConclusionTests {
  /// b costs 10 in every run; a costs 9, 8, 7 in zone x and 11, 11, 11 in
  /// zone y; c costs b's 10 (or, `cDiffers`, 10.5 in one run of zone x).
  static func sweep(cDiffers: Bool = false, aCheaper: Bool = false, cNoise: Bool = false)
    -> SweepData
  {
    var cells: [CellData] = []
    for policy in ["a", "b", "c"] {
      for zone in ["x", "y"] {
        var costs: [Double] =
          policy == "a" ? (zone == "x" || aCheaper ? [9, 8, 7] : [11, 11, 11]) : [10, 10, 10]
        if cDiffers && policy == "c" && zone == "x" { costs[0] = 10.5 }
        // A mean of equal draws can differ from the single value in its last bits.
        if cNoise && policy == "c" { costs = costs.map { $0 + 1e-13 } }
        cells.append(
          Synthetic.cell(
            cells.count, ["policy": policy, "trace_zone": zone],
            runs: costs.map { ["total_cost": $0] }))
      }
    }
    return SweepData(
      sweep: Synthetic.record, experiment: "three",
      specText:
        "name: three\ngrid:\n  policy: [a, b, c]\n  trace_zone: [x, y]\ncompare: [[a, b], [c, b]]\n",
      specHash: "abc", axes: ["policy", "trace_zone"], cells: cells)
  }

  static func findings(_ data: SweepData) -> String {
    ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
      .components(separatedBy: "## Findings")[1].components(separatedBy: "\n## ")[0]
  }

  @Test func identicalComparisonsAreSaidToHaveNothingToDifferOn() {
    // a − b pools to −0.5 ± 1.85: not significant, so no largest effect.
    let text = Self.findings(Self.sweep())
    #expect(
      text.contains(
        "**In short.** The model gives `c` and `b` nothing to differ on: equal in every run."),
      "\(text)")
  }

  @Test func aComparisonNoConditionSeparatesIsNamed() {
    // c − b: +0.5 in one run of zone x, 0 elsewhere: no condition separates.
    let text = Self.findings(Self.sweep(cDiffers: true))
    #expect(
      text.contains("**In short.** No condition separates `c` and `b`: every interval includes 0."),
      "\(text)")
  }

  @Test func theLargestSignificantPooledEffectComesFirst() {
    // a − b: −1, −2, −3 in both zones: mean −2, s 0.894, half-width
    // t(0.975, 5)·s/√6 = 0.94; −20 % of b's 10. Per zone (n 3) ±2.48.
    let text = Self.findings(Self.sweep(aCheaper: true))
    #expect(
      text.contains(
        "**In short.** The largest pooled effect: `a` costs 20.0% less than `b` (-2.00 ± 0.94 $ over 6 pairs), significantly lower in 0 and higher in 0 of 2 conditions. The model gives `c` and `b` nothing to differ on: equal in every run."
      ), "\(text)")
  }

  @Test func roundingNoiseIsNoDifference() {
    // c − b = 1e-13 in every run: zero variance, but not a finding.
    let text = Self.findings(Self.sweep(cNoise: true))
    #expect(text.contains("`c` and `b` nothing to differ on"), "\(text)")
    #expect(!text.contains("`c` costs significantly"))
  }
}
