import Experiments
import Simulation
import Testing

@Suite struct ScenarioConfigTests {
  let catalog = try! AcceleratorCatalog.load(Paths.catalog)

  @Test func theHeadlineScenarioResolvesAsSpecified() throws {
    let config = try ScenarioConfig.load(Paths.experiment("headline.yaml"), catalog: catalog)
    let s = try config.resolve(catalog: catalog)
    #expect(s.horizon == 72)
    #expect(s.workload.tasks == 200)
    #expect(s.workload.work == .uniform(1, 20))
    #expect(s.workload.arrivals == .uniform(fraction: 0.8))
    let gpu = s.fleet[0]
    #expect(gpu.onDemandPrice == 1 && gpu.spotPrice == 0.3 && gpu.hazardPerHour == 0.05)
    #expect(gpu.networkGbps == 10 && gpu.memoryPerGPUGiB == 24 && gpu.graceSeconds == 120)
  }

  @Test func overridesGoThroughOneValidatedPath() throws {
    var config = try ScenarioConfig.load(Paths.experiment("headline.yaml"), catalog: catalog)
    try config.set("bandwidth_gbps", to: "1")
    try config.set("preemption_rate", to: "0.2")
    try config.set("policy", to: "on-demand-fallback:3")
    let s = try config.resolve(catalog: catalog)
    #expect(s.fleet[0].networkGbps == 1 && s.fleet[0].hazardPerHour == 0.2)
    #expect(s.policy.name == "on-demand-fallback")
    #expect(config.value(of: "bandwidth_gbps") == "1.0")
  }

  @Test func badValuesNameTheFileKeyAndValue() throws {
    var config = ScenarioConfig()
    config.file = "s.yaml"
    #expect(
      throws: ExperimentsError.invalidValue(
        file: "s.yaml", key: "bandwidth_gbps", value: "fast",
        expected: "a number in [0.001, 1000000] (or null)")
    ) { try config.set("bandwidth_gbps", to: "fast") }
    #expect(throws: ExperimentsError.self) { try config.set("bandwith_gbps", to: "1") }
    try config.set("policy", to: "fastest")
    #expect(
      throws: ExperimentsError.unknownName(
        file: "s.yaml", key: "policy", name: "fastest", known: PolicyRegistry.standard.names)
    ) { try config.resolve(catalog: catalog) }
  }

  @Test func unknownKeysInFilesAreReported() {
    #expect(throws: ExperimentsError.self) {
      try ScenarioConfig.parse("tasks: 10\nhorizon: 5\n", file: "s.yaml", catalog: catalog)
    }
  }

  @Test func workDistributionsParse() throws {
    var config = ScenarioConfig()
    try config.set("work_hours", to: "exponential(8)")
    #expect(config.work == .exponential(mean: 8))
    try config.set("work_hours", to: "uniform(1, 20)")
    #expect(config.work == .uniform(1, 20))
    #expect(throws: ExperimentsError.self) { try config.set("work_hours", to: "uniform(5,1)") }
  }

  @Test func aTracePricesOnlyItsOwnTypeUnlessScaled() throws {
    var config = ScenarioConfig()
    config.baseDirectory = Paths.fixtures
    try config.set("market", to: "trace:aws")
    try config.set("accelerator", to: "H100-80GB")
    do {
      _ = try config.resolve(catalog: catalog)
      Issue.record("a V100 trace must not price H100-80GB")
    } catch let error as ExperimentsError {
      #expect("\(error)".contains("H100-80GB") && "\(error)".contains("V100"))
    }
    try config.set("trace_other_types", to: "scaled")
    let s = try config.resolve(catalog: catalog)
    let market = try #require(s.market as? TraceMarket)
    #expect(market.accelerator == "V100")
    #expect(throws: ExperimentsError.self) { try config.set("trace_other_types", to: "free") }
  }

  @Test func traceMarketsLoadRelativeToTheScenario() throws {
    var config = ScenarioConfig()
    config.baseDirectory = Paths.fixtures
    try config.set("market", to: "trace:gcp")
    try config.set("accelerator", to: "H100-80GB-GCP")
    let s = try config.resolve(catalog: catalog)
    let market = try #require(s.market as? TraceMarket)
    #expect(market.traces.count == 1)
    #expect(market.accelerator == "H100-80GB-GCP")
  }
}

@Suite struct CostMatrixCSVTests {
  @Test func parsesForbiddenCellsAndNegatives() throws {
    let m = try CostMatrixCSV.parse("1,,inf\n-2.5, 3 ,4\n", file: "c.csv")
    #expect(m.rows == 2 && m.columns == 3)
    #expect(m[0, 1] == .infinity && m[0, 2] == .infinity && m[1, 0] == -2.5)
  }

  @Test(arguments: [
    ("1,2\n3\n", 2), ("1,2\n3,x\n", 2), ("1,nan\n", 1),
  ])
  func malformedInputNamesTheLine(text: String, line: Int) {
    do {
      _ = try CostMatrixCSV.parse(text, file: "c.csv")
      Issue.record("expected an error")
    } catch let ExperimentsError.malformed(file, errorLine, _) {
      #expect(file == "c.csv")
      #expect(errorLine == line)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func emptyFilesAreRejected() {
    #expect(
      throws: ExperimentsError.malformed(file: "c.csv", line: nil, reason: "empty cost matrix")
    ) {
      try CostMatrixCSV.parse("\n", file: "c.csv")
    }
  }
}

/// Spec values reach file names and figure scripts: control characters
/// are refused wherever they appear, but in the free-text description.
@Suite struct ControlCharacterTests {
  @Test(arguments: ["trace:x\nsystem 'y'", "greedy\r", "a\tb", "z\u{1B}[31m"])
  func controlCharactersInAValueAreRefused(value: String) {
    var config = ScenarioConfig()
    config.file = "s.yaml"
    #expect(throws: ExperimentsError.self) { try config.set("market", to: value) }
    #expect(throws: ExperimentsError.self) { try config.set("policy", to: value) }
  }

  @Test func theDescriptionMayRunOverLines() throws {
    var config = ScenarioConfig()
    try config.set("description", to: "two\nlines")
    #expect(config.value(of: "description") == "two\nlines")
  }
}
