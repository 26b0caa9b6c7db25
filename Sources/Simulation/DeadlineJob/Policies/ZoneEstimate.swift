/// What a policy believes of one zone's spot capacity: an alternating
/// renewal process of spot runs (mean `lifetime` hours) and outages (mean
/// `outage` hours), each exponential, fitted on the zone's history.
///
/// `expectedSpotHours` and `spotHoursVariance` are the mean and (asymptotic)
/// variance of the hours with spot in the next `hours`, from a start with or
/// without spot: for rates λ = 1/lifetime and μ = 1/outage, a = μ/(λ+μ),
/// E[up] = a·T + (1−a or −a)·(1 − e^{−(λ+μ)T})/(λ+μ); the variance is the
/// stationary process's.
public struct ZoneEstimate: Sendable, Equatable {
  /// Mean spot run, hours.
  public var lifetime: Double
  /// Mean outage, hours.
  public var outage: Double

  /// Creates an estimate.
  public init(lifetime: Double, outage: Double) {
    precondition(lifetime > 0 && outage > 0)
    self.lifetime = lifetime
    self.outage = outage
  }

  /// Long-run fraction of time with spot.
  public var availability: Double { lifetime / (lifetime + outage) }

  /// Expected hours with spot in the next `hours`, starting `up` or not.
  public func expectedSpotHours(_ hours: Double, startingUp up: Bool) -> Double {
    guard hours > 0 else { return 0 }
    let rate = 1 / lifetime + 1 / outage
    let a = availability
    let transient = -_expm1(-rate * hours) / rate
    return Swift.max(0, Swift.min(hours, a * hours + (up ? 1 - a : -a) * transient))
  }

  /// Variance of the hours with spot in the next `hours`, from the
  /// stationary process (whose covariance is a(1−a)·e^{−κ|t−s|}, κ = λ+μ):
  /// 2a(1−a)·(T/κ − (1 − e^{−κT})/κ²).
  public func spotHoursVariance(_ hours: Double) -> Double {
    guard hours > 0 else { return 0 }
    let rate = 1 / lifetime + 1 / outage
    let a = availability
    return Swift.max(0, 2 * a * (1 - a) * (hours / rate + _expm1(-rate * hours) / (rate * rate)))
  }
}

/// Counts of a zone's history that `ZoneEstimate` is fitted from: hours
/// with and without spot, and the losses and recoveries seen, each weighed
/// down by half every `memoryHours` since (so a zone that changes is
/// believed to have changed), with a prior of `priorHours` split evenly
/// between one run and one outage.
struct ZoneHistoryCounts: Sendable {
  var upHours = 0.0
  var downHours = 0.0
  var losses = 0.0
  var recoveries = 0.0
  /// The last observation counted, to tell consecutive ticks.
  var last: (tick: Int, up: Bool)?
  /// The first tick of the state last observed.
  var since = 0
  /// The first tick of the unbroken run of observations (one every tick)
  /// that ends with the last one: how long the state is known to have
  /// lasted.
  var seenSince = 0

  /// Counts one observation at `tick` (ticks of `tickHours`): a tick next
  /// to the last one adds its hours and any change of state; after a gap,
  /// only a change of state is counted, once. What was counted before is
  /// first weighed down for the time since.
  mutating func add(tick: Int, up: Bool, tickHours: Double, memoryHours: Double) {
    if let last, tick <= last.tick { return }
    self = decayed(to: tick, tickHours: tickHours, memoryHours: memoryHours)
    if let last, last.up != up {
      if up { recoveries += 1 } else { losses += 1 }
      since = tick
    } else if last == nil {
      since = tick
    }
    if last == nil || tick == last!.tick + 1 {
      if up { upHours += tickHours } else { downHours += tickHours }
    }
    if last == nil || tick != last!.tick + 1 || last!.up != up { seenSince = tick }
    last = (tick, up)
  }

  /// The counts as of `tick`, weighed down for the time since the last
  /// observation (`add` does so before it counts one; the estimate before
  /// it is read): forgetting runs with the clock, so a zone not seen for
  /// days is believed less surely to be what it was.
  func decayed(to tick: Int, tickHours: Double, memoryHours: Double) -> ZoneHistoryCounts {
    guard let last, tick > last.tick, memoryHours.isFinite else { return self }
    let keep = _exp(-Double(tick - last.tick) * tickHours / memoryHours * 0.6931471805599453)
    var c = self
    c.upHours *= keep
    c.downHours *= keep
    c.losses *= keep
    c.recoveries *= keep
    return c
  }

  /// The estimate, shrunk toward a prior of `priorHours` (half a run, half
  /// an outage).
  func estimate(priorHours: Double) -> ZoneEstimate {
    let half = priorHours / 2
    return ZoneEstimate(
      lifetime: (upHours + half) / (losses + 1), outage: (downHours + half) / (recoveries + 1))
  }
}
