import Simulation
import Testing

/// The trivial baselines, by hand: persistence and the base rate.
@Suite struct BaselineForecasterTests {
  /// Training: up 2 ticks, down 1, up 3, down 2 (tick ½ h): completed runs
  /// of availability 2 and 3 ticks, mean 1.25 h; 5 of 8 ticks up.
  let series: [Bool] = [true, true, false, true, true, true, false, false, true, false]
  func history(_ count: Int) -> AvailabilityHistory {
    AvailabilityHistory(tickHours: 0.5, available: series, count: count)
  }

  @Test func persistenceForecastsTheStateNowAndTheMeanRun() throws {
    let f = try Forecasters.named("persistence").fitted(on: history(8))
    #expect(f.availabilityProbability(history(9), hoursAhead: 1) == 1)
    #expect(f.availabilityProbability(history(10), hoursAhead: 1) == 0)
    #expect(f.expectedLifetime(history(9)) == 1.25)
    #expect(f.expectedLifetime(history(10)) == 0)
  }

  @Test func theBaseRateIsTheTrainingShareWhateverNowIs() throws {
    let f = try Forecasters.named("base-rate").fitted(on: history(8))
    #expect(f.availabilityProbability(history(9), hoursAhead: 0.5) == 0.625)
    #expect(f.availabilityProbability(history(10), hoursAhead: 1) == 0.625)
    #expect(f.expectedLifetime(history(9)) == 1.25)
  }

  /// EWMA's probabilities stay on the side of ½ the state now is on at
  /// every scored horizon, so its F1 is persistence's exactly (the reason
  /// `synkti forecast` shows equal F1 for them).
  @Test func ewmaPredictsWhatPersistencePredictsUpToAnHour() throws {
    var g = Xoshiro256StarStar(seed: 3)
    let series = (0..<3000).map { _ in g.nextUnit() < 0.7 }
    let train = 1000
    let ewma = ForecastEvaluation.evaluate(
      try Forecasters.named("ewma"), series: series, tickHours: 195.0 / 3600, train: train,
      from: train, to: 3000)
    let persistence = ForecastEvaluation.evaluate(
      try Forecasters.named("persistence"), series: series, tickHours: 195.0 / 3600, train: train,
      from: train, to: 3000)
    #expect(ewma.f1 == persistence.f1)
    #expect(ewma.brier != persistence.brier)
  }
}
