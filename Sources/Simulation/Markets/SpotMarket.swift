/// A model of a spot market: draws the price and reclaim process of each
/// (accelerator, zone) for one replicate.
///
/// Conform to add a market model. Implementations must take all randomness
/// from `generator` so that a path is a pure function of the replicate seed.
public protocol SpotMarket: Sendable {
  /// Short name used in results (`poisson`, `ou`, `trace`).
  var name: String { get }

  /// How many zones this market offers for `accelerator`, given the number
  /// the scenario asks for.
  func zoneCount(for accelerator: AcceleratorType, requested: Int) -> Int

  /// The names of its zones, when the market has real ones (traces); the
  /// scenario then derives regions from them.
  var zoneNames: [String]? { get }

  /// Whether zones of this market are synthetic, so zone variation and
  /// crunches apply (measured traces are left as they are).
  var isSynthetic: Bool { get }

  /// Draws the market path of one zone up to `horizon` hours.
  func path(
    for accelerator: AcceleratorType, zone: Int, horizon: Double,
    using generator: inout Xoshiro256StarStar
  ) -> MarketPath
}

extension SpotMarket {
  public func zoneCount(for accelerator: AcceleratorType, requested: Int) -> Int {
    Swift.max(1, requested)
  }

  public var zoneNames: [String]? { nil }

  public var isSynthetic: Bool { true }
}

/// Constant spot price and constant hazard: reclaims are a Poisson process
/// per instance. The analytic baseline.
public struct PoissonMarket: SpotMarket {
  public var name: String { "poisson" }

  /// Creates the model; each accelerator's own price and hazard are used.
  public init() {}

  public func path(
    for accelerator: AcceleratorType, zone: Int, horizon: Double,
    using generator: inout Xoshiro256StarStar
  ) -> MarketPath {
    MarketPath(
      price: StepFunction(constant: accelerator.spotPrice),
      hazard: StepFunction(constant: accelerator.hazardPerHour))
  }
}
