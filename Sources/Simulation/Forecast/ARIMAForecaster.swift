/// ARIMA(1,1,0) on the zone's availability series `x_t ∈ {0, 1}`: the
/// differences `y_t = x_t − x_{t−1}` follow `y_t = φ y_{t−1} + ε`, with `φ`
/// fitted by least squares on the training history (`Σ y_t y_{t−1} / Σ
/// y_{t−1}²`, 0 when the series never changes twice in a row). The k-step
/// forecast is `x̂ = x_t + y_t φ (1 − φ^k) / (1 − φ)`, clamped to [0, 1] as
/// the probability. On a 0/1 series most differences are 0, so it is close
/// to persistence: the state now is the forecast.
///
/// Lifetime: the hours until the forecast first drops below ½, at most
/// `lifetimeCapHours` (a persistent forecast never drops).
public struct ARIMAForecaster: Forecaster {
  /// The fitted autoregressive coefficient of the differences.
  public var phi: Double = 0
  /// The longest lifetime it predicts, hours.
  public var lifetimeCapHours: Double = 168

  public var name: String { "arima" }

  /// Creates an unfitted forecaster (φ = 0: persistence plus the last step).
  public init() {}

  public func fitted(on training: AvailabilityHistory) -> ARIMAForecaster {
    var f = self
    var numerator = 0.0
    var denominator = 0.0
    if training.count >= 3 {
      for t in 2..<training.count {
        let y = Self.x(training, t) - Self.x(training, t - 1)
        let previous = Self.x(training, t - 1) - Self.x(training, t - 2)
        numerator += y * previous
        denominator += previous * previous
      }
    }
    f.phi = denominator > 0 ? Swift.min(0.99, Swift.max(-0.99, numerator / denominator)) : 0
    return f
  }

  static func x(_ h: AvailabilityHistory, _ t: Int) -> Double { h.available(at: t) ? 1 : 0 }

  /// The k-step forecast from the last two known ticks.
  func forecast(_ history: AvailabilityHistory, ticks k: Int) -> Double {
    guard history.count > 0 else { return 0 }
    let t = history.count - 1
    let last = Self.x(history, t)
    let step = t > 0 ? last - Self.x(history, t - 1) : 0
    // Σ_{j=1..k} φ^j
    var sum = 0.0
    var power = 1.0
    for _ in 0..<k {
      power *= phi
      sum += power
      if abs(power) < 1e-15 { break }
    }
    return Swift.min(1, Swift.max(0, last + step * sum))
  }

  public func availabilityProbability(_ history: AvailabilityHistory, hoursAhead hours: Double)
    -> Double
  {
    forecast(history, ticks: AvailabilityHistory.ticks(inHours: hours, tick: history.tickHours))
  }

  public func expectedLifetime(_ history: AvailabilityHistory) -> Double {
    guard history.availableNow else { return 0 }
    let cap = Int((lifetimeCapHours / history.tickHours).rounded())
    let t = history.count - 1
    let step = t > 0 ? 1 - Self.x(history, t - 1) : 0
    // x̂_k = 1 + step · Σ_{j=1..k} φ^j, built up one tick at a time.
    var k = 1
    var power = phi
    var sum = phi
    while k < cap && 1 + step * sum >= 0.5 {
      k += 1
      power *= phi
      sum += power
    }
    return Double(k) * history.tickHours
  }
}
