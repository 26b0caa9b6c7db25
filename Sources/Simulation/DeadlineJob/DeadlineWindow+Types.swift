/// Another accelerator type a deadline job may run on: one spot zone and
/// its on-demand, in a location of their own, at the type's speed relative
/// to the window's own type.
public struct AcceleratorPlaces: Sendable, Equatable {
  /// Spot availability per tick of the window.
  public var available: [Bool]
  /// Spot price per tick ($ per instance-hour).
  public var price: [Double]
  /// Availability before the window (for policies that fit on history).
  public var prior: [Bool]
  /// On-demand price ($ per instance-hour).
  public var onDemandPrice: Double
  /// Work per hour relative to the window's own type (1: as fast).
  public var speed: Double
  /// Hours a start on this type takes beyond (or, negative, short of) a
  /// start on the window's own type: the difference of their boot times
  /// (the restore of the checkpoint is the job's, the same on any type).
  public var restartExtra: Double
  /// The type's grace period, hours (infinite: any checkpoint is written in it).
  public var graceHours: Double

  /// Creates a type's places.
  public init(
    available: [Bool], price: [Double], prior: [Bool], onDemandPrice: Double, speed: Double,
    restartExtra: Double = 0, graceHours: Double = .infinity
  ) {
    self.graceHours = graceHours
    self.available = available
    self.price = price
    self.prior = prior
    self.onDemandPrice = onDemandPrice
    self.speed = speed
    self.restartExtra = restartExtra
  }

  /// Spot availability of a type known only by its reclaim hazard λ per
  /// hour (a catalog type without a measured trace): each tick of `tick`
  /// hours is lost to a reclaim with probability 1 − e^(−λ·tick), and spot
  /// is back the next tick (a reclaimed job relaunches, as in the fleet's
  /// Poisson market). Ticks are drawn by their absolute index from `stream`,
  /// so every window of one type and stream cuts the same series: cells
  /// that differ in anything else see the same path.
  public static func reclaims(
    hazardPerHour: Double, tick: Double, from first: Int, count: Int, stream: UInt64
  ) -> [Bool] {
    let lost = 1 - _exp(-hazardPerHour * tick)
    return (0..<Swift.max(0, count)).map { i in
      let t = UInt64(bitPattern: Int64(first + i))
      let u = Double(SplitMix64.mix(stream ^ SplitMix64.mix(t)) >> 11) * 0x1p-53
      return u >= lost
    }
  }
}

extension DeadlineWindow {
  /// The window with `other`'s spot zone and on-demand added, in a new
  /// location on continent `continent`: a move between it and any other
  /// location transfers the checkpoint at the cross-region (or, off its
  /// continent, the cross-continent) path and pays `egress` dollars.
  public func adding(_ other: AcceleratorPlaces, continent: Int, egress: Double) -> DeadlineWindow {
    precondition(other.available.count == ticks && other.price.count == ticks)
    let newLocation = (location.max() ?? -1) + 1
    var egressTable = self.egress
    for a in egressTable.indices { egressTable[a].append(egress) }
    egressTable.append(Array(repeating: egress, count: regions) + [0])
    let zoneSpeeds = Array(speed[0..<zones]) + [other.speed]
    let regionSpeeds = Array(speed[zones...]) + [other.speed]
    let zoneExtras = Array(restartExtra[0..<zones]) + [other.restartExtra]
    let regionExtras = Array(restartExtra[zones...]) + [other.restartExtra]
    let type = (types.max() ?? 0) + 1
    var grace = graceHours
    if !grace.isEmpty || other.graceHours.isFinite {
      grace += Array(repeating: .infinity, count: Swift.max(0, type - grace.count))
      grace.append(other.graceHours)
    }
    var result = DeadlineWindow(
      tick: tick, available: available + [other.available], price: price + [other.price],
      zoneRegion: zoneRegion + [regions], onDemandPrice: onDemandPrice + [other.onDemandPrice],
      regionContinent: regionContinent + [continent], transferHours: transferHours,
      egress: egressTable, prior: prior.isEmpty ? [] : prior + [other.prior],
      speed: zoneSpeeds + regionSpeeds, location: location + [newLocation],
      types: Array(types[0..<zones]) + [type] + Array(types[zones...]) + [type],
      restartExtra: zoneExtras + regionExtras)
    result.graceHours = grace
    return result
  }

  /// Whether a reclaim of spot at place `p` (dense order) loses the work
  /// since `job`'s last periodic checkpoint: it checkpoints periodically
  /// and the place's type gives too short a warning to write it.
  public func losesWork(at p: Int, job: DeadlineJob) -> Bool {
    guard job.checkpointInterval > 0, p < zones else { return false }
    let type = types[p]
    let grace = type < graceHours.count ? graceHours[type] : .infinity
    return job.checkpointWriteHours > grace
  }

  /// Ticks of running between `job`'s periodic checkpoints: its interval
  /// in whole ticks, at least one, and at least the write (so the one
  /// before the last is always written).
  public func checkpointTicks(job: DeadlineJob) -> Int {
    Swift.max(
      1, Int((job.checkpointInterval / tick).rounded()),
      Int((job.checkpointWriteHours / tick - 1e-9).rounded(.up)))
  }

  /// Hours from a start at `place` (dense order) until work resumes,
  /// before any transfer: the job's restart overhead on its own type,
  /// adjusted by the place's type (never below 0).
  public func restart(at place: Int, job: DeadlineJob) -> Double {
    Swift.max(0, job.restartOverhead + restartExtra[place])
  }

  /// Whether every place starts as the window's own type does.
  public var uniformRestart: Bool { restartExtra.allSatisfy { $0 == 0 } }

  /// The least `restart(at:job:)` of any place: what every start costs at
  /// least, for the optimum's floors.
  public func leastRestart(job: DeadlineJob) -> Double {
    Swift.max(0, job.restartOverhead + (restartExtra.min() ?? 0))
  }
}
