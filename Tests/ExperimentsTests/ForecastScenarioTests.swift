import Experiments
import Simulation
import Testing

/// `synkti-forecast` runs are scored only on hours their forecasters never saw.
@Suite struct ForecastScenarioTests {
  let catalog = try! AcceleratorCatalog.load(Paths.catalog)

  /// A config of `file` on the fixture traces: `base`, then `pairs`.
  func config(file: String, _ base: [(String, String)], _ pairs: [(String, String)]) throws
    -> ScenarioConfig
  {
    var c = ScenarioConfig()
    c.file = file
    c.baseDirectory = Paths.fixtures
    for (k, v) in base + pairs { try c.set(k, to: v) }
    return c
  }

  /// A multi-region deadline job run by `synkti-forecast`.
  func config(_ pairs: [(String, String)]) throws -> ScenarioConfig {
    try config(
      file: "forecast.yaml",
      [
        ("model", "deadline-job"), ("accelerator", "V100"), ("market", "trace:aws"),
        ("trace_zones", "us-test-1a"), ("work_hours", "constant(0.05)"),
        ("deadline_hours", "0.2"), ("restart_overhead_hours", "0.01"),
        ("policy", "synkti-forecast"),
      ], pairs)
  }

  @Test func aWindowInsideTheTrainingPartIsRefusedNamingIt() throws {
    #expect {
      try config([("train_until_hour", "0.1"), ("trace_start_hour", "0.05")])
        .resolveRunnable(catalog: catalog)
    } throws: { error in
      guard case .invalidValue(let file, let key, let value, _) = error as? ExperimentsError
      else { return false }
      return file == "forecast.yaml" && key == "trace_start_hour" && value == "0.05"
    }
    #expect(throws: ExperimentsError.missingKey(file: "forecast.yaml", key: "train_until_hour")) {
      try config([("trace_start_hour", "0.11")]).resolveRunnable(catalog: catalog)
    }
    #expect(throws: ExperimentsError.self) { try config([("forecaster", "prophet")]) }
  }

  @Test func aHeldOutWindowRunsWithItsForecasters() throws {
    for name in Forecasters.names {
      let runnable = try config([
        ("train_until_hour", "0.1"), ("trace_start_hour", "0.11"), ("forecaster", name),
      ]).resolveRunnable(catalog: catalog)
      guard case .deadlineJob(let scenario) = runnable else {
        Issue.record("not a multi-region job")
        return
      }
      let forecasts = try #require(scenario.forecasts)
      // Window tick 0 is trace tick 2 (0.11 h of 195 s ticks).
      #expect(forecasts.startTick == 2 && forecasts.forecasters.map(\.name) == [name])
      let m = runnable.run(seed: 1)
      #expect(m.tasks == 1 && m.deadlineMisses == 0)
      // Scored on the window's ticks: the 10-minute horizon (3 ticks) fits.
      let brier = try #require(m.forecastBrier10)
      #expect((0...1).contains(brier))
      if name == "noisy-oracle" { #expect(brier == 0) }
      #expect(m.forecastBrier60 == nil)
    }
    // Other policies carry no forecast metrics.
    let plain = try config([("policy", "synkti-value"), ("trace_start_hour", "0.11")])
      .resolveRunnable(catalog: catalog).run(seed: 1)
    #expect(plain.forecastBrier10 == nil && plain.lifetimeMAEHours == nil)
  }

  /// A fleet on the fixture traces, moving before predicted losses.
  func fleet(_ pairs: [(String, String)]) throws -> ScenarioConfig {
    try config(
      file: "fleet.yaml",
      [
        ("accelerator", "V100"), ("market", "trace:aws"), ("horizon_hours", "0.3"),
        ("tasks", "3"), ("work_hours", "constant(0.1)"), ("memory_gib", "16"),
        ("train_until_hour", "0.1"), ("trace_start_hour", "0.11"),
        ("proactive_threshold", "0.2"),
      ], pairs)
  }

  @Test func proactiveFleetsAreRefusedOffTracesAndInsideTheTrainingPart() throws {
    #expect {
      try fleet([("market", "ou")]).resolveRunnable(catalog: catalog)
    } throws: { error in
      guard case .invalidValue(let file, let key, _, _) = error as? ExperimentsError else {
        return false
      }
      return file == "fleet.yaml" && key == "proactive_threshold"
    }
    #expect {
      try fleet([("trace_start_hour", "0.05")]).resolveRunnable(catalog: catalog)
    } throws: { error in
      guard case .invalidValue(_, let key, let value, _) = error as? ExperimentsError else {
        return false
      }
      return key == "trace_start_hour" && value == "0.05"
    }
    #expect(throws: ExperimentsError.self) { try fleet([("proactive_threshold", "1")]) }
    #expect(throws: ExperimentsError.self) { try fleet([("proactive_interval_minutes", "0")]) }
  }

  @Test func aProactiveFleetIsScoredOnItsHeldOutHours() throws {
    let runnable = try fleet([("forecaster", "noisy-oracle")]).resolveRunnable(catalog: catalog)
    guard case .fleet(let scenario) = runnable else {
      Issue.record("not a fleet")
      return
    }
    let proactive = try #require(scenario.proactive)
    #expect(proactive.threshold == 0.2 && proactive.intervalHours == 0.5)
    #expect(proactive.forecasts.startTick == 2 && proactive.forecasts.trainTicks == 1)
    let m = runnable.run(seed: 1)
    #expect(m.forecastBrier10 == 0)
    // Reactive fleets carry no forecast metrics.
    let reactive = try fleet([("proactive_threshold", "null")]).resolveRunnable(catalog: catalog)
    #expect(reactive.run(seed: 1).forecastBrier10 == nil)
  }
}
