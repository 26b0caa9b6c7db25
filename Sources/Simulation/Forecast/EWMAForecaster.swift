/// An exponentially weighted baseline, with nothing to fit: availability
/// smoothed with time constant `tauHours`, `s`, and the rate of capacity
/// losses per available hour smoothed the same way, `λ`.
///
/// P(available `h` hours ahead) decays from the state now toward `s`:
/// `s + (x_now − s) · e^{−h/τ}`. Lifetime: `1/λ` when spot is up now (at
/// most `lifetimeCapHours`; the cap when no loss was seen).
public struct EWMAForecaster: Forecaster {
  /// Smoothing time constant, hours.
  public var tauHours: Double = 6
  /// The longest lifetime it predicts, hours.
  public var lifetimeCapHours: Double = 168

  public var name: String { "ewma" }

  /// Creates the forecaster.
  public init() {}

  public func fitted(on training: AvailabilityHistory) -> EWMAForecaster { self }

  /// Smoothed availability and smoothed losses per available tick, over
  /// the last ten time constants of `history`.
  func smoothed(_ history: AvailabilityHistory) -> (availability: Double, lossRate: Double) {
    let alpha = 1 - _exp(-history.tickHours / tauHours)
    let span = Int((10 * tauHours / history.tickHours).rounded())
    let first = Swift.max(0, history.count - span)
    var availability = 0.5
    var losses = 0.0
    var up = 0.0
    for t in first..<history.count {
      let x = history.available(at: t) ? 1.0 : 0.0
      let lost = t > 0 && history.available(at: t - 1) && x == 0 ? 1.0 : 0.0
      availability += alpha * (x - availability)
      losses += alpha * (lost - losses)
      up += alpha * (x - up)
    }
    return (availability, up > 1e-12 ? losses / up : 0)
  }

  public func availabilityProbability(_ history: AvailabilityHistory, hoursAhead hours: Double)
    -> Double
  {
    let s = smoothed(history).availability
    let now = history.availableNow ? 1.0 : 0.0
    return s + (now - s) * _exp(-hours / tauHours)
  }

  public func expectedLifetime(_ history: AvailabilityHistory) -> Double {
    guard history.availableNow else { return 0 }
    let perTick = smoothed(history).lossRate
    guard perTick > 0 else { return lifetimeCapHours }
    return Swift.min(lifetimeCapHours, history.tickHours / perTick)
  }
}
