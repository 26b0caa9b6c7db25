/// Synkti's value policy (`synkti-value`; with a forecaster's spot
/// lifetimes, `synkti-forecast`): at every tick, the place with the least
/// expected dollars to finish by the deadline.
///
/// Each zone is an alternating process of spot runs and outages
/// (`ZoneEstimate`), fitted on the zone's history before the window and on
/// what the policy observes in it (free probing: every zone, every tick;
/// modelled probing: where it runs and tries launches — it buys no probes).
/// An outage is expected to last at least as long again as it has (that
/// outage: the ones after it are the fitted ones), and so is a spot run
/// watched without a break that the job rides, or could start on (both are
/// heavy-tailed); a zone last seen without spot and not seen since is back
/// by now with the chance that its outage has ended (so a zone left long
/// ago is tried again, not believed down ever since); what it has seen of
/// a zone fades with time whether or not it sees the zone again. Two kinds
/// of plan are priced:
///
/// - stay: "start in zone z now (or when it is back), run spot whenever z
///   has spot, finish on on-demand when the deadline forces it";
/// - move: "start in zone z (with spot now), and on every loss move to a
///   zone with spot", all zones pooled as one (spot while any has it), each
///   loss paying a restart, a transfer and egress; until z's first loss the
///   job runs in z, so a z dearer than the pool pays the difference.
///
/// A plan costs start·price + egress + price·(R − S)/e + on-demand·(S +
/// d·P[S > 0]), where R is the work left, e the share of a spot run that is
/// not overhead, and S the expected work on-demand: the root of
/// S = R − e·U(T − start − S), U the expected spot hours in that time from
/// the state now, widened by U's spread (a normal's expected positive
/// part). On-demand now costs its price over R plus its start. The policy
/// runs the cheapest plan's place: a zone with spot now, on-demand, or idle
/// when the cheapest plan waits for a zone without spot. So it moves before
/// a loss only when the move is paid back by the better zone's expected
/// spot, stops moving when the state is large, and leaves the deadline to
/// the guard. Its two parameters: `memoryHours` (default 96), the half-life
/// of what it has seen, and `priorHours` (default 24), the weight of a
/// neutral prior (half a run, half an outage) that shrinks the fit when the
/// history is short. With `bridgesOutages`, a wait for a zone without spot
/// is bridged on on-demand when the plan expects to need at least that much
/// on-demand anyway (every zone pooled): the same dollars bought early, and
/// the slack kept against an outage that would outlast it. Where the job
/// checkpoints periodically and a place's grace period is too short to
/// write the checkpoint, each run there is priced with the work its reclaim
/// loses (`unsavedHours`), and with the slack the guard keeps in reserve.
public struct ValuePolicy: DeadlinePolicy {
  /// Half-life of the history's weight, hours (`.infinity`: no forgetting).
  public var memoryHours: Double
  /// Weight of the neutral prior, hours.
  public var priorHours: Double
  /// Where spot lifetimes come from instead of the fit: a fitted
  /// forecaster per zone (`synkti-forecast`).
  public var forecasts: ZoneForecasts?
  /// Whether a wait for a zone's outage is bridged on on-demand when the
  /// on-demand is expected to be needed anyway (default false).
  public var bridgesOutages: Bool
  private var counts: [ZoneHistoryCounts] = []

  /// Creates the policy; with `forecasts`, lifetimes come from them.
  public init(
    memoryHours: Double = 96, priorHours: Double = 24, forecasts: ZoneForecasts? = nil,
    bridgesOutages: Bool = false
  ) {
    self.memoryHours = memoryHours
    self.priorHours = priorHours
    self.forecasts = forecasts
    self.bridgesOutages = bridgesOutages
  }

  public var name: String { forecasts == nil ? "synkti-value" : "synkti-forecast" }
  /// Plans count work at each place's speed, so types are places like
  /// zones; forecasts cover the measured zones only, so `synkti-forecast`
  /// keeps to its own type.
  public var choosesTypes: Bool { forecasts == nil }

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

  /// What the policy believes of zone `z` now. An outage is expected to
  /// last at least as long again as it already has, and so is a spot run
  /// seen at every tick since it began in the job's own zone, or in any
  /// zone at the start (runs and outages are heavy-tailed: the longer one
  /// has lasted, the longer it is likely to).
  public func estimate(_ v: DeadlineView, _ z: Int) -> ZoneEstimate {
    var e = counts[z].decayed(to: v.tick, tickHours: v.tickHours, memoryHours: memoryHours)
      .estimate(priorHours: priorHours)
    if let last = counts[z].last, !last.up {
      // What is left of this outage, not every outage to come.
      e.current = Swift.max(e.outage, Double(v.tick - counts[z].since) * v.tickHours)
      if v.available(z, at: v.tick) {
        // Not seen since it was down (modelled probing): back by now with
        // the chance that the outage, as long again as it was seen to last,
        // has ended, and then with spot as often as the zone has.
        let seen = Swift.max(e.outage, Double(last.tick + 1 - counts[z].since) * v.tickHours)
        let since = Double(v.tick - last.tick) * v.tickHours
        e.upChance = e.availability * -_expm1(-since / seen)
      }
    }
    // A run watched unbroken, likewise — a zone that has kept spot for a
    // day is not believed to lose it within its fit's hour — for a run the
    // job rides or can join without leaving one: its own zone's, or any at
    // the start. (Leaving a zone mid-job for another's long run, seen with
    // free probing, did not pay: `forecast-h100`, closing note of #26.)
    let joinable = v.place == .spot(zone: z) || (v.place == nil && v.done == 0)
    if joinable, let last = counts[z].last, last.up, last.tick + 1 >= v.tick {
      e.lifetime = Swift.max(e.lifetime, Double(last.tick - counts[z].seenSince + 1) * v.tickHours)
    }
    if let forecasts {
      e.lifetime = Swift.max(
        forecasts.expectedLifetime(zone: z, windowTick: v.tick), v.tickHours)
    }
    return e
  }

  /// Expected dollars to finish `remaining` hours of work in `left` hours
  /// on spot that comes and goes as `e` says (starting with spot or not),
  /// billed `price` per hour with a share `share` of it useful, the rest on
  /// on-demand at `onDemand` once the deadline forces it.
  static func planCost(
    remaining: Double, left: Double, _ e: ZoneEstimate, up: Bool, price: Double,
    share: Double, onDemand: Double, restart: Double
  ) -> Double {
    // The expected on-demand work s solves s = R − e·U(left − s); the
    // left side rises and the right falls in s, so bisect. When spot is
    // expected to cover the work, the (negative) margin by which it does
    // is how far the spread must reach before on-demand is needed.
    let margin = remaining - share * e.expectedSpotHours(left, startingUp: up)
    let mean =
      margin > 0
      ? onDemandRoot(remaining: remaining, left: left, e, up: up, share: share) : margin
    let sd = share * e.spotHoursVariance(Swift.max(0, left - mean)).squareRoot()
    let (short, pShort) = positivePart(mean: mean, sd: sd)
    let onDemandWork = Swift.min(remaining, short)
    return price * (remaining - onDemandWork) / share
      + onDemand * (onDemandWork + restart * pShort)
  }

  /// The expected work on-demand (hours) in `planCost`: the root of
  /// s = R − share·U(left − s), 0 when spot is expected to cover the work.
  static func expectedOnDemand(
    remaining: Double, left: Double, _ e: ZoneEstimate, up: Bool, share: Double
  ) -> Double {
    guard remaining - share * e.expectedSpotHours(left, startingUp: up) > 0 else { return 0 }
    return onDemandRoot(remaining: remaining, left: left, e, up: up, share: share)
  }

  /// The root of s = R − share·U(left − s) where spot is expected to fall
  /// short (`planCost` has checked so already).
  private static func onDemandRoot(
    remaining: Double, left: Double, _ e: ZoneEstimate, up: Bool, share: Double
  ) -> Double {
    // The left side rises and the right falls in s, so bisect.
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
    return hi
  }

  /// Expected dollars to finish from a start in zone `z` that takes `start`
  /// hours (billed at its price) and `egress` dollars, staying in `z` (or
  /// waiting for it) with the zone's state now `up`.
  func spotPlanCost(
    _ v: DeadlineView, job: DeadlineJob, zone z: Int, start: Double, egress: Double, up: Bool,
    estimates: [ZoneEstimate]
  ) -> Double {
    let e = estimates[z]
    let price = v.price(z, at: v.tick)
    let restart = v.restart(at: .spot(zone: z), job: job)
    let lost = Self.unsavedHours(v, .spot(zone: z), job: job, lifetime: e.lifetime)
    // Where a reclaim loses work, the guard keeps an interval of slack in
    // reserve: the plan has that much less time for spot.
    let reserve = v.lossyCheckpointInterval(at: .spot(zone: z), job: job) ?? 0
    return start * price + egress
      + Self.planCost(
        remaining: (job.work - v.done) / v.speed(.spot(zone: z)),
        left: job.deadline - v.time - start - reserve,
        e, up: up,
        price: price, share: Swift.max(0.01, 1 - (restart + lost) / e.lifetime),
        onDemand: v.onDemandPrice(v.region(ofZone: z)), restart: restart)
  }

  /// Expected dollars to finish from a start in zone `z` (with spot now)
  /// that moves, on every loss, to another zone with spot: all zones as
  /// one, with spot while any has (independently), outages ending at the
  /// first recovery, the price and runs of each weighed by its
  /// availability, and each loss paying a restart, a transfer and egress.
  func moverPlanCost(
    _ v: DeadlineView, job: DeadlineJob, zone z: Int, start: Double, egress: Double,
    estimates: [ZoneEstimate]
  ) -> Double {
    var weight = 0.0
    var price = 0.0
    var runs = 0.0
    var transfer = 0.0
    var dollars = 0.0
    var speed = 0.0
    var lost = 0.0
    var reserve = 0.0
    let from = Place.spot(zone: z)
    for (y, e) in estimates.enumerated() {
      weight += e.availability
      lost +=
        e.availability * Self.unsavedHours(v, .spot(zone: y), job: job, lifetime: e.lifetime)
      reserve += e.availability * (v.lossyCheckpointInterval(at: .spot(zone: y), job: job) ?? 0)
      price += e.availability * v.price(y, at: v.tick)
      speed += e.availability * v.speed(.spot(zone: y))
      runs += e.availability * e.lifetime
      let to = Place.spot(zone: y)
      transfer += e.availability * v.transfer(from: from, to: to)
      dollars += e.availability * v.egress(from: from, to: to)
    }
    guard weight > 0, let pooled = Self.pooled(estimates) else { return .infinity }
    price /= weight
    speed /= weight
    runs /= weight
    transfer /= weight
    dollars /= weight
    lost /= weight
    reserve /= weight
    // Each run ends in a move: its restart and transfer are unpaid work
    // (and, where a reclaim loses it, the work since the last checkpoint),
    // its egress a charge per run.
    let restart = v.restart(at: .spot(zone: z), job: job)
    let overhead = restart + transfer + lost
    let share = Swift.max(0.01, 1 - overhead / runs)
    let nowPrice = v.price(z, at: v.tick)
    // Hours of the work left at the pool's mean speed.
    let remaining = (job.work - v.done) / speed
    // The job stays in z until z's first loss, for L·(1 − e^(−R/L)) hours
    // in expectation (R the work left at z's speed): billed at z's price,
    // not the pool's. A start zone dearer than the pool pays the
    // difference; a cheaper one is not credited it, since its first run
    // may end at once and a credit draws the job back into cheap zones
    // that keep failing, each return a restart out of the slack.
    let here = (job.work - v.done) / v.speed(from)
    let lifetime = estimates[z].lifetime
    let firstHours = lifetime * -_expm1(-here / lifetime)
    let premium = Swift.max(
      0, nowPrice * firstHours - price * (firstHours * v.speed(from) / speed) / share)
    // That first run, if it ends in a loss, loses z's unsaved work rather
    // than the pool's mean: redone at the pool's price.
    let firstLoss =
      (Self.unsavedHours(v, from, job: job, lifetime: lifetime) - lost) * price / share
      * -_expm1(-here / lifetime)
    return start * nowPrice + egress + premium + firstLoss + dollars * remaining / runs
      + Self.planCost(
        remaining: remaining, left: job.deadline - v.time - start - reserve, pooled, up: true,
        price: price, share: share, onDemand: v.onDemandPrice(v.region(ofZone: z)),
        restart: restart)
  }

  /// Expected hours of running a reclaim at `place` loses, for runs of
  /// mean `lifetime` (exponential): the run since its last checkpoint,
  /// E[L mod I] = μ − I·e^(−I/μ) ÷ (1 − e^(−I/μ)) for checkpoints every I
  /// hours (about I/2 for long runs, the whole run for short ones); 0
  /// where the grace period writes the checkpoint.
  static func unsavedHours(
    _ v: DeadlineView, _ place: Place, job: DeadlineJob, lifetime: Double
  ) -> Double {
    guard let interval = v.lossyCheckpointInterval(at: place, job: job),
      lifetime.isFinite, lifetime > 0
    else { return 0 }
    let q = _exp(-interval / lifetime)
    return Swift.max(0, lifetime - interval * q / (1 - q))
  }

  /// Every zone as one process (independently): spot while any zone has
  /// it, an outage ending at the first recovery; nil when no zone is
  /// believed ever to have spot. The move plan runs on it, and the bridge
  /// asks it how much on-demand the job will need.
  static func pooled(_ estimates: [ZoneEstimate]) -> ZoneEstimate? {
    var allDown = 1.0
    var recoveryRate = 0.0
    for e in estimates {
      allDown *= 1 - e.availability
      recoveryRate += 1 / e.outage
    }
    guard allDown < 1 else { return nil }
    let outage = 1 / recoveryRate
    return ZoneEstimate(lifetime: outage * (1 - allDown) / allDown, outage: outage)
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
    v.place == place ? v.overheadLeft : v.restart(at: place, job: job) + v.transfer(to: place)
  }

  public mutating func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    learn(v)
    let remaining = job.work - v.done
    let homeRegion = v.home.map(v.region(of:)) ?? v.region(ofZone: 0)
    let onDemand = Place.onDemand(
      region: v.place.flatMap { $0.isOnDemand ? v.region(of: $0) : nil } ?? homeRegion)
    var best: Place? = onDemand
    var bestCost =
      v.onDemandPrice(v.region(of: onDemand))
      * (remaining / v.speed(onDemand) + startHours(v, onDemand, job: job))
      + (v.place == onDemand ? 0 : v.egress(to: onDemand))
    let estimates = (0..<v.zones).map { estimate(v, $0) }
    var waited: Int?
    for z in 0..<v.zones {
      let place = Place.spot(zone: z)
      let up = v.available(z, at: v.tick)
      let cost = spotPlanCost(
        v, job: job, zone: z, start: startHours(v, place, job: job),
        egress: v.place == place ? 0 : v.egress(to: place), up: up, estimates: estimates)
      if cost < bestCost {
        bestCost = cost
        best = up ? place : nil  // without spot now: wait for it
        waited = up ? nil : z
      }
      guard up, v.zones > 1 else { continue }
      let moving = moverPlanCost(
        v, job: job, zone: z, start: startHours(v, place, job: job),
        egress: v.place == place ? 0 : v.egress(to: place), estimates: estimates)
      if moving < bestCost {
        bestCost = moving
        best = place
      }
    }
    if bridgesOutages, best == nil, let z = waited,
      bridges(v, job: job, zone: z, onDemand: onDemand, estimates: estimates)
    {
      return onDemand
    }
    return best
  }

  /// Whether to bridge zone `z`'s expected outage on `onDemand` rather than
  /// wait idle: when the plan, every zone pooled (spot while any has it),
  /// expects at least that much work on-demand before the deadline anyway.
  func bridges(
    _ v: DeadlineView, job: DeadlineJob, zone z: Int, onDemand: Place,
    estimates: [ZoneEstimate]
  ) -> Bool {
    // No zone believed ever to have spot: all the work is on-demand. One
    // always with spot: none is.
    guard let pooled = Self.pooled(estimates) else { return true }
    guard pooled.lifetime.isFinite else { return false }
    let place = Place.spot(zone: z)
    let restart = v.restart(at: place, job: job)
    let work = job.work - v.done
    let needed = Self.expectedOnDemand(
      remaining: work / v.speed(place),
      left: job.deadline - v.time - startHours(v, place, job: job), pooled, up: false,
      share: Swift.max(
        0.01,
        1 - (restart + Self.unsavedHours(v, place, job: job, lifetime: pooled.lifetime))
          / pooled.lifetime))
    let bridge = Swift.min(
      estimates[z].current ?? estimates[z].outage, work / v.speed(onDemand))
    return needed * v.speed(place) >= bridge * v.speed(onDemand)
  }
}
