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
  func scenario(
    a: [Bool], b: [Bool], proactive threshold: Double?, grace: Double = 0, tick: Double = 1,
    test: ProactiveHandling.Test = .threshold, priceB: Double = 0.6
  ) -> Scenario {
    let traces = [
      AvailabilityTrace(
        zone: "us-test-1a", tickHours: tick, available: a, prices: a.map { _ in 0.4 }),
      AvailabilityTrace(
        zone: "us-test-1b", tickHours: tick, available: b, prices: b.map { _ in priceB }),
    ]
    var s = Scenario(
      horizon: 40, fleet: [TestScenarios.gpu(gbps: 1e6, onDemand: 3, grace: grace, boot: 0)],
      market: TraceMarket(traces: traces, accelerator: "test-gpu"),
      workload: TestScenarios.workload(
        tasks: 1, work: .constant(10), stateMiB: 1024, arrivals: .batch),
      idleTimeout: 0, policy: GreedyPolicy(), storageGbps: 1e6)
    if let threshold {
      // The truth, untrained: the oracle at noise 0.
      let forecasters: [any Forecaster] = [a, b].map {
        NoisyOracleForecaster(truth: $0, noise: 0).fitted(
          on: AvailabilityHistory(tickHours: tick, available: $0, count: 0))
      }
      s.proactive = ProactiveHandling(
        threshold: threshold, intervalHours: 1,
        forecasts: ZoneForecasts(
          forecasters: forecasters, series: [a, b], trainTicks: 0, startTick: 0, tickHours: tick),
        test: test)
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

  @Test func theValueTestMovesWhenTheLossWouldCostTheWork() {
    // No grace: the reclaim at 6 would lose all 6 h. At the review at 5,
    // staying costs 5 h × $0.4 + the certain loss (5 h at stake + half the
    // hour, $0.4/h) and more at a's one-hour lifetime; moving, b's 5 h at
    // $0.6 and its small hazard: the move pays, as under the threshold.
    var value = Simulator(scenario(a: lostAtSix, b: up, proactive: 0.5, test: .value))
    let v = value.run()
    #expect(v.proactiveMigrations == 1 && v.preemptions == 0)
    #expect(abs(v.totalCost - 5.0) < 1e-6)
  }

  @Test func theValueTestStaysWhenTheGraceSavesTheWorkAndTheTargetIsDear() {
    // A 2-minute grace saves all 1 GiB, so the reclaim at 6 costs nothing
    // but a restart in b (boot 0, restore microseconds), and b costs $3/h.
    // Threshold: moves at 5: a 5 h × $0.4 + b 5 h × $3 = 17. Reactive, and
    // the value test (staying ≈ 5 h × $0.4 against moving ≈ 5 h × $3): the
    // warning at 6 h − 2 min moves the task to b, a is billed to its end at
    // 6: a 6 h × $0.4 + b 4 h 2 min × $3 = 14.5, nothing lost.
    func run(_ test: ProactiveHandling.Test?) -> RunMetrics {
      var sim = Simulator(
        scenario(
          a: lostAtSix, b: up, proactive: test == nil ? nil : 0.5, grace: 120,
          test: test ?? .threshold, priceB: 3))
      return sim.run()
    }
    let (threshold, value, reactive) = (run(.threshold), run(.value), run(nil))
    #expect(threshold.proactiveMigrations == 1)
    #expect(abs(threshold.totalCost - 17) < 1e-6)
    #expect(value.proactiveMigrations == 0 && value.preemptions == 1)
    #expect(abs(value.totalCost - 14.5) < 1e-6)
    #expect(abs(reactive.totalCost - 14.5) < 1e-6)
    #expect(value.workLostHours == 0)
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
    // Both zones go for an hour at 6, 13, 21 and 28 h (3-minute ticks):
    // no safe spot target, so the tasks stay and the run is the reactive
    // one to the last bit, though the reviews before each outage flag both
    // zones while tasks run there, and a 2-minute grace saves their
    // progress in full.
    let flaky = (0..<1000).map { ![6, 13, 21, 28].contains($0 / 20) }
    func run(_ threshold: Double?) -> RunMetrics {
      var s = scenario(a: flaky, b: flaky, proactive: threshold, grace: 120, tick: 0.05)
      s.fleet[0].relativeSpeed = 0.7  // progress accrues at a rate rounding can see
      s.workload = TestScenarios.workload(
        tasks: 20, work: .uniform(3.1, 13.7), stateMiB: 1024, arrivals: .uniform(fraction: 0.37))
      var sim = Simulator(s)
      var m = sim.run()
      m.eventsProcessed = 0
      return m
    }
    let (r, p) = (run(nil), run(0.5))
    #expect(p.proactiveMigrations == 0)
    #expect(p == r)
  }

  @Test func reviewsThatMoveNothingLeaveTheRunBitIdentical() throws {
    // Two flaky zones and an oracle without information (noise 1): while
    // up, each zone's loss probability is 1 − its training availability,
    // above 0.01, so every review flags both and no move has a safe target.
    // The reviews touch running tasks (to ask their policy) yet must leave
    // no trace: progress at a V100-like 0.7 speed would round differently
    // if they accrued it.
    let zones = Array(FutureBlindDecisionTests.zones.prefix(2))
    func run(proactive: Bool) throws -> RunMetrics {
      var s = try FutureBlindDecisionTests.fleet("noisy-oracle", zones, hours: 30, noise: 1)
      if !proactive { s.proactive = nil }
      s.fleet[0].relativeSpeed = 0.7
      var sim = Simulator(s)
      var m = sim.run()
      m.eventsProcessed = 0
      return m
    }
    let (r, p) = (try run(proactive: false), try run(proactive: true))
    #expect(p.proactiveMigrations == 0 && r.completed > 0)
    #expect(p == r)
  }
}
