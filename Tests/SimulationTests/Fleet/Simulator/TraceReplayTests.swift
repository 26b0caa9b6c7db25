import Simulation
import SynktiTestSupport
import Testing

@Suite struct TraceReplayTests {
  func scenario(_ available: [Bool], policy: any SchedulingPolicy = GreedyPolicy()) -> Scenario {
    let trace = AvailabilityTrace(
      zone: "z", tickHours: 1, available: available, prices: available.map { _ in 0.4 })
    return Scenario(
      horizon: 200, fleet: [TestScenarios.gpu(onDemand: 3, grace: 0, boot: 0)],
      market: TraceMarket(traces: [trace], accelerator: "test-gpu"),
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
    #expect(abs((m.completionMean ?? 0) - 17) < 1e-9)
    #expect(abs(m.spotCost - 0.4 * 14) < 1e-9)
  }

  @Test func launchesNeverWarnedAtTheirOwnInstant() {
    // Ticks of 195 s alternating available / unavailable with a 120 s grace:
    // the last 120 s of each available tick must not admit a launch, or the
    // displaced tasks would relaunch at the same instant for ever.
    let tick = 195.0 / 3600
    let available = (0..<400).map { $0 % 2 == 0 }
    let trace = AvailabilityTrace(
      zone: "flaky", tickHours: tick, available: available, prices: nil)
    let s = Scenario(
      horizon: 20, fleet: [TestScenarios.gpu(grace: 120, boot: 0)],
      market: TraceMarket(traces: [trace]),
      workload: TestScenarios.workload(
        tasks: 3, work: .constant(2), stateMiB: 1024, arrivals: .batch),
      idleTimeout: 0, policy: GreedyPolicy())
    var sim = Simulator(s)
    let m = sim.run()
    #expect(m.completed + m.unfinished + m.failed == 3)
    #expect(m.instancesLaunched < 2_000)
    let path = MarketPath(
      price: StepFunction(constant: 1), hazard: nil,
      availability: AvailabilitySeries(tick: tick, available: available))
    #expect(path.canLaunch(at: 0.001, lasting: 120.0 / 3600))
    #expect(!path.canLaunch(at: tick - 60.0 / 3600, lasting: 120.0 / 3600))
    // Exactly one grace period before capacity goes, computed the way the
    // simulator computes a warning time: no launch (rounding must not let one in).
    for k in stride(from: 0, to: 400, by: 2) {
      let end = Double(k + 1) * tick
      #expect(!path.canLaunch(at: end - 120.0 / 3600, lasting: 120.0 / 3600))
    }
  }
}
