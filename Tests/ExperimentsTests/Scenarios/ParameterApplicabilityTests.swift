@testable import Experiments
import Foundation
import Simulation
import Testing

/// Each parameter states the models that read it; a key set for a model
/// that never reads it is refused, naming the key and the model.
@Suite struct ParameterApplicabilityTests {
  let catalog = try! AcceleratorCatalog.load(Paths.catalog)

  /// A deadline job on the fixture trace, plus `pairs`.
  func deadlineJob(_ pairs: [(String, String)]) throws -> ScenarioConfig {
    var c = ScenarioConfig()
    c.file = "job.yaml"
    for (k, v) in [
      ("model", "deadline-job"), ("accelerator", "V100"),
      ("market", "trace:\(Paths.fixtures)/aws"), ("trace_zone", "us-test-1a"),
      ("work_hours", "constant(0.1)"), ("deadline_hours", "0.3"),
      ("restart_overhead_hours", "0.02"),
    ] + pairs {
      try c.set(k, to: v)
    }
    return c
  }

  @Test(arguments: [
    ("bandwidth_gbps", "5"), ("migration", "optimal"), ("tasks", "10"), ("state_mib", "2e-320"),
    ("horizon_hours", "10"), ("proactive_threshold", "0.1"),
  ])
  func aDeadlineJobRefusesAFleetKey(_ key: String, _ value: String) throws {
    let config = try deadlineJob([(key, value)])
    #expect(throws: ExperimentsError.self) { try config.resolveRunnable(catalog: catalog) }
    do {
      _ = try config.resolveRunnable(catalog: catalog)
    } catch let error as ExperimentsError {
      guard case .notApplicable(let file, let k, let v, let model, _) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(file == "job.yaml" && k == key && v == value && model == "deadline-job")
      #expect(error.description.contains("does not apply to model deadline-job"))
    }
  }

  @Test(arguments: [
    ("trace_zones", "a,b"), ("deadline_hours", "10"), ("checkpoint_gb", "50"),
    ("restart_overhead_hours", "0.1"),
  ])
  func aFleetRefusesADeadlineJobKey(_ key: String, _ value: String) throws {
    var config = ScenarioConfig()
    try config.set(key, to: value)
    #expect(
      throws: ExperimentsError.notApplicable(
        file: config.file, key: key, value: value, model: "fleet",
        reads: ScenarioParameter.all.filter { $0.models.contains(.fleet) }.map(\.key))
    ) { try config.resolveRunnable(catalog: catalog) }
  }

  @Test func aDeadlineJobWithOnlyItsOwnKeysRuns() throws {
    let runnable = try deadlineJob([("checkpoint_gb", "10"), ("storage_gbps", "5")])
      .resolveRunnable(catalog: catalog)
    guard case .deadlineJob = runnable else {
      Issue.record("not a deadline job")
      return
    }
    #expect(runnable.run(seed: 1).tasks == 1)
  }

  /// The 25 keys the runner kept by hand (up to fa4ad86) as
  /// those a fleet's on-demand baseline ignores.
  static let handKeptBaselineIgnores: Set<String> = [
    "policy", "migration", "preemption_rate", "hazard_scale", "zone_hazard_spread",
    "zone_hazard_scale", "ou_hazard_sensitivity", "bandwidth_gbps", "bandwidth_scale",
    "storage_gbps", "cross_region_gbps", "cross_continent_gbps", "egress_usd_per_gb",
    "grace_seconds", "checkpoint_full", "checkpoint_partial", "checkpoint_model",
    "migration_price_weight", "migration_hazard_weight", "migration_delay_weight",
    "proactive_threshold", "proactive_interval_minutes", "forecaster", "forecast_noise",
    "train_until_hour",
  ]

  /// Keys added since, which on-demand never reads either: how a deadline
  /// policy probes, what synkti-value remembers, which proactive test a
  /// fleet applies, and whether a fleet run solves its lower bound.
  static let ignoredSince: Set<String> = [
    "probe_interval_hours", "probe_billed_seconds", "value_memory_hours", "value_prior_hours",
    "proactive_test", "bound", "value_bridge_outages",
  ]

  /// The baseline's ignored keys, derived from each parameter's
  /// `baselineReads`, are the ones the runner used to keep by hand.
  @Test func theDerivedBaselineKeysAreTheHandKeptList() {
    #expect(SweepPlan.baselineIgnores == Self.handKeptBaselineIgnores.union(Self.ignoredSince))
  }

  /// Every key belongs to a model, and the keys only a deadline job reads
  /// are exactly its window, job, checkpoint, probing and chip choice.
  @Test func everyKeyStatesItsModels() {
    #expect(ScenarioParameter.all.allSatisfy { !$0.models.isEmpty })
    #expect(
      Set(ScenarioParameter.all.filter { $0.models == [.deadlineJob] }.map(\.key)) == [
        "deadline_hours", "restart_overhead_hours", "trace_zone", "trace_zones", "zone_order",
        "regions", "checkpoint_gb", "checkpoint_interval_hours", "probe_interval_hours",
        "probe_billed_seconds", "on_demand_ratio",
        "value_memory_hours", "value_prior_hours", "value_bridge_outages", "workload", "chips",
      ])
    #expect(ScenarioParameter.named("bandwidth_gbps")!.help.hasSuffix("[fleet only]"))
  }
}
