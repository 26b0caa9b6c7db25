/// One realised spot market for one (accelerator, zone): the price in force
/// over time and how capacity is reclaimed.
///
/// A path is drawn once per replicate from a `SpotMarket` model and shared by
/// every policy and migration strategy of that replicate (common random
/// numbers), so their differences are paired.
public struct MarketPath: Sendable {
  /// Spot price in $ per instance-hour.
  public var price: StepFunction
  /// Reclaim hazard per instance-hour; nil when reclaims follow `availability`.
  public var hazard: StepFunction?
  /// Measured availability; nil means capacity can always be had.
  public var availability: AvailabilitySeries?

  /// Creates a path from its parts.
  public init(price: StepFunction, hazard: StepFunction?, availability: AvailabilitySeries? = nil) {
    self.price = price
    self.hazard = hazard
    self.availability = availability
  }

  /// The same path with its price and hazard multiplied (a zone's own level).
  public func scaled(price p: Double, hazard h: Double) -> MarketPath {
    guard p != 1 || h != 1 else { return self }
    return MarketPath(
      price: StepFunction(step: price.step, values: price.values.map { $0 * p }),
      hazard: hazard.map { StepFunction(step: $0.step, values: $0.values.map { $0 * h }) },
      availability: availability)
  }

  /// Whether a spot instance can be launched at `t` and keep its capacity
  /// for more than `minimumLife` hours. With the grace period as minimum, a
  /// launch is never warned at the instant it starts — otherwise its tasks
  /// would relaunch at the same instant for ever.
  public func canLaunch(at t: Double, lasting minimumLife: Double = 0) -> Bool {
    guard let availability else { return true }
    guard availability.isAvailable(at: t) else { return false }
    guard let end = availability.nextUnavailable(after: t) else { return true }
    // A relaunch typically happens at exactly `end − grace` (the previous
    // instance's warning), where `end − t == grace` up to rounding: demand a
    // margin well above floating-point noise (1e-9 h ≈ 4 µs).
    return end - t > minimumLife + 1e-9
  }

  /// When spot can next be launched, at or after `t` (nil: never).
  public func nextLaunchable(after t: Double) -> Double? {
    guard let availability else { return t }
    return availability.nextAvailable(after: t)
  }

  /// The reclaim of an instance that becomes exposed at `exposedFrom`.
  ///
  /// - Parameters:
  ///   - exposedFrom: when the instance starts to be at risk (it is ready).
  ///   - launchedAt: when it was launched (a warning is never before this).
  ///   - grace: the notice in hours.
  ///   - draw: an Exp(1) draw owned by this instance.
  /// - Returns: `(warning, termination)` or nil when it is never reclaimed.
  public func reclaim(
    exposedFrom: Double, launchedAt: Double, grace: Double, draw: Double
  ) -> (warning: Double, termination: Double)? {
    var best: (Double, Double)?
    if let hazard, let w = hazard.time(from: exposedFrom, whenIntegralReaches: draw) {
      best = (w, w + grace)
    }
    if let availability, let end = availability.nextUnavailable(after: launchedAt) {
      // Capacity disappears at `end`; the notice comes a grace period before,
      // but never before the launch.
      let candidate = (Swift.max(launchedAt, end - grace), end)
      if best == nil || candidate.1 < best!.1 { best = candidate }
    }
    return best
  }
}
