import Simulation
import SynktiTestSupport
import Testing

@Suite struct TraceMarketTests {
  let trace = AvailabilityTrace(
    zone: "z", tickHours: 1, available: [true, true, false, true], prices: [1, 2, 3, 2],
    instanceType: "p3.2xlarge")
  var generator = Xoshiro256StarStar(seed: 1)

  @Test func theMeasuredTypeIsBilledAtTheTracePrice() {
    var g = generator
    let market = TraceMarket(traces: [trace], accelerator: "V100")
    let path = market.path(
      for: TestScenarios.gpu(name: "V100", spot: 0.9), zone: 0, horizon: 4, using: &g)
    #expect(path.price.values == [1, 2, 3, 2])
  }

  @Test func otherTypesAreRefusedUnlessScaled() {
    let big = TestScenarios.gpu(name: "H100", spot: 20)
    let refusing = TraceMarket(traces: [trace], accelerator: "V100")
    #expect(refusing.unpricedTypes(in: [TestScenarios.gpu(name: "V100"), big]) == ["H100"])
    var g = generator
    let scaled = TraceMarket(traces: [trace], accelerator: "V100", otherTypes: .scaled)
    #expect(scaled.unpricedTypes(in: [big]).isEmpty)
    // Own mean spot price × trace price ÷ the trace's mean price (2).
    let path = scaled.path(for: big, zone: 0, horizon: 4, using: &g)
    #expect(path.price.values == [10, 20, 30, 20])
  }

  @Test func theHazardEstimateSeesOnlyThePast() {
    // Losses at ticks 3 and 7; the estimate at 5.5 h has seen one loss in
    // 4.5 available hours (ticks 0–2, 4, half of 5), with 24 h of prior at 0.1.
    let a = AvailabilitySeries(
      tick: 1, available: [true, true, true, false, true, true, true, false, true, true])
    let expected = (1 + 0.1 * 24) / (4.5 + 24)
    #expect(abs(a.estimatedHazard(at: 5.5, priorRate: 0.1, priorHours: 24) - expected) < 1e-12)
    let future = AvailabilitySeries(
      tick: 1, available: [true, true, true, false, true, true, false, false, false, false])
    #expect(
      a.estimatedHazard(at: 5.5, priorRate: 0.1, priorHours: 24)
        == future.estimatedHazard(at: 5.5, priorRate: 0.1, priorHours: 24))
  }
}
