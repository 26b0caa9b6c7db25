@testable import Experiments
import Testing

/// `ScenarioConfig` groups its keys in typed settings; the model-specific
/// ones hold only keys their model reads, so the type says where a key
/// applies as `ScenarioParameter.models` does.
@Suite struct ScenarioSettingsTests {
  /// A value of each key other than its default.
  static let samples: [String: String] = [
    "name": "x", "description": "d", "horizon_hours": "10", "seed": "7", "accelerator": "V100",
    "zones": "3", "market": "ou", "trace_start_hour": "5", "preemption_rate": "0.2",
    "bandwidth_gbps": "5", "grace_seconds": "30", "boot_seconds": "60",
    "policy": "uniform-progress", "migration": "optimal", "idle_timeout_hours": "0.5",
    "checkpoint_full": "0.9", "checkpoint_partial": "0.2", "checkpoint_model": "none",
    "storage_gbps": "5", "trace_other_types": "scaled", "fleet": "mixed",
    "zone_regions": "us-east-1,us-west-2", "spot_capacity": "4", "zone_spot_capacity": "1,-",
    "crunch_rate_per_hour": "0.1", "crunch_fraction": "0.25", "crunch_hours": "2",
    "zone_price_spread": "0.2", "zone_hazard_spread": "0.2", "zone_price_scale": "1,1.4",
    "zone_hazard_scale": "1,2", "cross_region_gbps": "3", "cross_continent_gbps": "1",
    "egress_usd_per_gb": "0.05", "bandwidth_scale": "2", "hazard_scale": "2",
    "ou_reversion": "0.3", "ou_volatility": "0.3", "ou_daily_amplitude": "0.3",
    "ou_hazard_sensitivity": "0.3", "tasks": "10", "arrivals": "poisson",
    "arrival_fraction": "0.6", "work_hours": "constant(3)", "state_mib": "100",
    "weights_gib": "10", "memory_gib": "20", "deadline_slack": "2",
    "migration_price_weight": "2", "migration_hazard_weight": "2",
    "migration_delay_weight": "2", "model": "deadline-job", "forecaster": "ewma",
    "forecast_noise": "0.1", "train_until_hour": "100", "proactive_threshold": "0.1",
    "proactive_interval_minutes": "10", "proactive_test": "value", "bound": "true",
    "deadline_hours": "10", "restart_overhead_hours": "0.1", "trace_zone": "a",
    "trace_zones": "a,b", "zone_order": "a,b", "regions": "2", "checkpoint_gb": "50",
    "probe_interval_hours": "1", "probe_billed_seconds": "30", "value_memory_hours": "5",
    "value_prior_hours": "5", "value_bridge_outages": "true", "checkpoint_interval_hours": "2",
    "on_demand_ratio": "2",
    "workload": "x", "chips": "H100",
  ]

  /// The settings a key's value lives in: those that, copied alone into a
  /// default config, carry the value set.
  static func settings(holding key: String) throws -> Set<String> {
    var set = ScenarioConfig()
    try set.set(key, to: samples[key]!)
    let defaults = ScenarioConfig()
    let copies: [String: (inout ScenarioConfig) -> Void] = [
      "market": { $0.market = set.market }, "network": { $0.network = set.network },
      "fleet": { $0.fleet = set.fleet }, "deadlineJob": { $0.deadlineJob = set.deadlineJob },
      "forecast": { $0.forecast = set.forecast },
    ]
    var holding: Set<String> = []
    for (name, copy) in copies {
      var c = ScenarioConfig()
      copy(&c)
      if c.value(of: key) == set.value(of: key), c.value(of: key) != defaults.value(of: key) {
        holding.insert(name)
      }
    }
    return holding
  }

  @Test func everyKeyHasASampleThatIsNotItsDefault() throws {
    for parameter in ScenarioParameter.all {
      let sample = try #require(Self.samples[parameter.key], "no sample for \(parameter.key)")
      var c = ScenarioConfig()
      try c.set(parameter.key, to: sample)
      #expect(
        c.value(of: parameter.key) != ScenarioConfig().value(of: parameter.key), "\(parameter.key)")
    }
  }

  @Test(arguments: ScenarioParameter.all.map(\.key))
  func aKeyLivesInAtMostOneSettingsAndModelSettingsHoldOnlyTheirModelsKeys(_ key: String)
    throws
  {
    let holding = try Self.settings(holding: key)
    let models = ScenarioParameter.named(key)!.models
    #expect(holding.count <= 1, "\(key) in \(holding.sorted())")
    if holding.contains("fleet") { #expect(models == [.fleet], "\(key) is in fleet") }
    if holding.contains("deadlineJob") {
      #expect(models == [.deadlineJob], "\(key) is in deadlineJob")
    }
    // And every key only the deadline job reads is in its settings.
    if models == [.deadlineJob] { #expect(holding == ["deadlineJob"], "\(key): \(holding)") }
  }
}
