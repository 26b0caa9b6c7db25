/// What a deadline policy may see at the start of a tick: the job's state,
/// and the window's traces only up to and including this tick (never after).
public struct DeadlineView: Sendable {
  let window: DeadlineWindow
  /// Tick index.
  public let tick: Int
  /// Hours since the window start.
  public var time: Double { Double(tick) * window.tick }
  /// Work done, hours.
  public let done: Double
  /// Where the job ran in the previous tick (nil: idle, or preempted).
  public let place: Place?
  /// Where its checkpoint is (nil: none yet).
  public let home: Place?
  /// Overhead left on the current place, hours.
  public let overheadLeft: Double

  /// Creates a view of `window` at tick `tick`.
  public init(
    window: DeadlineWindow, tick: Int, done: Double, place: Place?, home: Place?,
    overheadLeft: Double
  ) {
    self.window = window
    self.tick = tick
    self.done = done
    self.place = place
    self.home = home
    self.overheadLeft = overheadLeft
  }

  /// Spot zones and on-demand regions.
  public var zones: Int { window.zones }
  public var regions: Int { window.regions }
  /// Tick length in hours.
  public var tickHours: Double { window.tick }

  /// Whether zone `z` had spot at tick `k` (only `k ≤ tick` is visible).
  public func available(_ z: Int, at k: Int) -> Bool {
    precondition(k <= tick, "a policy cannot see the future")
    return window.available[z][k]
  }

  /// Spot price of zone `z` at tick `k` (only `k ≤ tick`).
  public func price(_ z: Int, at k: Int) -> Double {
    precondition(k <= tick, "a policy cannot see the future")
    return window.price[z][k]
  }

  /// On-demand price of region `r`; region of zone `z`; region of a place.
  public func onDemandPrice(_ r: Int) -> Double { window.onDemandPrice[r] }
  public func region(ofZone z: Int) -> Int { window.zoneRegion[z] }
  public func region(of place: Place) -> Int { window.region(of: place) }
  /// Transfer hours and egress dollars of a start at `place`.
  public func transfer(to place: Place) -> Double { window.transfer(from: home, to: place) }
  public func egress(to place: Place) -> Double { window.egressDollars(from: home, to: place) }
}
