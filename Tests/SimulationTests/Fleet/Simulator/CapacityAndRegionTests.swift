import Foundation
import Simulation
import SynktiTestSupport
import Testing

/// Finite capacity, crunches, regions with egress, zone variation and the
/// value-of-assignment metrics (issue: capacity, correlation, regions).
@Suite struct CapacityAndRegionTests {
  /// A crowded, volatile fleet: 8-GPU and 1-GPU types, three zones in two
  /// regions, tight capacity and crunches.
  func crowded(
    _ policy: any SchedulingPolicy, _ planner: any MigrationPlanner, seed: UInt64 = 3
  ) -> Scenario {
    Scenario(
      horizon: 48,
      fleet: [
        TestScenarios.gpu(
          name: "big", memory: 80, gbps: 25, onDemand: 20, spot: 7, hazard: 0.05, boot: 0.05,
          gpus: 8),
        TestScenarios.gpu(name: "small", memory: 24, gbps: 10, spot: 0.3, hazard: 0.1, boot: 0.05),
      ],
      zones: 3,
      workload: TestScenarios.workload(
        tasks: 150, work: .uniform(2, 12), stateMiB: 4_096, memory: 20, deadlineSlack: 2),
      idleTimeout: 0.25, policy: policy, migration: planner,
      geography: Geography(zones: [
        .init(named: "us-east-1a"), .init(named: "us-east-1b"), .init(named: "eu-west-1a"),
      ]),
      spotCapacity: SpotCapacity(defaultLimit: 6, perType: ["big": 2]),
      crunches: CrunchModel(ratePerHour: 0.1, fraction: 0.5, hours: 2),
      zoneVariation: ZoneVariation(priceSpread: 0.3, hazardSpread: 0.5), seed: seed)
  }

  static let policies: [any SchedulingPolicy] = [
    GreedyPolicy(), OnDemandFallbackPolicy(maxPreemptions: 1), OnDemandOnlyPolicy(),
    UniformProgressPolicy(),
  ]

  @Test(arguments: policies)
  func capacityIsNeverExceeded(policy: any SchedulingPolicy) {
    for planner in MigrationStrategies.all {
      var sim = Simulator(crowded(policy, planner))
      let m = sim.run()
      #expect(m.completed + m.unfinished + m.failed == m.tasks)
      for pool in sim.spotPoolPeaks {
        #expect(pool.peak <= pool.limit ?? .max, "\(pool.type) zone \(pool.zone)")
      }
      if !(policy is OnDemandOnlyPolicy) {
        #expect(sim.spotPoolPeaks.contains { $0.peak == $0.limit }, "capacity never bound")
      }
    }
  }

  @Test func aCrunchWarnsTheCeilingOfItsFractionAtOneInstant() {
    // Ten 1-GPU instances, no independent reclaims, one zone; the first
    // crunch reclaims ⌈0.25 × 10⌉ = 3 of them at once.
    let s = Scenario(
      horizon: 200, fleet: [TestScenarios.gpu(hazard: 0, boot: 0)],
      workload: TestScenarios.workload(tasks: 10, work: .constant(150), arrivals: .batch),
      idleTimeout: 0, crunches: CrunchModel(ratePerHour: 0.02, fraction: 0.25, hours: 500),
      seed: 11)
    var sim = Simulator(s)
    let m = sim.run()
    #expect(m.crunches >= 1)
    let first = sim.reclaimWarnings[0]
    #expect(sim.reclaimWarnings.filter { $0 == first }.count == 3)
    // Capacity stays at ⌊0.75 × 10⌋ = 7 while the crunch lasts: the three
    // displaced tasks find no spot (they wait; Greedy never leaves spot).
    #expect(sim.spotPoolPeaks[0].peak == 10)
    #expect(m.onDemandCost == 0)
  }

  @Test func aMoveAcrossRegionsPaysEgressAndTakesTheCrossRegionTime() {
    // Zone 0 (us-east-1) is cheap but its hazard spikes at 3 h; zone 1
    // (us-west-2) never reclaims. The displaced task's checkpoint, written
    // in us-east-1, is restored in us-west-2 at min(25, 8.2) Gbit/s and pays
    // that pair's egress.
    var spike = [Double](repeating: 0, count: 2000)
    spike[300] = 1e5
    struct TwoZones: SpotMarket {
      var paths: [MarketPath]
      var name: String { "two" }
      func path(
        for accelerator: AcceleratorType, zone: Int, horizon: Double,
        using generator: inout Xoshiro256StarStar
      ) -> MarketPath { paths[zone] }
    }
    let market = TwoZones(paths: [
      MarketPath(
        price: StepFunction(constant: 0.5), hazard: StepFunction(step: 0.01, values: spike)),
      MarketPath(price: StepFunction(constant: 1.0), hazard: StepFunction(constant: 0)),
    ])
    let state = 20_000.0
    let network = NetworkModel(
      inRegionGbps: 9.72, crossRegionGbps: 8.2, crossContinentGbps: 3.59,
      egressTable: ["us-east-1": ["us-west-2": 0.02]], defaultEgressPerGB: 0.09)
    let s = Scenario(
      horizon: 100, fleet: [TestScenarios.gpu(gbps: 25, grace: 600, boot: 0.05)], zones: 2,
      market: market,
      workload: TestScenarios.workload(
        tasks: 1, work: .constant(10), stateMiB: state, arrivals: .batch),
      idleTimeout: 0, policy: GreedyPolicy(), migration: OptimalMigration(), network: network,
      geography: Geography(zones: [.init(named: "us-east-1a"), .init(named: "us-west-2a")]))
    var sim = Simulator(s)
    let m = sim.run()
    #expect(m.preemptions == 1 && m.checkpointsFull == 1 && m.completed == 1)
    let gb = state * 1_048_576 / 1e9
    #expect(abs(m.egressCost - 0.02 * gb) < 1e-12)
    let w = sim.reclaimWarnings[0]
    let upload = Units.transferHours(mib: state, gbps: 25)
    let restore = Units.transferHours(mib: state, gbps: 8.2)
    let start = max(w + 0.05, w + upload)
    #expect(abs((m.completionMean ?? 0) - (start + restore + (10 - (w - 0.05)))) < 1e-9)
    #expect(abs(m.totalCost - (m.spotCost + m.onDemandCost + m.egressCost)) < 1e-9)
  }

  @Test func syntheticZonesDifferAroundTheTypeMean() {
    let type = TestScenarios.gpu(spot: 0.3, hazard: 0.1)
    func prices(zones: Int, spread: Double) -> [Double] {
      let s = Scenario(
        horizon: 10, fleet: [type], zones: zones,
        workload: TestScenarios.workload(tasks: 1),
        zoneVariation: ZoneVariation(priceSpread: spread, hazardSpread: spread), seed: 4)
      return Simulator(s).marketPaths.map { $0.path.price.values[0] }
    }
    let three = prices(zones: 3, spread: 0.4)
    #expect(Set(three).count == 3)
    // The type's price stays the geometric mean across zones.
    let logMean = three.map { log($0) }.reduce(0, +) / 3
    #expect(abs(exp(logMean) - 0.3) < 1e-12)
    // A single zone keeps the catalog figure exactly; no spread, no change.
    #expect(prices(zones: 1, spread: 0.4) == [0.3])
    #expect(prices(zones: 3, spread: 0) == [0.3, 0.3, 0.3])
  }

  @Test(arguments: [1, 2, 3, 4] as [UInt64])
  func regretIsZeroForOptimalAndNeverNegative(seed: UInt64) {
    let optimal = Simulation.run(crowded(GreedyPolicy(), OptimalMigration(), seed: seed))
    #expect(optimal.migrationProblems > 0)
    #expect(optimal.assignmentRegret == 0)
    #expect((optimal.assignmentRegretNaive ?? 0) >= 0)
    #expect((optimal.assignmentRegretBestFit ?? 0) >= 0)
    var sim = Simulator(crowded(GreedyPolicy(), NaiveMigration(), seed: seed))
    let naive = sim.run()
    #expect(naive.assignmentRegret == naive.assignmentRegretNaive)
    #expect(!sim.migrationProblems.isEmpty)
    for record in sim.migrationProblems {
      // The optimum places the most tasks and, among such plans, costs least.
      #expect(record.optimal.placed >= record.naive.placed)
      #expect(record.optimal.placed >= record.bestFit.placed)
      if record.naive.placed == record.optimal.placed {
        #expect(record.naive.cost >= record.optimal.cost - 1e-9)
      }
      if record.bestFit.placed == record.optimal.placed {
        #expect(record.bestFit.cost >= record.optimal.cost - 1e-9)
      }
    }
  }
}
