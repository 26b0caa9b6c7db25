import Experiments
import Foundation
import Testing

@testable import Reporting

/// Each report states its model's assumptions, from the model kind and the
/// spec's own settings (an axis named as such).
@Suite struct AssumptionsTests {
  func report(_ specName: String) throws -> ExperimentReport {
    let catalog = try Synthetic.catalog()
    let spec = try Synthetic.paperSpec(specName, catalog: catalog)
    return ExperimentReport(data: Synthetic.sweep(), spec: spec, catalog: catalog, specNote: nil)
  }

  @Test func aDeadlineJobReportStatesTicksTheOptimumAndItsAxes() throws {
    let text = try #require(try report("ross").assumptionsSection())
    #expect(text.hasPrefix("## Assumptions and limits\n\n- **One job**"))
    #expect(text.contains("(`restart_overhead_hours`: 0, 0.2 by axis)"))
    #expect(text.contains("**The optimum** (`optimal-offline`"))
    #expect(text.contains("free (`probe_interval_hours: 0`)"))
    #expect(!text.contains("Billing"))
  }

  /// `probe_interval_hours: published` is modelled probing, not free: the
  /// multi-region reports said "free" until this test.
  @Test func modelledProbingIsNamedWithWhatAProbeCosts() throws {
    let base = try report("multi-region-h100")
    let text = try #require(base.assumptionsSection())
    #expect(text.contains("**Observation** (`probe_interval_hours: published`)"))
    #expect(text.contains("billed as 60 s of spot"))
    #expect(text.contains("UP(A) every 2 h, UP(AP) every 1 h"))
    #expect(!text.contains("free"))
    var job = ScenarioConfig.DeadlineJobSettings()
    job.probeIntervalHours = 0.5
    job.probeBilledSeconds = 30
    let fixed = base.observation(job, axis: nil)
    #expect(fixed.contains("(`probe_interval_hours: 0.50`)"))
    #expect(fixed.contains("billed as 30 s of spot"))
    #expect(fixed.contains("do so every 0.50 h"))
    let byAxis = base.observation(job, axis: ["0", "1", "published"])
    #expect(byAxis.contains("(`probe_interval_hours`: 0, 1, published by axis)"))
  }

  @Test func aFleetReportStatesItsMarketsBillingAndCheckpoints() throws {
    let policies = try #require(try report("policies").assumptionsSection())
    #expect(policies.contains("`ou`: Ornstein–Uhlenbeck"))
    #expect(policies.contains("`trace`: measured availability"))
    #expect(policies.contains("a trace is one measured sample path"))
    #expect(policies.contains("(`idle_timeout_hours`: 0.10 h)"))
    let checkpointing = try #require(try report("checkpointing").assumptionsSection())
    #expect(checkpointing.contains("(`checkpoint_model`: none, bands, proportional by axis)"))
    #expect(!checkpointing.contains("a trace is one measured sample path"))
    #expect(!checkpointing.contains("One job"))
  }

  /// With chips, each type's start (its own boot time) is stated, and
  /// what a reclaim loses: nothing where progress is kept as made.
  @Test func aChipReportStatesEachTypesStartAndWhatAReclaimLoses() throws {
    let text = try #require(try report("chip-choice").assumptionsSection())
    #expect(text.contains("**Chips: measured and synthetic.**"))
    #expect(text.contains("plus the difference of its catalog boot time from the accelerator's"))
    #expect(text.contains("Progress is kept as it is made (`checkpoint_interval_hours`: 0)"))
    #expect(!text.contains("one restart overhead serves every type"))
  }

  /// With periodic checkpoints by axis, the write time and the rule for
  /// each type's grace period are stated.
  @Test func aGracePeriodReportStatesTheCheckpointsWriteAndItsRule() throws {
    let text = try #require(try report("grace-period").assumptionsSection())
    #expect(text.contains("(`checkpoint_interval_hours`: 0, 0.5, 2 by axis)"))
    #expect(text.contains("(112 GB, 92 s at 9.72 Gbit/s)"))
    #expect(text.contains("loses the work since the last checkpoint"))
  }

  @Test func withoutTheSpecThereIsNoBox() {
    let report = ExperimentReport(data: Synthetic.sweep(), spec: nil, catalog: nil, specNote: "")
    #expect(report.assumptionsSection() == nil)
  }
}
