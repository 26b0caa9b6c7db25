/// Runs scenarios and pairs each with its on-demand-only baseline.
public enum Simulation {
  /// Runs `scenario` and, on the same replicate (same seed, hence the same
  /// workload), the on-demand-only baseline its savings are measured against.
  public static func run(_ scenario: Scenario) -> RunMetrics {
    var simulator = Simulator(scenario)
    var metrics = simulator.run()
    let baseline = baseline(of: scenario, ifAlready: metrics)
    metrics.setBaseline(baseline.totalCost, completedWork: baseline.completedWorkHours)
    return metrics
  }

  /// The metrics of `scenario` under OnDemandOnly with naive placement.
  public static func baseline(of scenario: Scenario, ifAlready metrics: RunMetrics? = nil)
    -> RunMetrics
  {
    if scenario.policy is OnDemandOnlyPolicy, let metrics { return metrics }
    var baseline = scenario
    baseline.policy = OnDemandOnlyPolicy()
    baseline.migration = NaiveMigration()
    var simulator = Simulator(baseline)
    return simulator.run()
  }
}
