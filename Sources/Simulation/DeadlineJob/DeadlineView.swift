/// What a deadline policy may see at the start of a tick: the job's state,
/// and the window's traces only up to and including this tick (never after).
///
/// With modelled probing (`Probing`), a zone's availability is what the
/// policy has observed: at this tick, a zone not yet seen now reads as
/// available (a launch there may be tried, and a failed try is observed);
/// at an earlier tick, the last observation at or before it (unavailable if
/// none).
public struct DeadlineView: Sendable {
  let window: DeadlineWindow
  /// How availability is observed.
  public let probing: Probing
  /// What has been observed (nil with free probing: everything is).
  let knowledge: ZoneKnowledge?
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
    overheadLeft: Double, probing: Probing = .free
  ) {
    self.init(
      window: window, tick: tick, done: done, place: place, home: home,
      overheadLeft: overheadLeft, probing: probing, knowledge: nil)
  }

  init(
    window: DeadlineWindow, tick: Int, done: Double, place: Place?, home: Place?,
    overheadLeft: Double, probing: Probing, knowledge: ZoneKnowledge?
  ) {
    self.window = window
    self.probing = probing
    self.knowledge = knowledge
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
  /// With modelled probing, what has been observed (see the type's note).
  public func available(_ z: Int, at k: Int) -> Bool {
    precondition(k <= tick, "a policy cannot see the future")
    guard let knowledge else { return window.available[z][k] }
    guard let seen = knowledge.lastSeen(z, atOrBefore: k) else { return k == tick }
    return k == tick && seen.tick < tick ? true : seen.up
  }

  /// When zone `z` was last observed and whether it had spot (with free
  /// probing: now, from the trace); nil if never.
  public func lastSeen(_ z: Int) -> (tick: Int, up: Bool)? {
    guard let knowledge else { return (tick, window.available[z][tick]) }
    return knowledge.lastSeen(z, atOrBefore: tick)
  }

  /// What was observed since the policy last decided: with free probing,
  /// a probe of every zone now.
  public var news: [ZoneObservation] {
    guard let knowledge else {
      return (0..<zones).map {
        ZoneObservation(zone: $0, tick: tick, up: window.available[$0][tick], kind: .probe)
      }
    }
    return knowledge.news
  }

  /// Spot price of zone `z` at tick `k` (only `k ≤ tick`).
  public func price(_ z: Int, at k: Int) -> Double {
    precondition(k <= tick, "a policy cannot see the future")
    return window.price[z][k]
  }

  /// Zone `z`'s availability before the window, oldest first (may be empty).
  public func prior(_ z: Int) -> [Bool] { window.prior.isEmpty ? [] : window.prior[z] }

  /// Work per hour at `place` (1 everywhere with one accelerator type).
  public func speed(_ place: Place) -> Double { window.speed[window.index(of: place)] }

  /// On-demand price of region `r`; region of zone `z`; region of a place.
  public func onDemandPrice(_ r: Int) -> Double { window.onDemandPrice[r] }
  public func region(ofZone z: Int) -> Int { window.zoneRegion[z] }
  public func region(of place: Place) -> Int { window.region(of: place) }
  /// Transfer hours and egress dollars of a start at `place`.
  public func transfer(to place: Place) -> Double { window.transfer(from: home, to: place) }
  /// Hours a start at `place` takes before any transfer: `job`'s restart
  /// overhead on the place's accelerator type.
  public func restart(at place: Place, job: DeadlineJob) -> Double {
    window.restart(at: window.index(of: place), job: job)
  }
  public func egress(to place: Place) -> Double { window.egressDollars(from: home, to: place) }
  /// Hours of running between `job`'s periodic checkpoints where a reclaim
  /// at `place` loses the work since the last one (its type's grace period
  /// is too short to write it); nil where a reclaim loses none.
  public func lossyCheckpointInterval(at place: Place, job: DeadlineJob) -> Double? {
    guard window.losesWork(at: window.index(of: place), job: job) else { return nil }
    return Double(window.checkpointTicks(job: job)) * window.tick
  }
  /// Transfer hours and egress dollars of a start at `to` with the
  /// checkpoint at `from`.
  public func transfer(from: Place, to: Place) -> Double { window.transfer(from: from, to: to) }
  public func egress(from: Place, to: Place) -> Double { window.egressDollars(from: from, to: to) }
}
