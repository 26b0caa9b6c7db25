/// A window of several zones' traces for one deadline job that may move
/// between zones and regions (`model: deadline-job` with `trace_zones`).
///
/// At each tick the job is in exactly one place: on spot in a zone where spot
/// is available, on on-demand in a region, or idle. Every start pays the
/// restart overhead d; a start away from where the checkpoint is also pays
/// the checkpoint's transfer at the path's bandwidth, and egress per GB
/// between regions. The checkpoint is copied to the destination when the
/// move starts (an object-store copy, which completes even if the new spot
/// instance is preempted), so the job's "home" is where it last started.
public struct RegionalWindow: Sendable, Equatable {
  /// Tick length in hours.
  public var tick: Double
  /// Spot availability per zone, then per tick.
  public var available: [[Bool]]
  /// Spot price per zone, then per tick ($ per hour).
  public var price: [[Double]]
  /// Region index of each zone.
  public var zoneRegion: [Int]
  /// On-demand price per region ($ per hour).
  public var onDemandPrice: [Double]
  /// Transfer hours of the checkpoint between two places, by path: within a
  /// region between zones, across regions of a continent, across continents.
  public var transferHours: (inRegion: Double, crossRegion: Double, crossContinent: Double)
  /// Continent index of each region.
  public var regionContinent: [Int]
  /// Egress $ of the checkpoint from region a to region b: `egress[a][b]`.
  public var egress: [[Double]]

  /// Creates a window; every zone has the same number of ticks.
  public init(
    tick: Double, available: [[Bool]], price: [[Double]], zoneRegion: [Int],
    onDemandPrice: [Double], regionContinent: [Int],
    transferHours: (inRegion: Double, crossRegion: Double, crossContinent: Double),
    egress: [[Double]]
  ) {
    precondition(tick > 0 && !available.isEmpty && available.count == price.count)
    precondition(available.allSatisfy { $0.count == available[0].count && !$0.isEmpty })
    precondition(
      zoneRegion.count == available.count && regionContinent.count == onDemandPrice.count)
    self.tick = tick
    self.available = available
    self.price = price
    self.zoneRegion = zoneRegion
    self.onDemandPrice = onDemandPrice
    self.regionContinent = regionContinent
    self.transferHours = transferHours
    self.egress = egress
  }

  public static func == (a: RegionalWindow, b: RegionalWindow) -> Bool {
    a.tick == b.tick && a.available == b.available && a.price == b.price
      && a.zoneRegion == b.zoneRegion && a.onDemandPrice == b.onDemandPrice
      && a.regionContinent == b.regionContinent && a.egress == b.egress
      && a.transferHours == b.transferHours
  }

  /// Spot zones.
  public var zones: Int { available.count }
  /// Regions (with on-demand).
  public var regions: Int { onDemandPrice.count }
  /// Ticks in the window.
  public var ticks: Int { available[0].count }
  /// Places a job can run: spot zones `0..<zones`, then on-demand regions.
  public var places: Int { zones + regions }

  /// Region of place `p`.
  @inlinable
  public func region(ofPlace p: Int) -> Int { p < zones ? zoneRegion[p] : p - zones }

  /// Hours of checkpoint transfer for a start at `to` with the checkpoint
  /// at `from` (nil: no checkpoint yet). Nothing moves within a place, nor
  /// between a region's on-demand and a spot zone of the same region (as in
  /// the single-zone model, where on-demand shares the zone).
  @inlinable
  public func transfer(from: Int?, to: Int) -> Double {
    guard let from, from != to else { return 0 }
    let a = region(ofPlace: from)
    let b = region(ofPlace: to)
    if a == b { return from < zones && to < zones ? transferHours.inRegion : 0 }
    return regionContinent[a] == regionContinent[b]
      ? transferHours.crossRegion : transferHours.crossContinent
  }

  /// Egress dollars for a start at `to` with the checkpoint at `from`.
  @inlinable
  public func egressDollars(from: Int?, to: Int) -> Double {
    guard let from else { return 0 }
    return egress[region(ofPlace: from)][region(ofPlace: to)]
  }

  /// The price per hour of running at place `p` in tick `k`.
  @inlinable
  public func hourlyPrice(_ p: Int, tick k: Int) -> Double {
    p < zones ? price[p][k] : onDemandPrice[p - zones]
  }

  /// Whether place `p` can run in tick `k` (on-demand always can).
  @inlinable
  public func canRun(_ p: Int, tick k: Int) -> Bool { p >= zones || available[p][k] }
}

/// What a multi-region policy may see at the start of a tick: the job's
/// state, and the trace only up to and including this tick (never after).
public struct RegionalView: Sendable {
  let window: RegionalWindow
  /// Tick index.
  public let tick: Int
  /// Hours since the window start.
  public var time: Double { Double(tick) * window.tick }
  /// Work done, hours.
  public let done: Double
  /// Where the job ran in the previous tick (nil: idle).
  public let place: Int?
  /// Where its checkpoint is (nil: none yet).
  public let home: Int?
  /// Overhead left on the current place, hours.
  public let overheadLeft: Double

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

  /// On-demand price of region `r`; region of zone `z`.
  public func onDemandPrice(_ r: Int) -> Double { window.onDemandPrice[r] }
  public func region(ofZone z: Int) -> Int { window.zoneRegion[z] }
  /// Transfer hours and egress dollars of a start at place `p`.
  public func transfer(to p: Int) -> Double { window.transfer(from: home, to: p) }
  public func egress(to p: Int) -> Double { window.egressDollars(from: home, to: p) }
}
