/// What a policy believes of one zone's spot capacity: an alternating
/// renewal process of spot runs (mean `lifetime` hours) and outages (mean
/// `outage` hours), each exponential, fitted on the zone's history.
///
/// `expectedSpotHours` and `spotHoursVariance` are the mean and (asymptotic)
/// variance of the hours with spot in the next `hours`, from a start with or
/// without spot: for rates λ = 1/lifetime and μ = 1/outage, a = μ/(λ+μ),
/// E[up] = a·T + (1−a or −a)·(1 − e^{−(λ+μ)T})/(λ+μ); the variance is the
/// stationary process's. What is left of the state the zone is in now may
/// have a mean of its own (`current`: an outage that has lasted long is
/// likely to last longer), and the state now may be unknown (`upChance`:
/// a zone last seen without spot, not seen since).
public struct ZoneEstimate: Sendable, Equatable {
  /// Mean spot run, hours.
  public var lifetime: Double
  /// Mean outage, hours.
  public var outage: Double
  /// Mean of what is left of the state the zone is in now (its spot run
  /// with spot, its outage without), hours; nil: that state's fitted mean.
  /// The states after it are the fitted ones.
  public var current: Double?
  /// The chance the zone has spot now, when that is not known: the hours
  /// with spot are then the mixture of a start with spot (a fitted run)
  /// and one without (an outage of mean `current`); nil: known.
  public var upChance: Double?

  /// Creates an estimate.
  public init(lifetime: Double, outage: Double, current: Double? = nil, upChance: Double? = nil) {
    precondition(lifetime > 0 && outage > 0 && (current ?? 1) > 0)
    precondition((0...1).contains(upChance ?? 0))
    self.lifetime = lifetime
    self.outage = outage
    self.current = current
    self.upChance = upChance
  }

  /// Long-run fraction of time with spot.
  public var availability: Double { lifetime / (lifetime + outage) }

  /// The fitted process alone: the state now known, and what is left of
  /// it of the fitted mean.
  var fitted: ZoneEstimate { ZoneEstimate(lifetime: lifetime, outage: outage) }

  /// Expected hours with spot in the next `hours`, starting `up` or not
  /// (with `upChance`, whichever the chance says).
  public func expectedSpotHours(_ hours: Double, startingUp up: Bool) -> Double {
    guard hours > 0 else { return 0 }
    if let p = upChance {
      let down = ZoneEstimate(lifetime: lifetime, outage: outage, current: current)
      return p * fitted.expectedSpotHours(hours, startingUp: true)
        + (1 - p) * down.expectedSpotHours(hours, startingUp: false)
    }
    let rate = 1 / lifetime + 1 / outage
    let a = availability
    guard let current else {
      let transient = -_expm1(-rate * hours) / rate
      return Swift.max(0, Swift.min(hours, a * hours + (up ? 1 - a : -a) * transient))
    }
    // The state now ends at rate r; the fitted process then starts in the
    // other state. E[min(first, T)] (if it is a run), plus that process's
    // expectation from each end s, weighed by r·e^{−rs}.
    let r = 1 / current
    let first = -_expm1(-r * hours) / r
    let lag = Self.lagged(r, rate, hours)
    let spot =
      up
      ? first + a * (hours - first) - a / rate * lag
      : a * (hours - first) + (1 - a) / rate * lag
    return Swift.max(0, Swift.min(hours, spot))
  }

  /// ∫₀ᵀ r·e^{−rs}·(1 − e^{−κ(T−s)}) ds = (1 − e^{−rT}) − r·(e^{−rT} −
  /// e^{−κT}) ÷ (κ − r); as r → κ, (1 − e^{−κT}) − κT·e^{−κT}.
  static func lagged(_ r: Double, _ kappa: Double, _ hours: Double) -> Double {
    let er = _exp(-r * hours)
    let ek = _exp(-kappa * hours)
    guard abs(kappa - r) > 1e-6 * kappa else { return (1 - ek) - kappa * hours * ek }
    return (1 - er) - r * (er - ek) / (kappa - r)
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

  /// The estimate at its most favourable within the evidence: runs one
  /// standard error longer and outages one shorter than their means (the
  /// mean of n exponential durations has a relative standard error of
  /// 1/√n; the prior counts as one of each).
  func favourableEstimate(priorHours: Double) -> ZoneEstimate {
    var e = estimate(priorHours: priorHours)
    e.lifetime *= 1 + 1 / (losses + 1).squareRoot()
    e.outage /= 1 + 1 / (recoveries + 1).squareRoot()
    return e
  }
}
