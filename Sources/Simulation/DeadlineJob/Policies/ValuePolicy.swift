/// Synkti's value policy (`synkti-value`; with a forecaster's spot
/// lifetimes, `synkti-forecast`): at every tick, the place with the least
/// expected dollars to finish by the deadline.
///
/// Each zone is an alternating process of spot runs and outages
/// (`ZoneEstimate`), fitted on the zone's history before the window and on
/// what the policy observes in it (free probing: every zone, every tick;
/// modelled probing: where it runs and tries launches — it buys no probes).
/// The expected cost of a plan "start in zone z now (or when it is back),
/// run spot whenever it has spot, finish on on-demand when the deadline
/// forces it" is
///
///     start·price + egress + price·(R − S)/e + on-demand·(S + d·P[S > 0])
///
/// where R is the work left, e = 1 − d/lifetime the share of a spot run
/// that is not restart overhead, and S the expected work on-demand: the
/// root of S = R − e·U(T − start − S), U the expected spot hours in that
/// time from the zone's state now, widened by the spread of U (the normal
/// approximation's expected positive part). The start includes the restart
/// overhead and the checkpoint's transfer; egress is paid when the region
/// changes. On-demand now costs its price over R plus its own start. The
/// policy runs the cheapest plan: a zone with spot now, on-demand, or idle
/// when the cheapest plan is to wait for a zone without spot now. So it
/// moves before a loss only when the move's overhead, transfer and egress
/// are paid back by the better zone's expected spot, stops moving when the
/// state is large, and leaves the deadline to the guard. Its two
/// parameters: `memoryHours`, the half-life of what it has seen (a zone
/// that starts failing is believed to have changed; default 96), and
/// `priorHours` (default 24), the
/// weight of a neutral prior (half a run, half an outage) that shrinks the
/// fit when the history is short.
public struct ValuePolicy: DeadlinePolicy {
  /// Half-life of the history's weight, hours (`.infinity`: no forgetting).
  public var memoryHours: Double
  /// Weight of the neutral prior, hours.
  public var priorHours: Double
  /// Where spot lifetimes come from instead of the fit: a fitted
  /// forecaster per zone (`synkti-forecast`).
  public var forecasts: ZoneForecasts?
  private var counts: [ZoneHistoryCounts] = []

  /// Creates the policy; with `forecasts`, lifetimes come from them.
  public init(memoryHours: Double = 96, priorHours: Double = 24, forecasts: ZoneForecasts? = nil) {
    self.memoryHours = memoryHours
    self.priorHours = priorHours
    self.forecasts = forecasts
  }

  public var name: String { forecasts == nil ? "synkti-value" : "synkti-forecast" }

  /// Folds the window's prior (on the first call) and the news into the
  /// counts.
  private mutating func learn(_ v: DeadlineView) {
    if counts.isEmpty {
      counts = (0..<v.zones).map { z in
        var c = ZoneHistoryCounts()
        let prior = v.prior(z)
        for (i, up) in prior.enumerated() {
          c.add(tick: i - prior.count, up: up, tickHours: v.tickHours, memoryHours: memoryHours)
        }
        return c
      }
    }
    for o in v.news {
      counts[o.zone].add(tick: o.tick, up: o.up, tickHours: v.tickHours, memoryHours: memoryHours)
    }
  }

  /// What the policy believes of zone `z` now.
  public func estimate(_ v: DeadlineView, _ z: Int) -> ZoneEstimate {
    var e = counts[z].estimate(priorHours: priorHours)
    if let forecasts {
      e.lifetime = Swift.max(
        forecasts.expectedLifetime(zone: z, windowTick: v.tick), v.tickHours)
    }
    return e
  }

  /// What a plan's shortfall costs: per hour of work, and once, to move
  /// there. The cheaper of on-demand in `z`'s region and another zone's
  /// spot, that zone counted at on-demand for the share of time it is
  /// without spot.
  func fallback(_ v: DeadlineView, job: DeadlineJob, from z: Int, estimates: [ZoneEstimate])
    -> (rate: Double, move: Double)
  {
    var best = (rate: v.onDemandPrice(v.region(ofZone: z)), move: 0.0)
    let from = Place.spot(zone: z)
    for y in 0..<v.zones where y != z {
      let e = estimates[y]
      let share = Swift.max(0.01, 1 - job.restartOverhead / e.lifetime)
      let price = v.price(y, at: v.tick)
      let rate =
        e.availability * price / share
        + (1 - e.availability) * v.onDemandPrice(v.region(ofZone: y))
      let to = Place.spot(zone: y)
      let move =
        (job.restartOverhead + v.transfer(from: from, to: to)) * price
        + v.egress(from: from, to: to)
      if rate + move / Swift.max(1, job.work - v.done) < best.rate + best.move
        / Swift.max(1, job.work - v.done)
      {
        best = (rate, move)
      }
    }
    return best
  }

  /// Expected dollars to finish from a start in zone `z` that takes `start`
  /// hours (billed at its price) and `egress` dollars, with the zone's
  /// state now `up`.
  func spotPlanCost(
    _ v: DeadlineView, job: DeadlineJob, zone z: Int, start: Double, egress: Double, up: Bool,
    estimates: [ZoneEstimate]
  ) -> Double {
    let remaining = job.work - v.done
    let left = job.deadline - v.time - start
    let e = estimates[z]
    let price = v.price(z, at: v.tick)
    let (onDemand, move) = fallback(v, job: job, from: z, estimates: estimates)
    let share = Swift.max(0.01, 1 - job.restartOverhead / e.lifetime)
    // The expected on-demand work s solves s = R − e·U(left − s); the
    // left side rises and the right falls in s, so bisect. When spot is
    // expected to cover the work, the (negative) margin by which it does
    // is how far the spread must reach before on-demand is needed.
    let margin = remaining - share * e.expectedSpotHours(left, startingUp: up)
    var mean = margin
    if margin > 0 {
      var lo = 0.0
      var hi = remaining
      for _ in 0..<30 {
        let s = (lo + hi) / 2
        if remaining - share * e.expectedSpotHours(left - s, startingUp: up) > s {
          lo = s
        } else {
          hi = s
        }
      }
      mean = hi
    }
    let sd = share * e.spotHoursVariance(Swift.max(0, left - mean)).squareRoot()
    let (short, pShort) = Self.positivePart(mean: mean, sd: sd)
    let onDemandWork = Swift.min(remaining, short)
    return start * price + egress + price * (remaining - onDemandWork) / share
      + onDemand * (onDemandWork + job.restartOverhead * pShort) + move * pShort
  }

  /// E[max(0, X)] and P[X > 0] for X ~ N(mean, sd²).
  static func positivePart(mean: Double, sd: Double) -> (Double, Double) {
    guard sd > 1e-9 else { return (Swift.max(0, mean), mean > 1e-9 ? 1 : 0) }
    let z = mean / sd
    let cdf = 0.5 * _erfc(-z / 2.0.squareRoot())
    let pdf = _exp(-z * z / 2) / (2 * Double.pi).squareRoot()
    return (mean * cdf + sd * pdf, mean > 1e-9 ? cdf : 0)
  }

  /// Hours before progress at `place` resumes: what is left of the current
  /// start there, else a restart plus the checkpoint's transfer.
  func startHours(_ v: DeadlineView, _ place: Place, job: DeadlineJob) -> Double {
    v.place == place ? v.overheadLeft : job.restartOverhead + v.transfer(to: place)
  }

  public mutating func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    learn(v)
    let remaining = job.work - v.done
    let homeRegion = v.home.map(v.region(of:)) ?? v.region(ofZone: 0)
    let onDemand = Place.onDemand(
      region: v.place.flatMap { $0.isOnDemand ? v.region(of: $0) : nil } ?? homeRegion)
    var best: Place? = onDemand
    var bestCost =
      v.onDemandPrice(v.region(of: onDemand)) * (remaining + startHours(v, onDemand, job: job))
      + (v.place == onDemand ? 0 : v.egress(to: onDemand))
    let estimates = (0..<v.zones).map { estimate(v, $0) }
    for z in 0..<v.zones {
      let place = Place.spot(zone: z)
      let up = v.available(z, at: v.tick)
      let cost = spotPlanCost(
        v, job: job, zone: z, start: startHours(v, place, job: job),
        egress: v.place == place ? 0 : v.egress(to: place), up: up, estimates: estimates)
      if cost < bestCost {
        bestCost = cost
        best = up ? place : nil  // without spot now: wait for it
      }
    }
    return best
  }
}
