/// Runs scenarios and pairs each with its on-demand-only baseline.
public enum Simulation {
  /// What savings are measured against: the on-demand-only baseline's cost
  /// and the work it delivered.
  public struct BaselineOutcome: Sendable, Equatable {
    /// Cost of the baseline run, $.
    public var totalCost: Double
    /// Work it completed by the horizon, reference hours.
    public var completedWorkHours: Double

    /// Creates an outcome.
    public init(totalCost: Double, completedWorkHours: Double) {
      self.totalCost = totalCost
      self.completedWorkHours = completedWorkHours
    }
  }

  /// Runs `scenario` and, on the same replicate (same seed, hence the same
  /// workload), the on-demand-only baseline its savings are measured
  /// against. `baseline` receives the computation and may answer from a
  /// cache instead (cells of a replicate that differ only in parameters the
  /// baseline ignores share it); by default it computes. With
  /// `computesLowerBound`, `lowerBound` solves the run's bound (a cache may
  /// answer for a program it has solved: runs of a replicate that complete
  /// the same work on the same path share one). `baselineEvents` hears
  /// how many events the baseline's own simulation took when one ran here
  /// (0 when the run is its own baseline; never called when a cache
  /// answered): a run's speed counts every simulation it ran.
  public static func run(
    _ scenario: Scenario,
    baseline: (_ compute: () -> BaselineOutcome) -> BaselineOutcome = { $0() },
    lowerBound: (FleetBound) -> Double? = { $0.solve().cost },
    baselineEvents: (Int) -> Void = { _ in }
  ) -> RunMetrics {
    var simulator = Simulator(scenario)
    var metrics = simulator.run()
    if scenario.computesLowerBound, let bound = lowerBound(simulator.lowerBound()) {
      metrics.lowerBoundCost = bound
      // Work the run left undone or finished late is charged at
      // on-demand, as the bound requires it done in time.
      let equalWork = metrics.totalCost + simulator.shortfallOnDemandCost()
      if bound > 0 { metrics.gapToBound = equalWork / bound }
    }
    var computedEvents: Int?
    let outcome = baseline {
      let b = Self.baseline(of: scenario, ifAlready: metrics, workload: simulator.workload)
      computedEvents = scenario.policy is OnDemandOnlyPolicy ? 0 : b.eventsProcessed
      return BaselineOutcome(totalCost: b.totalCost, completedWorkHours: b.completedWorkHours)
    }
    if let computedEvents { baselineEvents(computedEvents) }
    metrics.setBaseline(outcome.totalCost, completedWork: outcome.completedWorkHours)
    return metrics
  }

  /// The metrics of `scenario` under OnDemandOnly with naive placement;
  /// on `workload` when given (the tasks a run of `scenario` drew: the same
  /// seed draws the same, so the baseline need not draw them again).
  public static func baseline(
    of scenario: Scenario, ifAlready metrics: RunMetrics? = nil, workload: [TaskSpec]? = nil
  ) -> RunMetrics {
    if scenario.policy is OnDemandOnlyPolicy, let metrics { return metrics }
    var baseline = scenario
    baseline.policy = OnDemandOnlyPolicy()
    baseline.migration = NaiveMigration()
    // It launches no spot, so forecast reviews would find nothing to move.
    baseline.proactive = nil
    baseline.computesLowerBound = false
    var simulator = Simulator(baseline, workload: workload)
    return simulator.run()
  }
}
