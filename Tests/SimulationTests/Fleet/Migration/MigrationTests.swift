import Assignment
import Simulation
import SynktiTestSupport
import Testing

@Suite struct MigrationTests {
  @Test func strategiesAreFoundByName() throws {
    for name in ["optimal", "best-fit", "naive", "none"] {
      #expect(try MigrationStrategies.named(name).name == name)
    }
    #expect(throws: SimulationError.self) { try MigrationStrategies.named("km") }
  }

  @Test func noneNeverReusesRunningCapacity() {
    let problem = MigrationProblem(
      costs: CostMatrix([[1, 5], [1, 5]]),
      targets: [
        MigrationTarget(kind: .existing(instance: 0), capacity: .spot, slots: 2),
        MigrationTarget(kind: .newLaunch(pool: 0), capacity: .spot, slots: 2),
      ])
    #expect(FreshInstanceMigration().plan(problem) == [1, 1])
    #expect(NaiveMigration().plan(problem) == [0, 0])
  }

  @Test func costIsMarginalDollarsPlusReworkPlusValuedDelay() {
    let model = MigrationCostModel(priceWeight: 1, hazardWeight: 1, delayWeight: 3)
    // 2 h more of an $8/h instance; rework: 0.1/h × 4 h × $1/slot-h ×
    // (0.5 × 4 / 2 + 0.25) = 0.5; delay 0.5 h × $3.
    let pair = MigrationCostModel.Pair(
      delayHours: 0.5, runtimeHours: 4, extraInstanceHours: 2, instancePrice: 8, slotPrice: 1,
      hazard: 0.1, lossFraction: 0.5, restartHours: 0.25)
    #expect(abs(model.expectedRework(pair) - 0.5) < 1e-12)
    #expect(abs(model.cost(pair) - (16 + 0.5 + 1.5)) < 1e-12)
    // A slot on an instance already paid for past the task's end adds no
    // instance dollars: only rework and delay remain.
    var covered = pair
    covered.extraInstanceHours = 0
    #expect(abs(model.cost(covered) - 2.0) < 1e-12)
  }

  /// A heterogeneous fleet: large-memory tasks fit only the 8-GPU type,
  /// whose links are slow (1 Gbit/s) and slots dearer; the others fit a
  /// fast (100 Gbit/s), cheaper 1-GPU type too. After a reclaim, naive takes
  /// the first free slot whatever it adds to the bill; optimal minimises the
  /// marginal dollars.
  @Test func optimalBeatsNaiveOnCostInAHeterogeneousFleet() {
    let big = TestScenarios.gpu(
      name: "big", memory: 80, gbps: 1, onDemand: 16, spot: 6, hazard: 0.1, boot: 0.1, gpus: 8)
    let small = TestScenarios.gpu(
      name: "small", memory: 24, gbps: 100, onDemand: 1.5, spot: 0.5, hazard: 0.1, boot: 0.1)
    let workload = WorkloadSpec(
      tasks: 300, work: .uniform(2, 16),
      kinds: [
        .training: KindProfile(weight: 1, memoryGiB: 20, state: .init(baseMiB: 30_000)),
        .inference: KindProfile(weight: 1, memoryGiB: 60, state: .init(baseMiB: 2_048)),
      ])
    func scenario(_ planner: any MigrationPlanner, seed: UInt64) -> Scenario {
      Scenario(
        horizon: 96, fleet: [big, small], workload: workload, idleTimeout: 0.5,
        migration: planner, seed: seed)
    }
    for seed in UInt64(1)...3 {
      let naive = Simulation.run(scenario(NaiveMigration(), seed: seed))
      let optimal = Simulation.run(scenario(OptimalMigration(), seed: seed))
      #expect(optimal.totalCost < naive.totalCost, "seed \(seed)")
      #expect(optimal.completed >= naive.completed - 2, "seed \(seed)")
    }
  }
}
