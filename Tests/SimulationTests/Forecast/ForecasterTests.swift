import Simulation
import Testing

/// Forecasters see only the past, the oracle's noise means what it says,
/// and the scores are right on hand cases.
@Suite struct ForecasterTests {
  /// A deterministic 0/1 series with runs of varied length (tick 0.05 h).
  static func series(_ n: Int = 4000, seed: UInt64 = 7) -> [Bool] {
    var state = seed
    var out: [Bool] = []
    var up = true
    while out.count < n {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let length = Int((state >> 33) % 120) + 1
      out += [Bool](repeating: up, count: length)
      up.toggle()
    }
    return Array(out.prefix(n))
  }

  static let tick = 0.05

  func predictions(_ f: any Forecaster, _ s: [Bool], train: Int, at ticks: [Int]) -> [[Double]] {
    let fitted = f.fitted(on: AvailabilityHistory(tickHours: Self.tick, available: s, count: train))
    return ticks.map { t in
      let h = AvailabilityHistory(tickHours: Self.tick, available: s, count: t + 1)
      return ForecastEvaluation.horizonsHours.map {
        fitted.availabilityProbability(h, hoursAhead: $0)
      } + [fitted.expectedLifetime(h)]
    }
  }

  @Test(arguments: ["empirical-survival", "arima", "ewma"])
  func changingTheFutureChangesNoPrediction(name: String) throws {
    let s = Self.series()
    var changed = s
    // Everything after tick 3000 flipped.
    for i in 3001..<changed.count { changed[i].toggle() }
    let f = try Forecasters.named(name)
    let ticks = Array(2000...3000)
    #expect(
      predictions(f, s, train: 2000, at: ticks) == predictions(f, changed, train: 2000, at: ticks))
    // …while the past does matter.
    var past = s
    for i in 2950..<3000 { past[i].toggle() }
    #expect(
      predictions(f, s, train: 2000, at: [2999]) != predictions(f, past, train: 2000, at: [2999]))
  }

  @Test func theOracleAtNoiseZeroIsTheTruthAndAtOneIsBlindToIt() throws {
    let s = Self.series()
    let truth = predictions(
      try Forecasters.named("noisy-oracle", truth: s, noise: 0), s, train: 2000,
      at: Array(2000..<2400))
    for (i, p) in truth.enumerated() {
      let t = 2000 + i
      for (h, hours) in ForecastEvaluation.horizonsHours.enumerated() {
        let k = Int((hours / Self.tick).rounded())
        #expect(p[h] == (s[t + k] ? 1 : 0))
      }
    }
    let q = ForecastEvaluation.evaluate(
      try Forecasters.named("noisy-oracle", truth: s, noise: 0), series: s, tickHours: Self.tick,
      train: 2000, from: 2000, to: 3500)
    #expect(q.brier.allSatisfy { $0 == 0 })
    #expect(q.f1.allSatisfy { $0 == 1 })
    #expect(q.lifetimeMAEHours == 0)
    // At noise 1 a different future gives the same predictions.
    var changed = s
    for i in 2001..<changed.count { changed[i].toggle() }
    func blind(_ series: [Bool]) throws -> [[Double]] {
      predictions(
        try Forecasters.named("noisy-oracle", truth: series, noise: 1), series, train: 2000,
        at: [2000])
    }
    #expect(try blind(s) == blind(changed))
  }

  @Test func brierAndF1OnHandCases() {
    // (0.9 − 1)² + (0.2 − 0)² + (0.6 − 0)² + (0.4 − 1)² = 0.01 + 0.04 + 0.36 + 0.36
    #expect(
      abs(
        ForecastEvaluation.brier([0.9, 0.2, 0.6, 0.4], [true, false, false, true]) - 0.77 / 4)
        < 1e-12)
    // Unavailability predicted at 0.2 and 0.4: TP 1 (0.2), FP 1 (0.4), FN 1 (0.6).
    #expect(ForecastEvaluation.f1([0.9, 0.2, 0.6, 0.4], [true, false, false, true]) == 0.5)
    #expect(ForecastEvaluation.f1([0.9, 0.8], [true, true]) == nil)
  }

  @Test func kaplanMeierCountsACensoredRunAtRiskButNotAsAnEvent() {
    // Runs of 2 and 4 ended; one of 3 still going: S(1) = 1, S(2) = 2/3,
    // S(3) = 2/3 (the censored run leaves), S(4) = 0.
    let s = EmpiricalSurvivalForecaster.survival((completed: [2, 4], ongoing: 3))
    #expect(s.count == 5 && s[1] == 1 && abs(s[2] - 2.0 / 3) < 1e-12)
    #expect(abs(s[3] - 2.0 / 3) < 1e-12 && s[4] == 0)
  }

  @Test func anUnknownForecasterIsBadInput() {
    #expect(throws: SimulationError.self) { try Forecasters.named("prophet") }
  }
}
