/// Where a deadline job runs during a tick: on spot in a zone, or on
/// on-demand in a region. Idle is `nil` (`Place?`).
///
/// Zones and regions are indices into the job's `DeadlineWindow`. The
/// window numbers places densely (zones first, then regions) for the exact
/// optimum's state keys; `DeadlineWindow.index(of:)` and `place(at:)` are
/// that bridge, and nothing else depends on the order.
public enum Place: Hashable, Sendable {
  /// Spot in zone `zone` (runs only while that zone has spot).
  case spot(zone: Int)
  /// On-demand in region `region` (always available).
  case onDemand(region: Int)

  /// The spot zone, or nil on on-demand.
  @inlinable
  public var zone: Int? {
    if case .spot(let z) = self { return z }
    return nil
  }

  /// Whether this is on-demand.
  @inlinable
  public var isOnDemand: Bool {
    if case .onDemand = self { return true }
    return false
  }
}

extension DeadlineWindow {
  /// The dense index of `place`: zones `0..<zones`, then regions.
  @inlinable
  public func index(of place: Place) -> Int {
    switch place {
    case .spot(let z): return z
    case .onDemand(let r): return zones + r
    }
  }

  /// The place of dense index `p` (see `index(of:)`).
  @inlinable
  public func place(at p: Int) -> Place {
    p < zones ? .spot(zone: p) : .onDemand(region: p - zones)
  }

  /// The region of `place`.
  @inlinable
  public func region(of place: Place) -> Int {
    switch place {
    case .spot(let z): return zoneRegion[z]
    case .onDemand(let r): return r
    }
  }
}

extension DeadlineWindow {
  /// Hours of checkpoint transfer for a start at `to` with the checkpoint
  /// at `from` (nil: no checkpoint yet); see `transfer(from:to:)` by index.
  @inlinable
  public func transfer(from: Place?, to: Place) -> Double {
    transfer(from: from.map { index(of: $0) }, to: index(of: to))
  }

  /// Egress dollars for a start at `to` with the checkpoint at `from`.
  @inlinable
  public func egressDollars(from: Place?, to: Place) -> Double {
    egressDollars(from: from.map { index(of: $0) }, to: index(of: to))
  }

  /// Whether `place` can run in tick `k` (on-demand always can).
  @inlinable
  public func canRun(_ place: Place, tick k: Int) -> Bool {
    switch place {
    case .spot(let z): return available[z][k]
    case .onDemand: return true
    }
  }
}
