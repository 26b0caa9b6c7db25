import Simulation
import SynktiTestSupport
import Testing

/// The on-demand baseline a run is measured against: drawn on the run's own
/// workload, and counted in the run's speed.
@Suite struct BaselineRunTests {
  static func scenario(policy: any SchedulingPolicy, deadlineSlack: Double? = 2) -> Scenario {
    Scenario(
      horizon: 200, fleet: [TestScenarios.gpu(boot: 0.05)], market: PoissonMarket(),
      workload: TestScenarios.workload(tasks: 300, deadlineSlack: deadlineSlack), idleTimeout: 0.5,
      policy: policy, migration: NaiveMigration(), seed: 11)
  }

  /// The baseline on the run's tasks equals the baseline that draws them
  /// afresh, metric for metric (the same seed draws the same workload).
  @Test(arguments: [2.0, nil] as [Double?])
  func theBaselineOnTheRunsWorkloadEqualsOneThatDrawsIt(slack: Double?) {
    let s = Self.scenario(policy: GreedyPolicy(), deadlineSlack: slack)
    var run = Simulator(s)
    _ = run.run()
    let shared = Simulation.baseline(of: s, workload: run.workload)
    let drawn = Simulation.baseline(of: s)
    #expect(shared == drawn)
    #expect(shared.eventsProcessed > 0)
  }

  /// `baselineEvents` hears the baseline simulation's events; a run that is
  /// its own baseline ran no other simulation.
  @Test func theRunReportsItsBaselinesEvents() {
    let s = Self.scenario(policy: GreedyPolicy())
    var heard: [Int] = []
    let metrics = Simulation.run(s, baselineEvents: { heard.append($0) })
    #expect(heard == [Simulation.baseline(of: s).eventsProcessed])
    #expect(metrics.eventsProcessed != heard[0])

    heard = []
    _ = Simulation.run(
      Self.scenario(policy: OnDemandOnlyPolicy()), baselineEvents: { heard.append($0) })
    #expect(heard == [0])

    // A cache that answers ran no baseline: nothing to hear.
    heard = []
    _ = Simulation.run(
      s, baseline: { _ in .init(totalCost: 1, completedWorkHours: 1) },
      baselineEvents: { heard.append($0) })
    #expect(heard.isEmpty)
  }
}
