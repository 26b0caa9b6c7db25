import Simulation
import SynktiTestSupport
import Testing

/// Moves before the warning: made when a forecast predicts a zone's loss,
/// billed like every other move, counted, and never into a zone predicted
/// to fail.
@Suite struct ProactiveHandlingTests {
  /// Zone a (spot $0.4/h) and zone b ($0.6/h) of one region, hourly ticks;
  /// one 10 h task with 1 GiB of state, no grace (so a reclaim restarts
  /// it), no boot, no idle tail, and links so fast that moving its state
  /// takes microseconds.
  func scenario(a: [Bool], b: [Bool], proactive threshold: Double?) -> Scenario {
    let traces = [
      AvailabilityTrace(
        zone: "us-test-1a", tickHours: 1, available: a, prices: a.map { _ in 0.4 }),
      AvailabilityTrace(
        zone: "us-test-1b", tickHours: 1, available: b, prices: b.map { _ in 0.6 }),
    ]
    var s = Scenario(
      horizon: 40, fleet: [TestScenarios.gpu(gbps: 1e6, onDemand: 3, grace: 0, boot: 0)],
      market: TraceMarket(traces: traces, accelerator: "test-gpu"),
      workload: TestScenarios.workload(
        tasks: 1, work: .constant(10), stateMiB: 1024, arrivals: .batch),
      idleTimeout: 0, policy: GreedyPolicy(), storageGbps: 1e6)
    if let threshold {
      // The truth, untrained: the oracle at noise 0.
      let forecasters: [any Forecaster] = [a, b].map {
        NoisyOracleForecaster(truth: $0, noise: 0).fitted(
          on: AvailabilityHistory(tickHours: 1, available: $0, count: 0))
      }
      s.proactive = ProactiveHandling(
        threshold: threshold, intervalHours: 1,
        forecasts: ZoneForecasts(
          forecasters: forecasters, series: [a, b], trainTicks: 0, startTick: 0, tickHours: 1))
    }
    return s
  }

  let up = [Bool](repeating: true, count: 50)
  /// Zone a loses its capacity for good at hour 6.
  let lostAtSix = (0..<50).map { $0 < 6 }

  @Test func aPredictedLossMovesTheTaskBeforeTheWarningAndBillsBothInstances() {
    var reactive = Simulator(scenario(a: lostAtSix, b: up, proactive: nil))
    let r = reactive.run()
    // Reactive, by hand: reclaimed at 6 with no grace, all 6 h lost, restarted
    // in b and done at 16: a 6 h × $0.4 + b 10 h × $0.6.
    #expect(r.preemptions == 1 && r.proactiveMigrations == 0)
    #expect(abs(r.workLostHours - 6) < 1e-6)
    #expect(abs(r.totalCost - 8.4) < 1e-6)
    #expect(abs((r.completionMean ?? 0) - 16) < 1e-6)

    var proactive = Simulator(scenario(a: lostAtSix, b: up, proactive: 0.5))
    let p = proactive.run()
    // The review at hour 5 sees the loss one tick ahead: a full checkpoint,
    // a move to b, done at 10 with nothing lost: a 5 h × $0.4 + b 5 h × $0.6.
    #expect(p.proactiveMigrations == 1 && p.preemptions == 0 && p.instancesReclaimed == 0)
    #expect(p.workLostHours == 0)
    #expect(abs(p.totalCost - 5.0) < 1e-6)
    #expect(abs(p.spotInstanceHours - 10) < 1e-6)
    #expect(p.instancesLaunched == 2)
    #expect(abs((p.completionMean ?? 0) - 10) < 1e-6)
  }

  @Test func aForecastThatNeverFiresChangesNothing() {
    // No loss in either zone: the oracle never fires, and the run is the
    // reactive one to the cent.
    var reactive = Simulator(scenario(a: up, b: up, proactive: nil))
    var proactive = Simulator(scenario(a: up, b: up, proactive: 0.5))
    let (r, p) = (reactive.run(), proactive.run())
    #expect(p.proactiveMigrations == 0)
    #expect(p.totalCost == r.totalCost && p.completionMean == r.completionMean)
    #expect(p.instancesLaunched == r.instancesLaunched)
    #expect(abs(p.totalCost - 4.0) < 1e-6)
  }

  @Test func noMoveIntoAZonePredictedToFail() {
    // Both zones go at hour 6: no safe spot target, so the task stays and
    // the run is the reactive one.
    var reactive = Simulator(scenario(a: lostAtSix, b: lostAtSix, proactive: nil))
    var proactive = Simulator(scenario(a: lostAtSix, b: lostAtSix, proactive: 0.5))
    let (r, p) = (reactive.run(), proactive.run())
    #expect(p.proactiveMigrations == 0)
    #expect(p.totalCost == r.totalCost && p.preemptions == r.preemptions)
    #expect(p.completionMean == r.completionMean && p.unfinished == r.unfinished)
  }
}
