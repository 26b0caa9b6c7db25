/// Forecasts one zone's spot availability from its history alone.
///
/// A forecaster is first fitted on a training history (the trace before
/// `train_until_hour`), then asked, at each tick, about the future of the
/// history it is given — which holds nothing past now (`AvailabilityHistory`).
public protocol Forecaster: Sendable {
  /// The name specs use (`forecaster: NAME`).
  var name: String { get }

  /// This forecaster with its parameters fitted on `training`.
  func fitted(on training: AvailabilityHistory) -> Self

  /// P(spot is available `hours` after now), from `history`.
  func availabilityProbability(_ history: AvailabilityHistory, hoursAhead hours: Double) -> Double

  /// Expected hours a spot instance launched now keeps its capacity (0 when
  /// spot is unavailable now).
  func expectedLifetime(_ history: AvailabilityHistory) -> Double
}

/// The forecasters by name.
public enum Forecasters {
  /// Names `named(_:)` accepts.
  /// The last two are the trivial baselines to read the others against.
  public static let names = [
    "empirical-survival", "arima", "ewma", "noisy-oracle", "persistence", "base-rate",
  ]

  /// The forecaster called `name`; `noisy-oracle` needs the truth and its
  /// noise (`forecast_noise`), the others ignore them.
  /// - Throws: `SimulationError.unknownName` for any other name.
  public static func named(_ name: String, truth: [Bool] = [], noise: Double = 0) throws
    -> any Forecaster
  {
    switch name {
    case "empirical-survival": return EmpiricalSurvivalForecaster()
    case "arima": return ARIMAForecaster()
    case "ewma": return EWMAForecaster()
    case "noisy-oracle": return NoisyOracleForecaster(truth: truth, noise: noise)
    case "persistence": return PersistenceForecaster()
    case "base-rate": return BaseRateForecaster()
    default: throw SimulationError.unknownName(kind: "forecaster", name: name, known: names)
    }
  }
}
