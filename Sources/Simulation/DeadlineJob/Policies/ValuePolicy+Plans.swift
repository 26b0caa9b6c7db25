/// The plans `ValuePolicy` prices: expected dollars to finish from a
/// start in a zone, staying there or moving on every loss, and the closed
/// forms they rest on.
extension ValuePolicy {
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
  /// availability, and each loss paying a restart, a transfer and egress:
  /// the first loss's from z, each later one's the pool's mean move (the
  /// job is then wherever the last loss took it).
  /// `move` is the pool's mean move (`meanMove`) of the same estimates,
  /// the same for every z.
  func moverPlanCost(
    _ v: DeadlineView, job: DeadlineJob, zone z: Int, start: Double, egress: Double,
    estimates: [ZoneEstimate], move: (transfer: Double, dollars: Double)
  ) -> Double {
    var weight = 0.0
    var price = 0.0
    var runs = 0.0
    var firstTransfer = 0.0
    var firstDollars = 0.0
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
      firstTransfer += e.availability * v.transfer(from: from, to: to)
      firstDollars += e.availability * v.egress(from: from, to: to)
    }
    guard weight > 0, let pooled = Self.pooled(estimates) else { return .infinity }
    price /= weight
    speed /= weight
    runs /= weight
    firstTransfer /= weight
    firstDollars /= weight
    lost /= weight
    reserve /= weight
    // Only the first loss leaves z; each later one leaves the zone the
    // last loss took the job to, drawn like the next: the pool's mean move.
    let (transfer, dollars) = move
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
    // The first loss's move, from z, against the pool's mean move.
    let firstMove =
      ((firstDollars - dollars) + (firstTransfer - transfer) * price / share)
      * -_expm1(-here / lifetime)
    return start * nowPrice + egress + premium + firstLoss + firstMove
      + dollars * remaining / runs
      + Self.planCost(
        remaining: remaining, left: job.deadline - v.time - start - reserve, pooled, up: true,
        price: price, share: share, onDemand: v.onDemandPrice(v.region(ofZone: z)),
        restart: restart)
  }

  /// The pool's mean move, transfer hours and egress dollars: from a zone
  /// drawn by availability to another drawn likewise, Σ_x Σ_y a_x·a_y·c(x,
  /// y) ÷ (Σ a)² (`moverPlanCost`'s moves after the first).
  static func meanMove(_ v: DeadlineView, _ estimates: [ZoneEstimate]) -> (
    transfer: Double, dollars: Double
  ) {
    var weight = 0.0
    var transfer = 0.0
    var dollars = 0.0
    for (x, ex) in estimates.enumerated() {
      weight += ex.availability
      for (y, ey) in estimates.enumerated() {
        let w = ex.availability * ey.availability
        transfer += w * v.transfer(from: .spot(zone: x), to: .spot(zone: y))
        dollars += w * v.egress(from: .spot(zone: x), to: .spot(zone: y))
      }
    }
    return (transfer / (weight * weight), dollars / (weight * weight))
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
}
