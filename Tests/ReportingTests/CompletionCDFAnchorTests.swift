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
