import Foundation
import Simulation
import SynktiTestSupport
import Testing

/// The bugs the upstream prototype had, each pinned by a test.
@Suite struct SimulatorTests {
  func run(_ s: Scenario) -> RunMetrics {
    var sim = Simulator(s)
    return sim.run()
  }

  @Test func aPreemptedTaskDoesNotCompleteAtItsOriginalTime() {
    // Hazard only in [3, 3.01): the first spot instance is reclaimed at ≈3 h.
    var hazard = [Double](repeating: 0, count: 2000)
    hazard[300] = 1e5
    let market = ScriptedMarket(
      price: StepFunction(constant: 0.3), hazard: StepFunction(step: 0.01, values: hazard))
    let s = Scenario(
      horizon: 100, fleet: [TestScenarios.gpu(gbps: 1, boot: 0)], market: market,
      workload: TestScenarios.workload(
        tasks: 1, work: .constant(10), stateMiB: 1e7, arrivals: .batch),
      idleTimeout: 0, policy: OnDemandFallbackPolicy(maxPreemptions: 1),
      migration: FreshInstanceMigration())
    let m = run(s)
    #expect(m.preemptions == 1)
    #expect(m.checkpointsRestart == 1)
    #expect(m.completed == 1)
    // Restarted from scratch on on-demand at the warning time w ∈ [3, 3.01).
    let mean = m.completionMean ?? 0
    #expect(mean > 13 && mean < 13.01)
    // The work lost is exactly the progress made before the warning.
    #expect(abs(m.workLostHours - (mean - 10)) < 1e-9)
    #expect(m.onDemandInstanceHours == 10)
  }

  @Test func onDemandOnlyCostIsWorkTimesPriceWithOneTaskPerInstance() {
    let s = Scenario(
      horizon: 1000, fleet: [TestScenarios.gpu(onDemand: 1.7, boot: 0)],
      workload: TestScenarios.workload(tasks: 60), idleTimeout: 0, policy: OnDemandOnlyPolicy())
    let work = Simulator(s).workload.reduce(0) { $0 + $1.work }
    let m = run(s)
    #expect(m.completed == 60)
    #expect(abs(m.totalCost - 1.7 * work) < 1e-9)
    #expect(abs(m.onDemandInstanceHours - work) < 1e-9)
    #expect(m.spotCost == 0)
  }

  @Test func onDemandCostIsInstanceLifetimeTimesPrice() {
    // Boot time and idle time are billed too; two slots per instance.
    let s = Scenario(
      horizon: 1000, fleet: [TestScenarios.gpu(onDemand: 2.5, boot: 0.1, gpus: 2)],
      workload: TestScenarios.workload(tasks: 40), idleTimeout: 0.5, policy: OnDemandOnlyPolicy())
    let work = Simulator(s).workload.reduce(0) { $0 + $1.work }
    let m = run(s)
    #expect(abs(m.totalCost - 2.5 * m.onDemandInstanceHours) < 1e-9)
    // Lifetimes include boots and idle periods beyond the work itself.
    #expect(m.onDemandInstanceHours > work / 2 + 0.1 * Double(m.instancesLaunched))
  }

  @Test func billingAcrossASpotPriceStepIsExact() {
    let market = ScriptedMarket(price: StepFunction(step: 2, values: [0.5, 1.0]), hazard: nil)
    let s = Scenario(
      horizon: 100, fleet: [TestScenarios.gpu(boot: 0)], market: market,
      workload: TestScenarios.workload(tasks: 1, work: .constant(4), arrivals: .batch),
      idleTimeout: 0, policy: GreedyPolicy())
    let m = run(s)
    #expect(m.spotCost == 0.5 * 2 + 1.0 * 2)
    #expect(m.spotInstanceHours == 4)
  }

  @Test(arguments: [
    GreedyPolicy() as any SchedulingPolicy, OnDemandFallbackPolicy(maxPreemptions: 1),
    OnDemandOnlyPolicy(), UniformProgressPolicy(),
  ])
  func everyTaskEndsCompletedUnfinishedOrFailed(policy: any SchedulingPolicy) {
    for seed in UInt64(1)...5 {
      var workload = TestScenarios.workload(tasks: 120, deadlineSlack: 1.5)
      // A kind too large for any GPU: those tasks must fail, not vanish.
      workload.kinds[.batch] = KindProfile(weight: 0.2, memoryGiB: 100, state: .init(baseMiB: 1))
      let s = Scenario(
        horizon: 40, fleet: [TestScenarios.gpu(hazard: 0.2, boot: 0.05)], workload: workload,
        policy: policy, seed: seed)
      let m = run(s)
      #expect(m.completed + m.unfinished + m.failed == m.tasks)
      #expect(m.failed > 0)
      #expect(m.unfinished > 0)
      #expect(m.totalCost > 0)
    }
  }

  @Test func largeStateAtLowBandwidthProducesAllThreeCheckpointOutcomes() {
    let workload = WorkloadSpec(
      tasks: 300, work: .uniform(2, 12),
      kinds: [
        .inference: KindProfile(
          weight: 1, memoryGiB: 18, state: .init(baseMiB: 2_048, growthMiB: 30_720)),
        .training: KindProfile(weight: 1, memoryGiB: 20, state: .init(baseMiB: 65_536)),
      ])
    let s = Scenario(
      horizon: 72, fleet: [TestScenarios.gpu(gbps: 1, hazard: 0.1)], workload: workload)
    let m = run(s)
    #expect(m.checkpointsFull > 0)
    #expect(m.checkpointsPartial > 0)
    #expect(m.checkpointsRestart > 0)
    // A task hit while still restoring has nothing new to checkpoint.
    #expect(m.checkpointsFull + m.checkpointsPartial + m.checkpointsRestart <= m.preemptions)
    #expect(m.workLostHours > 0)
  }

  @Test func withoutCheckpointsEveryReclaimRestartsAndLosesMoreWork() {
    let workload = WorkloadSpec(
      tasks: 300, work: .uniform(2, 12),
      kinds: [.training: KindProfile(weight: 1, memoryGiB: 20, state: .init(baseMiB: 8_192))])
    var s = Scenario(
      horizon: 72, fleet: [TestScenarios.gpu(gbps: 10, hazard: 0.1)], workload: workload)
    let saved = run(s)
    s.checkpoint = CheckpointPlanner(model: .none)
    let none = run(s)
    // 8 GiB at 10 Gbit/s in 120 s is a full checkpoint; with none, each
    // warning is a restart and nothing is written.
    #expect(saved.checkpointsFull > 0 && saved.checkpointsRestart == 0)
    #expect(none.checkpointsFull == 0 && none.checkpointsPartial == 0)
    #expect(none.checkpointsRestart > 0)
    #expect(none.workLostHours > saved.workLostHours)
  }

  @Test func meanCompletionMatchesTheRestartFormula() {
    // One task of work w, hazard λ, no grace, restart from scratch, boot d.
    // From first start, E[T] = (1/λ + d)(e^{λw} − 1); the first boot adds d.
    let (lambda, w, d) = (0.1, 3.0, 0.5)
    let formula = (1 / lambda + d) * (exp(lambda * w) - 1)
    let n = 4000
    var total = 0.0
    for seed in 0..<n {
      let s = Scenario(
        horizon: 10_000, fleet: [TestScenarios.gpu(hazard: lambda, grace: 0, boot: d)],
        workload: TestScenarios.workload(tasks: 1, work: .constant(w), arrivals: .batch),
        idleTimeout: 0, policy: GreedyPolicy(), migration: FreshInstanceMigration(),
        seed: UInt64(seed))
      let m = run(s)
      #expect(m.completed == 1 && m.checkpointsFull == 0 && m.checkpointsPartial == 0)
      total += m.completionMean ?? .nan
    }
    let mean = total / Double(n) - d
    #expect(abs(mean - formula) / formula < 0.03, "mean \(mean) vs formula \(formula)")
  }

  @Test func sameSeedSameMetricsOtherSeedOther() {
    func scenario(_ seed: UInt64) -> Scenario {
      Scenario(
        horizon: 72, fleet: [TestScenarios.gpu(hazard: 0.1, boot: 0.05)],
        market: OrnsteinUhlenbeckMarket(), workload: TestScenarios.workload(tasks: 150),
        migration: OptimalMigration(), seed: seed)
    }
    #expect(Simulation.run(scenario(7)) == Simulation.run(scenario(7)))
    #expect(Simulation.run(scenario(7)) != Simulation.run(scenario(8)))
  }

  @Test func policiesShareTheWorkloadAndMarketOfAReplicate() {
    let base = Scenario(
      horizon: 72, fleet: [TestScenarios.gpu()], market: OrnsteinUhlenbeckMarket(),
      workload: TestScenarios.workload(tasks: 30), seed: 3)
    var other = base
    other.policy = OnDemandFallbackPolicy()
    other.migration = OptimalMigration()
    #expect(Simulator(base).workload == Simulator(other).workload)
    #expect(Simulator(base).marketPaths[0].path.price == Simulator(other).marketPaths[0].path.price)
  }

  @Test func fallbackNeverTakesMoreThanKReclaimsPerTask() {
    let s = Scenario(
      horizon: 200, fleet: [TestScenarios.gpu(hazard: 0.5)],
      workload: TestScenarios.workload(tasks: 1, work: .constant(30), arrivals: .batch),
      policy: OnDemandFallbackPolicy(maxPreemptions: 2), seed: 1)
    let m = run(s)
    #expect(m.preemptions == 2)
    #expect(m.completed == 1)
    #expect(m.onDemandCost > 0)
  }

  @Test func savingsArePairedWithTheOnDemandBaseline() {
    let s = Scenario(
      horizon: 72, fleet: [TestScenarios.gpu()], workload: TestScenarios.workload(tasks: 100))
    let m = Simulation.run(s)
    var od = s
    od.policy = OnDemandOnlyPolicy()
    let baseline = Simulation.run(od)
    #expect(m.baselineCost == baseline.totalCost)
    // Savings on equal work: what the baseline completed and this run did
    // not is charged at the baseline's dollars per completed work-hour.
    let shortfall = max(0, baseline.completedWorkHours - m.completedWorkHours)
    let equalWork = m.totalCost + shortfall * baseline.totalCost / baseline.completedWorkHours
    let expected = 100 * (baseline.totalCost - equalWork) / baseline.totalCost
    #expect(abs((m.savingsPercent ?? .nan) - expected) < 1e-12)
  }
}
