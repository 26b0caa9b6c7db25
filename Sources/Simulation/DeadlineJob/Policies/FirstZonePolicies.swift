/// On-demand throughout, in the region of the window's first zone.
public struct OnDemandOnly: DeadlinePolicy {
  public init() {}
  public var name: String { "on-demand-only" }
  public func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    .onDemand(region: v.region(ofZone: 0))
  }
}

/// Spot in the window's first zone whenever available, idle otherwise; may
/// miss the deadline (unguarded).
public struct SpotOnly: DeadlinePolicy {
  public init() {}
  public var name: String { "spot-only" }
  public var guarded: Bool { false }
  public func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    v.available(0, at: v.tick) ? .spot(zone: 0) : nil
  }
}

/// Spot in the window's first zone whenever available; otherwise wait —
/// until waiting would miss the deadline, then on-demand to the end (the
/// guard).
public struct Greedy: DeadlinePolicy {
  public init() {}
  public var name: String { "greedy" }
  public func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    v.available(0, at: v.tick) ? .spot(zone: 0) : nil
  }
}
