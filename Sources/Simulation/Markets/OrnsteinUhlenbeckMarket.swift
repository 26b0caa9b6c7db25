/// A mean-reverting spot price with a daily cycle, whose reclaim hazard
/// rises as the price nears on-demand (capacity is tight when spot is dear).
///
/// Price follows the Ornstein–Uhlenbeck SDE
/// `dP = θ (μ(t) − P) dt + σ μ dW`, with `μ(t) = μ (1 + a sin(2πt / 24))`,
/// sampled exactly on a grid of `stepHours` and clamped to
/// `[floor · μ, ceiling · on-demand]`. The hazard in each step is
/// `λ₀ · exp(κ · (P − μ) / (on-demand − μ))`: the accelerator's base hazard
/// at the mean price, e^κ times that at on-demand.
public struct OrnsteinUhlenbeckMarket: SpotMarket {
  /// Mean reversion rate θ per hour.
  public var reversion: Double
  /// Volatility σ as a fraction of the mean price per √hour.
  public var volatility: Double
  /// Amplitude `a` of the daily cycle, as a fraction of the mean.
  public var dailyAmplitude: Double
  /// Hazard sensitivity κ to the price.
  public var hazardSensitivity: Double
  /// Grid step in hours.
  public var stepHours: Double
  /// Lowest price as a fraction of the mean.
  public var floor: Double
  /// Highest price as a fraction of on-demand.
  public var ceiling: Double

  public var name: String { "ou" }

  /// Creates the model; defaults give a visibly moving but stable market.
  public init(
    reversion: Double = 0.5, volatility: Double = 0.15, dailyAmplitude: Double = 0.1,
    hazardSensitivity: Double = 2.0, stepHours: Double = 1.0 / 12.0,
    floor: Double = 0.2, ceiling: Double = 0.99
  ) {
    self.reversion = reversion
    self.volatility = volatility
    self.dailyAmplitude = dailyAmplitude
    self.hazardSensitivity = hazardSensitivity
    self.stepHours = stepHours
    self.floor = floor
    self.ceiling = ceiling
  }

  public func path(
    for accelerator: AcceleratorType, zone: Int, horizon: Double,
    using generator: inout Xoshiro256StarStar
  ) -> MarketPath {
    let mean = accelerator.spotPrice
    let onDemand = accelerator.onDemandPrice
    let steps = Swift.max(1, Int(_ceil(horizon / stepHours)))
    let decay = _exp(-reversion * stepHours)
    // Exact OU transition: variance σ²(1 − e^{−2θΔ}) / 2θ.
    let sd = volatility * mean * ((1 - decay * decay) / (2 * reversion)).squareRoot()
    let low = floor * mean
    let high = Swift.max(low, ceiling * onDemand)
    let span = Swift.max(onDemand - mean, 1e-9)
    var prices = [Double](repeating: 0, count: steps)
    var hazards = [Double](repeating: 0, count: steps)
    var x = mean
    for i in 0..<steps {
      let t = Double(i) * stepHours
      let target = mean * (1 + dailyAmplitude * _sin(2 * Double.pi * t / 24))
      x = target + (x - target) * decay + sd * generator.nextStandardNormal()
      let p = Swift.min(high, Swift.max(low, x))
      prices[i] = p
      hazards[i] = accelerator.hazardPerHour * _exp(hazardSensitivity * (p - mean) / span)
    }
    return MarketPath(
      price: StepFunction(step: stepHours, values: prices),
      hazard: StepFunction(step: stepHours, values: hazards))
  }
}
