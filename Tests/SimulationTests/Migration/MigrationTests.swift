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

  @Test func costVariesByTarget() {
    let model = MigrationCostModel()
    let fast = model.cost(
      .init(transferHours: 0.01, bootHours: 0, runtimeHours: 5, slotPrice: 1, hazard: 0.05))
    let slow = model.cost(
      .init(transferHours: 1, bootHours: 0, runtimeHours: 5, slotPrice: 1, hazard: 0.05))
    let fresh = model.cost(
      .init(transferHours: 0.01, bootHours: 0.2, runtimeHours: 5, slotPrice: 1, hazard: 0.05))
    #expect(fast < fresh && fresh < slow)
  }

  /// A heterogeneous fleet: large-memory tasks fit only the 8-GPU type,
  /// whose links are slow (1 Gbit/s) and slots dearer; the others fit a
  /// fast (100 Gbit/s), cheaper 1-GPU type too. After a reclaim, naive takes
  /// the first free slot — often on a big host, paying its slow link and
  /// price; optimal weighs transfer time, boot and price.
  @Test func optimalBeatsNaiveOnTransferTimeAndCostInAHeterogeneousFleet() {
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
      #expect(optimal.transferHours < naive.transferHours, "seed \(seed)")
      #expect(optimal.totalCost < naive.totalCost, "seed \(seed)")
      #expect(optimal.completed >= naive.completed - 2, "seed \(seed)")
    }
  }
}
