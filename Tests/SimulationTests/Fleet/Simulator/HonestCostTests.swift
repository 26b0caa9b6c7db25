import Simulation
import SynktiTestSupport
import Testing

/// A market that gives each zone its own scripted path.
struct ZonedMarket: SpotMarket {
  var paths: [MarketPath]
  var name: String { "zoned" }
  func zoneCount(for accelerator: AcceleratorType, requested: Int) -> Int { paths.count }
  func path(
    for accelerator: AcceleratorType, zone: Int, horizon: Double,
    using generator: inout Xoshiro256StarStar
  ) -> MarketPath { paths[zone] }
}

/// The fleet model's costs and semantics, each pinned by a hand-computed case
/// (issue: honest costs, consistent semantics, savings on equal work).
@Suite struct HonestCostTests {
  /// A hazard that reclaims every instance exposed in [3, 3.01) h, and no other.
  static let spikeAtThree: StepFunction = {
    var hazard = [Double](repeating: 0, count: 2000)
    hazard[300] = 1e5
    return StepFunction(step: 0.01, values: hazard)
  }()

  @Test func simultaneousWarningsFormOneProblemAndNeverTargetAWarnedInstance() {
    // Zone 0 loses capacity at 5 h; zone 1 never does. Three tasks on
    // 2-GPU hosts: host A (full) and host B (one free slot), both in zone 0,
    // are warned at the same instant. Planned alone, A's tasks would take
    // B's free slot and be warned again at once (a phantom preemption).
    let lost = AvailabilitySeries(tick: 1, available: (0..<50).map { $0 < 5 })
    let kept = AvailabilitySeries(tick: 1, available: Array(repeating: true, count: 50))
    let market = ZonedMarket(paths: [
      MarketPath(price: StepFunction(constant: 0.3), hazard: nil, availability: lost),
      MarketPath(price: StepFunction(constant: 0.3), hazard: nil, availability: kept),
    ])
    let s = Scenario(
      horizon: 50, fleet: [TestScenarios.gpu(grace: 120, boot: 0, gpus: 2)], market: market,
      workload: TestScenarios.workload(tasks: 3, work: .constant(10), arrivals: .batch),
      idleTimeout: 0.5, policy: GreedyPolicy(), migration: NaiveMigration())
    var sim = Simulator(s)
    let m = sim.run()
    #expect(m.instancesReclaimed == 2)
    #expect(Set(sim.reclaimWarnings).count == 1)
    #expect(m.preemptions == 3)
    #expect(m.completed == 3)
  }

  @Test func theChosenPlanCostsWhatTheRunPays() {
    // One task is displaced at w ≈ 3 h from zone 0 (cheap, but its hazard
    // spikes then) and moves to a fresh instance in zone 1. With no hazard
    // there and no delay weight, the planned cost must equal that
    // instance's whole bill: boot + restore + remaining work + idle tail.
    let market = ZonedMarket(paths: [
      MarketPath(price: StepFunction(constant: 0.5), hazard: Self.spikeAtThree),
      MarketPath(price: StepFunction(constant: 1.0), hazard: StepFunction(constant: 0)),
    ])
    let grace = 120.0
    let s = Scenario(
      horizon: 100, fleet: [TestScenarios.gpu(gbps: 10, grace: grace, boot: 0.05)],
      market: market,
      workload: TestScenarios.workload(
        tasks: 1, work: .constant(10), stateMiB: 8_192, arrivals: .batch),
      idleTimeout: 0.25, policy: GreedyPolicy(), migration: OptimalMigration())
    var sim = Simulator(s)
    let m = sim.run()
    #expect(m.preemptions == 1 && m.checkpointsFull == 1 && m.completed == 1)
    let w = sim.reclaimWarnings[0]
    let firstBill = 0.5 * (w + grace / 3600)
    let planned = sim.plannedPlacementCosts
    #expect(planned.count == 1)
    #expect(abs((m.totalCost - firstBill) - planned[0]) < 1e-9)
    // By hand: the checkpoint uploads at 10 Gbit/s during the grace period
    // (done before the 3 min boot), then restores at min(10, 9.72) Gbit/s.
    let restore = Units.transferHours(mib: 8_192, gbps: 9.72)
    let remaining = 10 - (w - 0.05)
    #expect(abs(planned[0] - 1.0 * (0.05 + restore + remaining + 0.25)) < 1e-9)
  }

  @Test func restoresReadFromStorageAtTheSlowerOfLinkAndStorage() {
    // Reclaimed at w ≈ 3 h with a full checkpoint; fallback to on-demand
    // (boot 0). The upload runs at the source's 100 Gbit/s; the restore at
    // min(100, storage 2) Gbit/s, whatever the (gone) source link was.
    let market = ScriptedMarket(price: StepFunction(constant: 0.3), hazard: Self.spikeAtThree)
    let state = 50_000.0
    let s = Scenario(
      horizon: 100, fleet: [TestScenarios.gpu(gbps: 100, grace: 600, boot: 0)], market: market,
      workload: TestScenarios.workload(
        tasks: 1, work: .constant(10), stateMiB: state, arrivals: .batch),
      idleTimeout: 0, policy: OnDemandFallbackPolicy(maxPreemptions: 1),
      migration: NaiveMigration(), storageGbps: 2)
    var sim = Simulator(s)
    let m = sim.run()
    #expect(m.checkpointsFull == 1)
    let w = sim.reclaimWarnings[0]
    let upload = Units.transferHours(mib: state, gbps: 100)
    let restore = Units.transferHours(mib: state, gbps: 2)
    #expect(abs(m.transferHours - restore) < 1e-12)
    #expect(abs((m.completionMean ?? 0) - (w + upload + restore + (10 - w))) < 1e-9)
  }

  @Test func restoresIntoOneInstanceShareItsLink() {
    // Two tasks on one 2-GPU host, reclaimed at w ≈ 3 h with full
    // checkpoints (uploads u and 2u at 100 Gbit/s, one after the other),
    // fall back to one fresh on-demand host and restore at 2 Gbit/s one
    // after the other: the second resumes one restore r after the first.
    let market = ScriptedMarket(price: StepFunction(constant: 0.3), hazard: Self.spikeAtThree)
    let state = 50_000.0
    let s = Scenario(
      horizon: 100, fleet: [TestScenarios.gpu(gbps: 100, grace: 600, boot: 0, gpus: 2)],
      market: market,
      workload: TestScenarios.workload(
        tasks: 2, work: .constant(10), stateMiB: state, arrivals: .batch),
      idleTimeout: 0, policy: OnDemandFallbackPolicy(maxPreemptions: 1),
      migration: NaiveMigration(), storageGbps: 2)
    var sim = Simulator(s)
    let m = sim.run()
    #expect(m.checkpointsFull == 2 && m.completed == 2 && m.instancesLaunched == 2)
    let w = sim.reclaimWarnings[0]
    let u = Units.transferHours(mib: state, gbps: 100)
    let r = Units.transferHours(mib: state, gbps: 2)
    let done = sim.completionTimes
    #expect(abs(done[0] - (w + u + r + (10 - w))) < 1e-9)
    #expect(abs(done[1] - (w + u + 2 * r + (10 - w))) < 1e-9)
  }

  @Test func tasksOnOneHostShareItsLinkInTheGracePeriod() {
    // 8 tasks of 14,000 MiB on one 8-GPU host with a 1 Gbit/s link and a
    // 120 s grace: the link moves 14,305 MiB, so one checkpoint is full and
    // the other seven restart (305 MiB is 2 % of a state).
    let market = ScriptedMarket(price: StepFunction(constant: 0.3), hazard: Self.spikeAtThree)
    let s = Scenario(
      horizon: 30, fleet: [TestScenarios.gpu(gbps: 1, grace: 120, boot: 0, gpus: 8)],
      market: market,
      workload: TestScenarios.workload(
        tasks: 8, work: .constant(10), stateMiB: 14_000, arrivals: .batch),
      idleTimeout: 0, policy: OnDemandFallbackPolicy(maxPreemptions: 1))
    var sim = Simulator(s)
    let m = sim.run()
    #expect(m.instancesReclaimed == 1 && m.preemptions == 8)
    #expect(m.checkpointsFull == 1)
    #expect(m.checkpointsRestart == 7)
  }

  @Test func deadlineSlackScalesWithTheFastestFittingType() {
    // A 0.4× type: 10 reference hours take 25 h. Slack 2 means 2 × 25 h.
    let slow = TestScenarios.gpu(onDemand: 1, boot: 0, speed: 0.4)
    let s = Scenario(
      horizon: 200, fleet: [slow],
      workload: TestScenarios.workload(
        tasks: 5, work: .constant(10), arrivals: .batch, deadlineSlack: 2),
      idleTimeout: 0, policy: OnDemandOnlyPolicy())
    var sim = Simulator(s)
    #expect(sim.workload.allSatisfy { $0.deadline == 50 })
    let m = sim.run()
    #expect(m.completed == 5 && m.deadlineMisses == 0)
  }

  @Test func savingsAreNeverPositiveWhenNothingCompleted() {
    // Spot only returns after the horizon: greedy waits, completes nothing
    // and spends nothing; the on-demand baseline completes everything.
    let late = AvailabilitySeries(tick: 1, available: (0..<200).map { $0 >= 100 })
    let market = ScriptedMarket(
      price: StepFunction(constant: 0.3), hazard: nil, availability: late)
    let s = Scenario(
      horizon: 50, fleet: [TestScenarios.gpu(boot: 0)], market: market,
      workload: TestScenarios.workload(tasks: 4, work: .constant(10), arrivals: .batch),
      idleTimeout: 0, policy: GreedyPolicy())
    let m = Simulation.run(s)
    #expect(m.completed == 0 && m.totalCost == 0)
    #expect(m.completedWorkHours == 0 && m.unfinishedWorkHours == 40)
    #expect(m.savingsPercent == 0)
    #expect(m.completionMean == nil && m.completionP95 == nil && m.costPerWorkHour == nil)
  }

  @Test func unfinishedWorkIsChargedAtTheBaselineRate() {
    // Half the tasks cannot finish on spot by the horizon; savings charge
    // their work at the baseline's dollars per completed work-hour.
    var m = RunMetrics()
    m.totalCost = 30
    m.completedWorkHours = 50
    m.setBaseline(100, completedWork: 100)
    // 30 + 50 × (100 / 100) = 80 → 20 %.
    #expect(m.savingsPercent == 20)
    m.setBaseline(100, completedWork: 0)
    #expect(m.savingsPercent == nil)
  }

  @Test func reclaimsDependOnPoolAndLaunchTimeNotOnEarlierPlacements() {
    // none and naive place displaced tasks differently on 4-GPU hosts, so
    // their launch counts diverge early; instances launched at the same
    // moment in both runs must still be reclaimed at the same moment.
    func run(_ planner: any MigrationPlanner) -> [Double] {
      let s = Scenario(
        horizon: 72, fleet: [TestScenarios.gpu(hazard: 0.1, boot: 0.05, gpus: 4)],
        workload: TestScenarios.workload(tasks: 200), idleTimeout: 0.5, migration: planner,
        seed: 5)
      var sim = Simulator(s)
      _ = sim.run()
      return sim.reclaimWarnings
    }
    let naive = run(NaiveMigration())
    let fresh = run(FreshInstanceMigration())
    #expect(naive != fresh)
    let shared = Set(naive).intersection(fresh).count
    #expect(Double(shared) > 0.5 * Double(min(naive.count, fresh.count)), "\(shared) shared")
  }
}
