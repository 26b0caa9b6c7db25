import Experiments
import Simulation
import Testing

@Suite struct DeadlineScenarioTests {
  let catalog = try! AcceleratorCatalog.load(Paths.catalog)

  func config(_ pairs: [(String, String)]) throws -> ScenarioConfig {
    var c = ScenarioConfig()
    c.file = "cbl.yaml"
    c.baseDirectory = Paths.fixtures
    for (k, v) in [
      ("model", "deadline-job"), ("accelerator", "V100"), ("market", "trace:aws"),
      ("trace_zone", "us-test-1a"), ("work_hours", "constant(0.1)"), ("deadline_hours", "0.3"),
      ("restart_overhead_hours", "0.02"),
    ] + pairs {
      try c.set(k, to: v)
    }
    return c
  }

  @Test func resolvesAndRunsOnTheFixtureTrace() throws {
    // Fixture availability: 0 1 1 0 1 1 1 (ticks of 195 s).
    // Every policy but the one that needs fitted forecasters.
    for policy in DeadlinePolicies.names where policy != DeadlinePolicies.forecastName {
      let runnable = try config([("policy", policy)]).resolveRunnable(catalog: catalog)
      guard case .deadlineJob(let scenario) = runnable else {
        Issue.record("not a deadline job")
        return
      }
      #expect(scenario.window.available == [[false, true, true, false, true, true]])
      #expect(scenario.optimum.solver == .singleZone)
      let m = runnable.run(seed: 1)
      #expect(m.tasks == 1 && m.completed + m.unfinished == 1)
      if policy != "spot-only" { #expect(m.deadlineMisses == 0, "\(policy)") }
      if m.deadlineMisses == 0 { #expect(m.gapToOptimal! >= 1 - 1e-12, "\(policy)") }
      #expect(abs(m.baselineCost - 3.06 * 195.0 / 3600 * 3) < 1e-9)  // 0.12 h → 3 ticks on demand
    }
  }

  @Test func onDemandRatioPricesOnDemandAtKTimesTheMeanSpotPrice() throws {
    let plain = try config([("policy", "ross")]).resolveRunnable(catalog: catalog)
    let priced = try config([("policy", "ross"), ("on_demand_ratio", "4")])
      .resolveRunnable(catalog: catalog)
    guard case .deadlineJob(let a) = plain, case .deadlineJob(let b) = priced else {
      Issue.record("not a deadline job")
      return
    }
    #expect(a.window.onDemandPrice == [3.06] && a.job.onDemandPrice == 3.06)
    let spot = b.window.price[0].reduce(0, +) / Double(b.window.price[0].count)
    #expect(abs(b.window.onDemandPrice[0] - 4 * spot) < 1e-12)
    #expect(b.job.onDemandPrice == b.window.onDemandPrice[0])
    #expect(throws: ExperimentsError.self) { try config([("on_demand_ratio", "0.5")]) }
  }

  @Test func rossDrawsFromTheRunsSeed() throws {
    // A longer job on the vendored V100 traces, where the draw matters.
    var c = ScenarioConfig()
    c.file = "ross.yaml"
    c.baseDirectory = Paths.repository.appendingPathComponent("Experiments/paper").path
    for (k, v) in [
      ("model", "deadline-job"), ("accelerator", "V100"),
      ("market", "trace:../data/traces/aws-v100-2023-02"), ("trace_zone", "us-east-1f"),
      ("trace_start_hour", "300"), ("work_hours", "constant(24)"), ("deadline_hours", "40"),
      ("policy", "ross"),
    ] {
      try c.set(k, to: v)
    }
    let runnable = try c.resolveRunnable(catalog: catalog)
    let costs = (1...4).map { runnable.run(seed: UInt64($0)).totalCost }
    #expect(runnable.run(seed: 1).totalCost == costs[0])
    #expect(Set(costs).count > 1, "\(costs)")
  }

  @Test func badDeadlineJobsNameTheKey() throws {
    #expect(throws: ExperimentsError.missingKey(file: "cbl.yaml", key: "trace_zone")) {
      try config([("trace_zone", "null")]).resolveRunnable(catalog: catalog)
    }
    #expect(throws: ExperimentsError.self) {
      try config([("trace_zone", "mars-1a")]).resolveRunnable(catalog: catalog)
    }
    #expect(throws: ExperimentsError.self) {
      try config([("deadline_hours", "0.1")]).resolveRunnable(catalog: catalog)
    }
    #expect(throws: ExperimentsError.self) {
      try config([("policy", "on-demand-fallback:2")]).resolveRunnable(catalog: catalog)
    }
    #expect(throws: ExperimentsError.self) {
      try config([("market", "poisson")]).resolveRunnable(catalog: catalog)
    }
  }
}

/// Modelled probing on the vendored V100 traces: probes are billed, and the
/// cost's parts (spot, on-demand, egress, probes) add up to the total, none
/// of them holding another's dollars.
@Suite struct ProbingScenarioTests {
  @Test func probesAreBilledApartFromOnDemand() throws {
    let catalog = try AcceleratorCatalog.load(Paths.catalog)
    var c = ScenarioConfig()
    c.file = "probing.yaml"
    c.baseDirectory = Paths.data
    for (k, v) in [
      ("model", "deadline-job"), ("accelerator", "V100"),
      ("market", "trace:traces/aws-v100-2023-02"),
      ("trace_zones", "us-east-1c,us-east-2b,us-west-2a"), ("work_hours", "constant(10)"),
      ("deadline_hours", "15"), ("restart_overhead_hours", "0.1"), ("checkpoint_gb", "50"),
      ("trace_start_hour", "400"), ("policy", "up-availability-price"),
      ("probe_interval_hours", "published"),
    ] {
      try c.set(k, to: v)
    }
    let m = try c.resolveRunnable(catalog: catalog).run(seed: 1)
    #expect(m.probes > 0 && m.probeCost > 0)
    #expect(m.onDemandCost >= 0 && m.spotCost > 0)
    #expect(abs(m.spotCost + m.onDemandCost + m.egressCost + m.probeCost - m.totalCost) < 1e-9)
    // Free probing: nothing probed, nothing billed for it.
    try c.set("probe_interval_hours", to: "0")
    let free = try c.resolveRunnable(catalog: catalog).run(seed: 1)
    #expect(free.probes == 0 && free.probeCost == 0)
  }
}
