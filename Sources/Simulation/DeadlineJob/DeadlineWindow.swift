/// The window of a deadline job: the traces of the zones it may use, from
/// its start to its deadline, with the on-demand price of each region and
/// what moving the checkpoint between places costs. A single zone
/// (`trace_zone`) is a window of one zone in one region (`oneZone`).
///
/// At each tick the job is in exactly one place: on spot in a zone where spot
/// is available, on on-demand in a region, or idle. Every start pays the
/// restart overhead d; a start away from where the checkpoint is also pays
/// the checkpoint's transfer at the path's bandwidth, and egress per GB
/// between regions. The checkpoint is copied to the destination when the
/// move starts (an object-store copy, which completes even if the new spot
/// instance is preempted), so the job's "home" is where it last started.
public struct DeadlineWindow: Sendable, Equatable {
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
  /// Each zone's availability before the window, oldest first (empty when
  /// unknown): the history a policy may fit its estimates on.
  public var prior: [[Bool]] = []
  /// Work done per hour of running at each place, zones then regions (the
  /// dense order of `index(of:)`): 1 everywhere for one accelerator type;
  /// a type's throughput in the job's unit of work when places differ in
  /// type.
  public var speed: [Double]
  /// The physical region of each region entry. With several accelerator
  /// types, a region's on-demand is one entry per type, and entries of one
  /// physical region share a location (nothing moves between them); with
  /// one type, each entry is its own location.
  public var location: [Int]
  /// The accelerator type of each place (dense order): 0 is the window's
  /// own type; `adding(_:continent:egress:)` numbers the others.
  public var types: [Int]
  /// Hours each place's start takes beyond the job's restart overhead
  /// (dense order; 0 on the window's own type): `restart(at:job:)`.
  public var restartExtra: [Double]
  /// The grace period of each accelerator type, hours (by `types`' index;
  /// empty, or a type past its end: long enough for any checkpoint): the
  /// warning a reclaim gives, in which the job may write its checkpoint.
  public var graceHours: [Double] = []

  /// The window of one zone in one region: what `trace_zone` runs on.
  /// Nothing moves, so transfers and egress are zero.
  public static func oneZone(_ window: TraceWindow, onDemandPrice: Double) -> DeadlineWindow {
    DeadlineWindow(
      tick: window.tick, available: [window.available], price: [window.price], zoneRegion: [0],
      onDemandPrice: [onDemandPrice], regionContinent: [0],
      transferHours: (inRegion: 0, crossRegion: 0, crossContinent: 0), egress: [[0]])
  }

  /// Zone `z`'s own trace slice.
  public func slice(zone z: Int) -> TraceWindow {
    TraceWindow(tick: tick, available: available[z], price: price[z])
  }

  /// Creates a window; every zone has the same number of ticks.
  public init(
    tick: Double, available: [[Bool]], price: [[Double]], zoneRegion: [Int],
    onDemandPrice: [Double], regionContinent: [Int],
    transferHours: (inRegion: Double, crossRegion: Double, crossContinent: Double),
    egress: [[Double]], prior: [[Bool]] = [], speed: [Double]? = nil, location: [Int]? = nil,
    types: [Int]? = nil, restartExtra: [Double]? = nil
  ) {
    precondition(tick > 0 && !available.isEmpty && available.count == price.count)
    precondition(available.allSatisfy { $0.count == available[0].count && !$0.isEmpty })
    precondition(prior.isEmpty || prior.count == available.count)
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
    self.prior = prior
    let places = available.count + onDemandPrice.count
    self.speed = speed ?? [Double](repeating: 1, count: places)
    self.location = location ?? Array(onDemandPrice.indices)
    self.types = types ?? [Int](repeating: 0, count: places)
    self.restartExtra = restartExtra ?? [Double](repeating: 0, count: places)
    precondition(self.types.count == places && self.restartExtra.count == places)
    precondition(self.restartExtra.allSatisfy(\.isFinite))
    precondition(self.speed.count == places && self.speed.allSatisfy { $0 > 0 && $0.isFinite })
    precondition(self.location.count == onDemandPrice.count)
  }

  public static func == (a: DeadlineWindow, b: DeadlineWindow) -> Bool {
    a.tick == b.tick && a.available == b.available && a.price == b.price
      && a.zoneRegion == b.zoneRegion && a.onDemandPrice == b.onDemandPrice
      && a.regionContinent == b.regionContinent && a.egress == b.egress
      && a.transferHours == b.transferHours && a.prior == b.prior && a.speed == b.speed
      && a.location == b.location && a.types == b.types && a.restartExtra == b.restartExtra
      && a.graceHours == b.graceHours
  }

  /// Whether every place runs at speed 1 (one accelerator type): the
  /// optimum's hour-counting floors hold only then.
  public var unitSpeed: Bool { speed.allSatisfy { $0 == 1 } }

  /// The fastest place's speed.
  public var fastest: Double { speed.max() ?? 1 }

  /// Spot zones.
  public var zones: Int { available.count }
  /// Regions (with on-demand).
  public var regions: Int { onDemandPrice.count }
  /// Ticks in the window.
  public var ticks: Int { available[0].count }
  /// Places a job can run: spot zones `0..<zones`, then on-demand regions.
  public var places: Int { zones + regions }
  /// Accelerator types among the places (`types` numbers them from 0).
  public var typeCount: Int { (types.max() ?? 0) + 1 }

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
    if location[a] == location[b] { return from < zones && to < zones ? transferHours.inRegion : 0 }
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
