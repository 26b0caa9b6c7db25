import Experiments
import Foundation
import Simulation
import Testing

/// Every input the fuzzer found crashing or hanging is refused with an
/// `ExperimentsError` (exit code 2), before anything is written.
@Suite struct ValidationTests {
  let catalog = try! AcceleratorCatalog.load(Paths.catalog)

  @Test(arguments: [
    ("boot_seconds", "1e308"), ("horizon_hours", "1e308"), ("tasks", "9223372036854775807"),
    ("grace_seconds", "1e308"), ("preemption_rate", "1e308"), ("bandwidth_gbps", "1e-300"),
    ("work_hours", "uniform(1,inf)"), ("work_hours", "uniform(1,)"),
    ("work_hours", "constant(nan)"),
    ("trace_start_hour", "1e300"), ("ou_hazard_sensitivity", "700"), ("state_mib", "1e300"),
    ("deadline_hours", "inf"), ("zones", "100000000"),
  ])
  func outOfBoundValuesAreRefused(key: String, value: String) {
    var config = ScenarioConfig()
    #expect(throws: ExperimentsError.self) { try config.set(key, to: value) }
  }

  @Test(arguments: [
    "on-demand-fallback:1e308", "on-demand-fallback:-1", "on-demand-fallback:2.5", "greedy:3",
    "on-demand-only:k=1", "uniform-progress:0", "uniform-progress:review=inf",
    "on-demand-fallback:j=2",
  ])
  func badPolicyArgumentsAreRefused(policy: String) throws {
    var config = ScenarioConfig()
    try config.set("policy", to: policy)
    #expect(throws: ExperimentsError.self) { try config.resolve(catalog: catalog) }
  }

  @Test func goodPolicyArgumentsStillWork() throws {
    var config = ScenarioConfig()
    for policy in ["on-demand-fallback:3", "on-demand-fallback:k=0", "uniform-progress:0.5"] {
      try config.set("policy", to: policy)
      _ = try config.resolve(catalog: catalog)
    }
  }

  func spec(_ text: String) throws -> ExperimentSpec {
    try ExperimentSpec.parse(text, file: "spec.yaml", catalog: catalog)
  }

  @Test(arguments: ["", "# only a comment\n", "\n\n"])
  func anEmptySpecIsAnError(text: String) {
    #expect(throws: ExperimentsError.self) { try spec(text) }
  }

  @Test(arguments: [
    "grid: {policy: }\n", "grid: {policy: []}\n", "grid:\n  policy:\n", "grid: {policy: [[a]]}\n",
  ])
  func anAxisWithNoValuesIsAnError(text: String) {
    #expect(throws: ExperimentsError.self) { try spec(text) }
  }

  @Test(arguments: ["1.5", "-0.1", "most"])
  func aMissRateOutsideZeroToOneNamesItsKey(value: String) {
    #expect {
      try spec("grid: {policy: [greedy]}\nmax_deadline_miss_rate: \(value)\n")
    } throws: { "\($0)".contains("max_deadline_miss_rate") }
    #expect(ExperimentSpec.maxDeadlineMissRate(inText: "max_deadline_miss_rate: 0.25\n") == 0.25)
  }

  @Test(arguments: [
    "compare: [[greedy, nope]]\n", "compare: [[greedy, greedy]]\n", "compare: [greedy]\n",
    "compare: [[greedy, uniform-progress, on-demand-only]]\n",
  ])
  func aComparisonOfValuesNotOnOneAxisNamesItsKey(text: String) {
    #expect {
      try spec("grid: {policy: [greedy, uniform-progress]}\n" + text)
    } throws: { "\($0)".contains("compare") }
  }

  @Test(arguments: [
    "nuisance: [trace_start_hour]\n", "nuisance: [[policy]]\n", "nuisance: [seed]\n",
  ])
  func aNuisanceAxisMustBeAGridAxis(text: String) {
    #expect {
      try spec("grid: {policy: [greedy, uniform-progress]}\n" + text)
    } throws: { "\($0)".contains("nuisance[0]") }
  }

  @Test func nuisanceAxesAreReadBack() throws {
    let text =
      "grid: {policy: [greedy], preemption_rate: [0.1, 0.2]}\nnuisance: [preemption_rate]\n"
    _ = try spec(text)
    #expect(ExperimentSpec.nuisanceAxes(inText: text) == ["preemption_rate"])
    #expect(ExperimentSpec.nuisanceAxes(inText: "grid: {policy: [greedy]}\n").isEmpty)
  }

  @Test func aDeadlineSpecsBaselineIsADeadlinePolicy() throws {
    let deadline =
      "base: {model: deadline-job}\ngrid: {policy: [synkti-value, up-eager-failover]}\n"
    #expect(try spec(deadline + "baseline: up-eager-failover\n").baseline == "up-eager-failover")
    #expect(try spec(deadline).baseline == "on-demand-only")
    // A fleet policy is no baseline for a deadline job, and the refusal
    // lists the deadline policies.
    #expect(
      throws: ExperimentsError.unknownName(
        file: "spec.yaml", key: "baseline", name: "on-demand-fallback",
        known: DeadlinePolicies.names)
    ) { try spec(deadline + "baseline: on-demand-fallback\n") }
  }

  @Test func aFleetSpecsBaselineIsAFleetPolicy() throws {
    let fleet = "grid: {policy: [greedy, uniform-progress]}\n"
    #expect(try spec(fleet + "baseline: greedy\n").baseline == "greedy")
    #expect(throws: ExperimentsError.self) { try spec(fleet + "baseline: up-eager-failover\n") }
    // A spec that runs both models may name either's policies.
    let both = "grid: {model: [fleet, deadline-job], policy: [on-demand-only]}\n"
    #expect(try spec(both + "baseline: up-eager-failover\n").baseline == "up-eager-failover")
    #expect(try spec(both + "baseline: on-demand-fallback\n").baseline == "on-demand-fallback")
  }

  @Test func aComparisonResolvesToItsAxis() throws {
    let parsed = try spec(
      "grid: {policy: [greedy, uniform-progress], migration: [naive, optimal]}\ncompare: [[optimal, naive]]\n"
    )
    #expect(
      parsed.comparisons == [.init(axis: "migration", value: "optimal", against: "naive")])
  }

  @Test func hugeReplicateCountsAndGridsAreRefusedWithoutOverflow() {
    #expect(throws: ExperimentsError.self) { try spec("replicates: 4611686018427387904\n") }
    // 100 × 100 × 100 cells × 20 replicates = 2 × 10⁷ runs: over the limit.
    let values = (1...100).map { "\($0)" }.joined(separator: ", ")
    let grid =
      "grid:\n  tasks: [\(values)]\n  seed: [\(values)]\n  zones: [\(values)]\nreplicates: 20\n"
    #expect(throws: ExperimentsError.self) { try spec(grid) }
  }

  @Test func anEmptyKindsMappingIsAnError() {
    #expect(throws: ExperimentsError.self) {
      try ScenarioConfig.parse("kinds:\n", file: "s.yaml", catalog: catalog)
    }
  }

  @Test func anAliasBombIsRefusedQuicklyWithAShortMessage() throws {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    for i in 1...9 {
      let prev = "*a\(i - 1)"
      text +=
        "a\(i): &a\(i) [\(Array(repeating: prev, count: 9).joined(separator: ", "))]\n"
    }
    // Nine levels of nine: 9⁹ ≈ 387 million strings if anything expanded it.
    let bomb = "name: bomb\ndescription:\n  " + text.replacingOccurrences(of: "\n", with: "\n  ")
    do {
      _ = try spec(bomb)
      Issue.record("an alias bomb must be refused")
    } catch let error as ExperimentsError {
      #expect("\(error)".count < 400)
    }
    // A few aliases are still fine where a value is scalar.
    let small = "name: ok\ndescription: &d hello\nbase: {name: *d}\n"
    #expect(try spec(small).base.name == "hello")
  }

  @Test func inlineAcceleratorsAreBounded() {
    let text = """
      accelerators:
        - name: absurd
          gpus_per_instance: 1
          memory_per_gpu_gib: 24
          network_gbps: 10
          on_demand_usd_per_hour: 1e308
          spot_usd_per_hour: 1
          hazard_per_hour: 0.1
          grace_seconds: 120
          boot_seconds: 60
      """
    #expect(throws: ExperimentsError.self) {
      try ScenarioConfig.parse(text, file: "s.yaml", catalog: catalog)
    }
  }
}

@Suite struct LongValueTests {
  let catalog = try! AcceleratorCatalog.load(Paths.catalog)

  /// Messages are shortened; values never are (a 13-zone list once lost its
  /// tail to the 120-character message limit).
  @Test func longValuesReachTheirKeysWhole() throws {
    let zones = (0..<20).map { "zone-number-\($0)-of-a-long-list" }
    let text = "name: long\nbase:\n  zone_regions: \(zones.joined(separator: ","))\n"
    let spec = try ExperimentSpec.parse(text, file: "l.yaml", catalog: catalog)
    #expect(spec.base.market.zoneRegions == zones)
    let axis = "grid:\n  zone_regions: [\"\(zones.joined(separator: ","))\"]\n"
    let gridSpec = try ExperimentSpec.parse(axis, file: "l.yaml", catalog: catalog)
    #expect(gridSpec.axes[0].values == [zones.joined(separator: ",")])
  }
}
