/// The cost of moving one task to one target, in expected dollars.
///
/// `price × (delay + runtime) + hazardWeight × hazard × runtime × price ×
/// (boot + transfer) + delayWeight × delay`, where `delay` is the state
/// transfer over the slower of the two links plus the boot of a new instance
/// (or what is left of a booting one), `runtime` is the remaining work at the
/// target's speed, `price` is the target's current price per slot and
/// `hazard` its reclaim rate: the second term is the expected cost of the
/// restarts the target's reclaims will force.
public struct MigrationCostModel: Sendable, Hashable {
  /// Weight of the dollars spent on the target (default 1).
  public var priceWeight: Double
  /// Weight of the expected rework from reclaims (default 1).
  public var hazardWeight: Double
  /// Dollars charged per hour of delay before the task resumes (default 0).
  public var delayWeight: Double

  /// Creates a model.
  public init(priceWeight: Double = 1, hazardWeight: Double = 1, delayWeight: Double = 0) {
    self.priceWeight = priceWeight
    self.hazardWeight = hazardWeight
    self.delayWeight = delayWeight
  }

  /// The inputs of one (task, target) pair.
  public struct Pair: Sendable {
    /// Hours of state transfer.
    public var transferHours: Double
    /// Hours until the target instance is ready.
    public var bootHours: Double
    /// Hours of remaining work at the target's speed.
    public var runtimeHours: Double
    /// Target's price per slot-hour now.
    public var slotPrice: Double
    /// Target's reclaim hazard per hour now.
    public var hazard: Double

    /// Creates the inputs of a pair.
    public init(
      transferHours: Double, bootHours: Double, runtimeHours: Double, slotPrice: Double,
      hazard: Double
    ) {
      self.transferHours = transferHours
      self.bootHours = bootHours
      self.runtimeHours = runtimeHours
      self.slotPrice = slotPrice
      self.hazard = hazard
    }
  }

  /// The cost of a pair.
  @inlinable
  public func cost(_ p: Pair) -> Double {
    let delay = p.transferHours + p.bootHours
    return priceWeight * p.slotPrice * (delay + p.runtimeHours)
      + hazardWeight * p.hazard * p.runtimeHours * p.slotPrice * delay
      + delayWeight * delay
  }
}
