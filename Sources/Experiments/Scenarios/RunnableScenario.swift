import Foundation
import Simulation

/// A resolved run of either model, ready to run with a seed.
public enum RunnableScenario: Sendable {
  /// The event-driven fleet simulator.
  case fleet(Scenario)
  /// One deadline job on the window of one zone or several.
  case deadlineJob(DeadlineScenario)

  /// Runs it with `seed` (deadline jobs are deterministic and ignore it).
  /// `baselineEvents` hears the events of a fleet run's on-demand
  /// baseline, a simulation of its own (`Simulation.run`).
  public func run(seed: UInt64, baselineEvents: (Int) -> Void = { _ in }) -> RunMetrics {
    switch self {
    case .fleet(var scenario):
      scenario.seed = seed
      return Self.scored(Simulation.run(scenario, baselineEvents: baselineEvents), scenario)
    case .deadlineJob(var scenario):
      scenario.seed = seed  // a randomized policy's draws
      return scenario.run()
    }
  }
}

extension RunnableScenario {
  /// A fleet run's metrics with its forecasters' quality over the run's
  /// hours, when it moves on forecasts (`proactive_threshold`).
  static func scored(_ metrics: RunMetrics, _ scenario: Scenario) -> RunMetrics {
    guard let f = scenario.proactive?.forecasts else { return metrics }
    var m = metrics
    m.scoreForecasts(f, ticks: TraceWindow.ticks(covering: scenario.horizon, tick: f.tickHours))
    return m
  }
}

extension ScenarioConfig {
  /// Resolves to the model `model` names: the one public way from a config
  /// to something runnable.
  public func resolveRunnable(
    catalog: AcceleratorCatalog, policies: PolicyRegistry = .standard,
    traces: TraceCache = TraceCache(), optima: OptimumCache = OptimumCache()
  ) throws -> RunnableScenario {
    try checkApplicable()
    switch model {
    case .fleet:
      return .fleet(try resolve(catalog: catalog, policies: policies, traces: traces))
    case .deadlineJob:
      return .deadlineJob(
        try resolveDeadlineJob(
          catalog: catalog, policies: policies, traces: traces, optima: optima))
    }
  }
}

extension ScenarioConfig {
  /// Refuses a key that was set but that `model` never reads (a deadline
  /// job's `bandwidth_gbps`, a fleet's `trace_zones`): such a key would
  /// silently give identical cells.
  public func checkApplicable() throws {
    for key in setKeys.keys.sorted() {
      guard let parameter = ScenarioParameter.named(key), !parameter.models.contains(model)
      else { continue }
      throw ExperimentsError.notApplicable(
        file: file, key: key, value: setKeys[key] ?? "", model: model.rawValue,
        reads: ScenarioParameter.all.filter { $0.models.contains(model) }.map(\.key))
    }
  }
}
