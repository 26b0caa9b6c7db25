/// How a deadline policy learns which zones have spot.
///
/// With free probing (`intervalHours == 0`, the default) a policy sees every
/// zone's availability at every tick at no cost: the trace is the probe.
/// With modelled probing a policy sees a zone only when it runs there, tries
/// to launch there (a failed launch costs nothing), or probes it; a probe
/// that finds spot is billed as `billedSeconds` of spot in the probed zone
/// (the published setting, after the SkyNomad artifact: 60 s). Policies that
/// probe do so every `intervalHours`, or, when it is nil, at their own
/// published interval (UP(A) 2 h, UP(AP) 1 h).
public struct Probing: Sendable, Hashable {
  /// Hours between a policy's probes of a zone: 0 means free probing, nil
  /// each policy's published interval.
  public var intervalHours: Double?
  /// Seconds of spot billed for a probe that finds spot.
  public var billedSeconds: Double

  /// Creates a probing model.
  public init(intervalHours: Double?, billedSeconds: Double = 60) {
    precondition((intervalHours ?? 1) >= 0 && billedSeconds >= 0)
    self.intervalHours = intervalHours
    self.billedSeconds = billedSeconds
  }

  /// Every zone seen at every tick, at no cost.
  public static let free = Probing(intervalHours: 0, billedSeconds: 0)

  /// Modelled probing at each policy's published interval, 60 s billed.
  public static let published = Probing(intervalHours: nil, billedSeconds: 60)

  /// Whether probing is free (nothing is hidden, nothing billed).
  public var isFree: Bool { intervalHours == 0 }

  /// Hours between probes for a policy whose published interval is
  /// `published`.
  public func interval(published: Double) -> Double { intervalHours ?? published }

  /// Ticks between probes at `hours` per probe (at least one).
  public static func ticks(_ hours: Double, tick: Double) -> Int {
    Swift.max(1, Int((hours / tick).rounded()))
  }
}

/// One thing a policy learned about a zone's spot capacity at a tick.
public struct ZoneObservation: Sendable, Hashable {
  /// How it was learned.
  public enum Kind: Sendable, Hashable {
    /// A probe (with free probing, every zone at every tick).
    case probe
    /// A launch attempt: `up` when it started.
    case launch
    /// The zone the job runs in still has spot.
    case running
    /// The zone the job ran in lost spot.
    case preemption
  }

  /// The zone.
  public var zone: Int
  /// The tick it was learned at.
  public var tick: Int
  /// Whether the zone had spot.
  public var up: Bool
  /// How it was learned.
  public var kind: Kind

  /// Creates an observation.
  public init(zone: Int, tick: Int, up: Bool, kind: Kind) {
    self.zone = zone
    self.tick = tick
    self.up = up
    self.kind = kind
  }
}
