/// The cost of moving one task to one target: the expected marginal dollars
/// the run will pay for it.
///
///     priceWeight  × (instancePrice × extraInstanceHours + egress dollars)
///   + hazardWeight × hazard × runtime × slotPrice × (lossFraction × runtime / 2 + restartHours)
///   + delayWeight  × delayHours
///
/// - `extraInstanceHours` is the instance time the placement adds to the
///   bill: for a fresh launch the whole life it causes (delay plus runtime,
///   since a launch bills the whole instance); for a slot on an instance
///   that is already paid for, only how far the task runs past the time the
///   instance would have run anyway (its other tasks' expected ends, or its
///   idle release).
/// - The second term is the expected rework: reclaims arrive at `hazard`
///   per hour over the `runtime`; one at a uniformly distributed point loses
///   on average `lossFraction × runtime / 2` of work (the share the target's
///   checkpoint band cannot save), and forces a restart of `restartHours`;
///   both are priced at the target's slot price.
/// - `delayHours` (boot, waiting for the checkpoint, restore) is valued at
///   `delayWeight` dollars per hour.
public struct MigrationCostModel: Sendable, Hashable {
  /// Weight of the instance dollars the placement adds (default 1).
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
  public struct Pair: Sendable, Equatable {
    /// Hours from now until the task computes again on the target.
    public var delayHours: Double
    /// Hours of remaining work at the target's speed.
    public var runtimeHours: Double
    /// Instance-hours the placement adds to the bill.
    public var extraInstanceHours: Double
    /// The target instance's price per hour now.
    public var instancePrice: Double
    /// The target's price per slot-hour now (instance price ÷ GPUs).
    public var slotPrice: Double
    /// The target's reclaim hazard per hour, as estimated now.
    public var hazard: Double
    /// Share of the progress at stake a reclaim there would lose.
    public var lossFraction: Double
    /// Hours a restart after such a reclaim costs (boot plus restore).
    public var restartHours: Double
    /// Dollars the move itself is billed (egress of the checkpoint).
    public var transferDollars: Double

    /// Creates the inputs of a pair.
    public init(
      delayHours: Double, runtimeHours: Double, extraInstanceHours: Double,
      instancePrice: Double, slotPrice: Double, hazard: Double = 0, lossFraction: Double = 0,
      restartHours: Double = 0, transferDollars: Double = 0
    ) {
      self.delayHours = delayHours
      self.runtimeHours = runtimeHours
      self.extraInstanceHours = extraInstanceHours
      self.instancePrice = instancePrice
      self.slotPrice = slotPrice
      self.hazard = hazard
      self.lossFraction = lossFraction
      self.restartHours = restartHours
      self.transferDollars = transferDollars
    }
  }

  /// Expected dollars of rework a pair carries.
  @inlinable
  public func expectedRework(_ p: Pair) -> Double {
    guard p.hazard > 0 else { return 0 }
    return p.hazard * p.runtimeHours * p.slotPrice
      * (p.lossFraction * p.runtimeHours / 2 + p.restartHours)
  }

  /// The cost of a pair.
  @inlinable
  public func cost(_ p: Pair) -> Double {
    priceWeight * (p.instancePrice * p.extraInstanceHours + p.transferDollars)
      + hazardWeight * expectedRework(p) + delayWeight * p.delayHours
  }
}
