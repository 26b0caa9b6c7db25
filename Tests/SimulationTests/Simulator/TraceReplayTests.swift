import Simulation
import SynktiTestSupport
import Testing

@Suite struct TraceReplayTests {
  func scenario(_ available: [Bool], policy: any SchedulingPolicy = GreedyPolicy()) -> Scenario {
    let trace = AvailabilityTrace(
      zone: "z", tickHours: 1, available: available, prices: available.map { _ in 0.4 })
    return Scenario(
      horizon: 200, fleet: [TestScenarios.gpu(onDemand: 3, grace: 0, boot: 0)],
      market: TraceMarket(traces: [trace]),
      workload: TestScenarios.workload(tasks: 1, work: .constant(10), arrivals: .batch),
      idleTimeout: 0, policy: policy)
  }

  @Test func anAlwaysAvailableTraceCostsSpotPriceTimesWork() {
    var sim = Simulator(scenario(Array(repeating: true, count: 50)))
    let m = sim.run()
    #expect(m.preemptions == 0)
    #expect(abs(m.totalCost - 0.4 * 10) < 1e-9)
  }

  @Test func aNeverAvailableTraceRunsOnDemand() {
    var sim = Simulator(scenario(Array(repeating: false, count: 50)))
    let m = sim.run()
    #expect(m.spotCost == 0)
    #expect(abs(m.totalCost - 3 * 10) < 1e-9)
  }

  @Test func capacityLossReclaimsAndGreedyWaitsForItsReturn() {
    // Available for 4 h, gone for 3 h, back for good.
    let available = (0..<50).map { !(4..<7).contains($0) }
    var sim = Simulator(scenario(available))
    let m = sim.run()
    #expect(m.preemptions == 1)
    #expect(m.onDemandCost == 0)
    // 4 h of work lost (grace 0 → restart), 3 h waiting, then 10 h of work.
    #expect(abs(m.completionMean - 17) < 1e-9)
    #expect(abs(m.spotCost - 0.4 * 14) < 1e-9)
  }
}
