import Experiments
@testable import Reporting
import Testing

/// The completion-time CDF is drawn where the first comparison matters
/// most, and its caption names that condition.
@Suite struct CompletionCDFAnchorTests {
  @Test func theCDFIsAnchoredAtTheLargestPairedCostDifference() {
    // `a` is 10 $ cheaper than `b` in zone x (both task counts), ±1 $ in zone y.
    let report = ExperimentReport(
      data: PairedFigureTests.sweep(), spec: nil, catalog: nil, specNote: "no spec")
    let writer = ReportWriter(report: report)
    let anchor = writer.largestDifference(along: "policy")
    #expect(anchor?.values == ["policy": "a", "trace_zone": "x", "tasks": "1"])
    // No comparison along an axis: no anchor (each value's first cell).
    #expect(writer.largestDifference(along: "tasks") == nil)
    let figure = Figures.completionCDF(
      [("a", [1, 2]), ("b", [1, 3])], axis: "policy", condition: "trace_zone = x, tasks = 1")
    #expect(
      figure?.caption.contains(
        "replicate 0 at trace_zone = x, tasks = 1, where the first comparison's paired cost difference is largest"
      ) == true)
  }
}

@Suite struct CoincidingCurveTests {
  @Test func theDistanceIsTheLargestGapBetweenEmpiricalCDFs() {
    // a = {1, 2, 3, 4}, b = {1, 2, 3, 5}: equal up to 4, where a reaches 1
    // and b is at 0.75.
    #expect(abs(Figures.largestDistance([[1, 2, 3, 4], [1, 2, 3, 5]]) - 0.25) < 1e-12)
    #expect(Figures.largestDistance([[4, 3, 2, 1], [1, 2, 3, 4]]) == 0)
    // Disjoint samples are 1 apart; the largest pair counts.
    #expect(Figures.largestDistance([[1, 2], [1, 2], [5, 6]]) == 1)
    #expect(Figures.largestDistance([[1, 2]]) == 0)
  }
}
