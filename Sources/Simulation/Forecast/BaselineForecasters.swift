/// Persistence, the trivial baseline every forecaster is read against:
/// spot will be as it is now (P = 1 when up, 0 when down, at every
/// horizon), and an instance launched now lasts the mean completed run of
/// availability seen in training.
///
/// Any forecast whose probability stays on the side of ½ that the current
/// state is on predicts exactly what persistence predicts, so its F1 is
/// persistence's (EWMA and ARIMA at horizons up to an hour, on the traces).
public struct PersistenceForecaster: Forecaster {
  /// Mean completed run of availability in training, hours (nil: none seen).
  var meanRunHours: Double?

  public var name: String { "persistence" }

  /// Creates an unfitted forecaster (lifetime 0 until fitted).
  public init() {}

  public func fitted(on training: AvailabilityHistory) -> PersistenceForecaster {
    var f = self
    f.meanRunHours = Self.meanRunHours(training)
    return f
  }

  /// The mean completed run of availability of `history`, hours.
  static func meanRunHours(_ history: AvailabilityHistory) -> Double? {
    let runs = history.runs(of: true).completed
    guard !runs.isEmpty else { return nil }
    return Double(runs.reduce(0, +)) / Double(runs.count) * history.tickHours
  }

  public func availabilityProbability(_ history: AvailabilityHistory, hoursAhead hours: Double)
    -> Double
  {
    history.availableNow ? 1 : 0
  }

  public func expectedLifetime(_ history: AvailabilityHistory) -> Double {
    history.availableNow ? meanRunHours ?? 0 : 0
  }
}

/// The base rate: spot is available with the share of training ticks it was
/// available, whatever it is now, at every horizon; lifetimes as
/// persistence's. The baseline a Brier score says anything against.
public struct BaseRateForecaster: Forecaster {
  /// Share of training ticks with spot available.
  var rate = 0.5
  /// Mean completed run of availability in training, hours.
  var meanRunHours: Double?

  public var name: String { "base-rate" }

  /// Creates an unfitted forecaster (rate ½ until fitted).
  public init() {}

  public func fitted(on training: AvailabilityHistory) -> BaseRateForecaster {
    var f = self
    f.rate = training.availability(overLast: training.count)
    f.meanRunHours = PersistenceForecaster.meanRunHours(training)
    return f
  }

  public func availabilityProbability(_ history: AvailabilityHistory, hoursAhead hours: Double)
    -> Double
  {
    rate
  }

  public func expectedLifetime(_ history: AvailabilityHistory) -> Double {
    history.availableNow ? meanRunHours ?? 0 : 0
  }
}
