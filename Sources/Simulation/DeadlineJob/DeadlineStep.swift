/// One tick of a deadline job as `DeadlineSimulator.timeline` records it:
/// where the job ran (after the policy, the guard and any failed launch),
/// how much work it had done and what it had paid by the tick's end.
public struct DeadlineStep: Sendable, Equatable {
  /// The tick, from the window's start.
  public var tick: Int
  /// Where the job ran this tick; nil: idle.
  public var place: Place?
  /// Where its checkpoint is at the tick's end; nil: none yet.
  public var home: Place?
  /// Whether the job's spot zone had spot this tick (nil off spot).
  public var spot: Bool?
  /// Work done by the tick's end, hours at the job's own type.
  public var done: Double
  /// Dollars paid by the tick's end: spot, on-demand, egress and probes.
  public var spent: Double

  /// Creates a step.
  public init(tick: Int, place: Place?, home: Place?, spot: Bool?, done: Double, spent: Double) {
    self.tick = tick
    self.place = place
    self.home = home
    self.spot = spot
    self.done = done
    self.spent = spent
  }
}
