import Simulation
import SynktiTestSupport
import Testing

/// The fleet bound under real runs: never above what any policy paid on the
/// same realised path (its unfinished work charged at on-demand), the same
/// for every policy of a replicate, and the same with or without classes.
@Suite struct FleetBoundPropertyTests {
  /// Markets the fleet tests use: Poisson reclaims with OU prices across
  /// three zones; measured-style availability with a price step; a two-type
  /// fleet (one faster and dearer) with deadlines and a spot limit.
  static func scenarios(seed: UInt64) -> [Scenario] {
    var g = Xoshiro256StarStar(seed: seed &+ 99)
    let availability = (0..<3).map { _ in
      AvailabilitySeries(
        tick: 0.5, available: (0..<200).map { _ in Double.random(in: 0..<1, using: &g) < 0.7 })
    }
    let traced = ZonedMarket(
      paths: availability.enumerated().map { z, a in
        MarketPath(
          price: StepFunction(step: 8, values: (0..<13).map { 0.25 + 0.02 * Double(($0 + z) % 4) }),
          hazard: nil, availability: a)
      })
    let fast = TestScenarios.gpu(
      name: "fast", memory: 40, onDemand: 2.5, spot: 0.9, hazard: 0.08, boot: 0.05, speed: 2,
      gpus: 2)
    return [
      Scenario(
        horizon: 60, fleet: [TestScenarios.gpu(boot: 0.03)], zones: 3,
        market: OrnsteinUhlenbeckMarket(),
        workload: TestScenarios.workload(tasks: 30, deadlineSlack: 2), seed: seed),
      Scenario(
        horizon: 90, fleet: [TestScenarios.gpu(boot: 0.05, gpus: 2)], market: traced,
        workload: TestScenarios.workload(tasks: 25, work: .uniform(1, 12)), seed: seed),
      Scenario(
        horizon: 60, fleet: [TestScenarios.gpu(boot: 0.03), fast], zones: 2,
        workload: TestScenarios.workload(tasks: 30, memory: 20, deadlineSlack: 1.5),
        spotCapacity: SpotCapacity(defaultLimit: 3), seed: seed),
    ]
  }

  static let policies: [any SchedulingPolicy] = [
    GreedyPolicy(), OnDemandFallbackPolicy(maxPreemptions: 1), OnDemandOnlyPolicy(),
    UniformProgressPolicy(),
  ]

  @Test(arguments: 0..<4) func neverAboveAnyPolicysCost(seed: UInt64) {
    for (k, base) in Self.scenarios(seed: seed).enumerated() {
      for policy in Self.policies {
        for migration in [OptimalMigration(), NaiveMigration()] as [any MigrationPlanner] {
          var s = base
          s.policy = policy
          s.migration = migration
          var sim = Simulator(s)
          let m = sim.run()
          let bound = sim.lowerBound().solve()
          #expect(bound.cost != nil, "scenario \(k) \(policy.name) seed \(seed): no bound")
          guard let cost = bound.cost else { continue }
          // The run's cost, plus on-demand for the work it left undone:
          // a schedule that completes what the bound requires.
          let equalWork = m.totalCost + sim.shortfallOnDemandCost()
          #expect(
            cost <= equalWork * (1 + 1e-9) + 1e-9,
            "scenario \(k) \(policy.name) \(migration.name) seed \(seed): bound \(cost) > \(equalWork)"
          )
          if m.completed > 0 { #expect(cost > 0) }
        }
      }
    }
  }

  /// The bound reads nothing a policy decides: every policy and migration
  /// strategy of a replicate leaves the same program.
  @Test func everyPolicyOfAReplicateHasTheSameBound() {
    for base in Self.scenarios(seed: 7) {
      var programs: Set<FleetBound> = []
      for policy in Self.policies {
        var s = base
        s.policy = policy
        var sim = Simulator(s)
        _ = sim.run()
        programs.insert(sim.lowerBound())
      }
      #expect(programs.count == 1)
    }
  }

  /// Tasks of equal work arriving together form one class; solved per task
  /// or per class, the bound is the same (a class's solution split evenly
  /// is every task's).
  @Test(arguments: 0..<3) func classesGiveThePerTaskBound(seed: UInt64) {
    for base in Self.scenarios(seed: seed) {
      var s = base
      s.workload = TestScenarios.workload(
        tasks: 12, work: .constant(6), memory: 20, arrivals: .batch,
        deadlineSlack: base.workload.deadlineSlack)
      var sim = Simulator(s)
      _ = sim.run()
      let classes = sim.lowerBound()
      let perTask = sim.lowerBound(aggregate: false)
      #expect(classes.classes.count < perTask.classes.count)
      let a = classes.solve().cost
      let b = perTask.solve().cost
      #expect(a != nil && b != nil)
      if let a, let b { #expect(abs(a - b) <= 1e-7 * Swift.max(1, b), "\(a) vs \(b)") }
    }
  }
}
