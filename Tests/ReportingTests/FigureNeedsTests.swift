import Experiments
import Testing

@testable import Reporting

/// Each figure declares the model, axes and metrics it needs; the report
/// draws it only where they are met, and names a figure meant for the
/// experiment that cannot be drawn, with the reason.
@Suite struct FigureNeedsTests {
  static func needs(_ name: String) -> FigureNeeds {
    Figures.declared.first { $0.needs.name == name }!.needs
  }
  let job = FigureNeeds.Sweep(model: .deadlineJob, multiZone: false)

  @Test func aFigureOfAnotherModelIsNotForTheExperiment() {
    let data = GapFigureTests.sweep(allowed: 0.5)
    let gap = Self.needs("gap-to-optimal")
    #expect(gap.verdict(data, job) == .applies)
    #expect(gap.verdict(data, .init(model: .fleet, multiZone: false)) == .notThisExperiment)
    #expect(Self.needs("gap-to-bound").verdict(data, job) == .notThisExperiment)
  }

  @Test func aFigureWhoseAxesTheGridLacksIsNotForTheExperiment() {
    var data = GapFigureTests.sweep(allowed: 0.5)
    #expect(Figures.workByType.verdict(data, job) == .notThisExperiment)  // no `chips`
    data.axes = ["policy"]
    #expect(Self.needs("gap-to-optimal").verdict(data, job) == .notThisExperiment)
  }

  @Test func anAxisOfOneValueOrAMetricNoRunStoresIsNamed() {
    var one = GapFigureTests.sweep(allowed: 0.5)
    one.cells = one.cells.filter { $0.values["deadline_hours"] == "52" }
    #expect(
      Self.needs("gap-to-optimal").verdict(one, job)
        == .cannotDraw("`deadline_hours` takes one value in the stored runs"))
    var unmeasured = GapFigureTests.sweep(allowed: 0.5)
    for i in unmeasured.cells.indices {
      for r in unmeasured.cells[i].runs.indices {
        unmeasured.cells[i].runs[r].metrics["gap_to_optimal"] = nil
      }
    }
    #expect(
      Self.needs("gap-to-optimal").verdict(unmeasured, job)
        == .cannotDraw("no run stores `gap_to_optimal`"))
  }

  @Test func costAlongTheDeadlineIsForJobsThatMayMove() {
    var data = GapFigureTests.sweep(allowed: 0.5)
    for i in data.cells.indices {
      for r in data.cells[i].runs.indices { data.cells[i].runs[r].metrics["total_cost"] = 10 }
    }
    let cost = Self.needs("cost-vs-deadline")
    #expect(cost.verdict(data, job) == .notThisExperiment)
    #expect(cost.verdict(data, .init(model: .deadlineJob, multiZone: true)) == .applies)
  }

  @Test func aFigureForTheExperimentThatDrawsNothingIsNamedWithItsReason() {
    // Only the optimum, on-demand and `s`, which misses past the allowed
    // rate: the gap figure has no policy to draw.
    var data = GapFigureTests.sweep(allowed: 0.1)
    data.cells = data.cells.filter { $0.values["policy"] != "a" }
    let writer = ReportWriter(
      report: ExperimentReport(data: data, spec: nil, catalog: nil, specNote: ""))
    let (figures, skipped) = writer.figures()
    #expect(!figures.contains { $0.name == "gap-to-optimal" })
    #expect(
      skipped.contains(
        "gap-to-optimal not drawn: no policy but the optimum and `on-demand-only` keeps within `max_deadline_miss_rate`."
      ))
  }

  @Test func aDeadlineJobReportNamesNoFleetFigure() throws {
    // A deadline-job spec's report (`AssumptionsTests.report`).
    let writer = ReportWriter(report: try AssumptionsTests().report("cant-be-late"))
    let (_, skipped) = writer.figures()
    #expect(!skipped.contains { $0.contains("Completion-time CDF") || $0.contains("timeline") })
  }
}
