/// The true future, with calibrated noise: a mixture of the truth and what
/// the training history alone says. With `noise` n ∈ [0, 1],
///
///     P(available at +h) = (1 − n) · truth(now + h) + n · base rate
///     lifetime           = (1 − n) · true remaining life + n · mean training life
///
/// so n = 0 is the truth and n = 1 carries no information about the future
/// (it depends only on training and on whether spot is up now). The truth
/// is the whole series, indexed like the history; after its end the last
/// state holds. It is the one forecaster that reads the future, by design.
public struct NoisyOracleForecaster: Forecaster {
  /// The zone's whole availability series.
  public var truth: [Bool]
  /// Noise in [0, 1].
  public var noise: Double
  /// Training availability share.
  var baseRate = 0.5
  /// Mean length of training runs of availability, ticks.
  var meanLifetimeTicks = 0.0

  public var name: String { "noisy-oracle" }

  /// Creates the oracle of `truth` with `noise`.
  public init(truth: [Bool], noise: Double) {
    precondition((0...1).contains(noise), "forecast_noise is in [0, 1]")
    self.truth = truth
    self.noise = noise
  }

  public func fitted(on training: AvailabilityHistory) -> NoisyOracleForecaster {
    var f = self
    f.baseRate = training.count > 0 ? training.availability(overLast: training.count) : 0.5
    let runs = training.runs(of: true)
    let all = runs.completed + (runs.ongoing.map { [$0] } ?? [])
    f.meanLifetimeTicks = all.isEmpty ? 0 : Double(all.reduce(0, +)) / Double(all.count)
    return f
  }

  func state(at i: Int) -> Bool {
    guard !truth.isEmpty else { return false }
    return truth[Swift.min(i, truth.count - 1)]
  }

  public func availabilityProbability(_ history: AvailabilityHistory, hoursAhead hours: Double)
    -> Double
  {
    let k = AvailabilityHistory.ticks(inHours: hours, tick: history.tickHours)
    let future = state(at: history.count - 1 + k) ? 1.0 : 0.0
    return (1 - noise) * future + noise * baseRate
  }

  public func expectedLifetime(_ history: AvailabilityHistory) -> Double {
    guard history.availableNow else { return 0 }
    var end = history.count
    while end < truth.count && truth[end] { end += 1 }
    let remaining = Double(end - (history.count - 1)) * history.tickHours
    return (1 - noise) * remaining + noise * meanLifetimeTicks * history.tickHours
  }
}
