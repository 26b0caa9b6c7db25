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
///   loss paying a restart, a transfer and egress (the first loss's move
///   from z, each later one the pool's mean move); until z's first loss the
///   job runs in z, so a z dearer than the pool pays the difference.
///
/// A plan costs start·price + egress + price·(R − S)/e + on-demand·(S +
/// d·P[S > 0]), where R is the work left, e the share of a spot run that is
/// not overhead, and S the expected work on-demand: the root of
/// S = R − e·U(T − start − S), U the expected spot hours in that time from
/// the state now, widened by U's spread (a normal's expected positive
/// part). On-demand now costs its price over R plus its start. The policy
/// runs the cheapest plan's place: a zone with spot now, on-demand, or idle
/// when the cheapest plan waits for a zone without spot, or when waiting a
/// tick for the zone that holds its checkpoint is expected to cost less
/// than acting now (`waitsForHome`). So it moves before
/// a loss only when the move is paid back by the better zone's expected
/// spot, stops moving when the state is large, and leaves the deadline to
/// the guard, but for one thing: a wait for a zone without spot is bridged
/// on on-demand when a tick on on-demand is expected to cost less than a
/// tick idle in the exact program for that zone's two-state process
/// (`bridgesBySlack`, `SlackProgram`), since a wait spends slack, a bridge
/// does not, and a job without slack is kept on on-demand to the end. Its two
/// parameters: `memoryHours` (default 96), the half-life
/// of what it has seen, and `priorHours` (default 24), the weight of a
/// neutral prior (half a run, half an outage) that shrinks the fit when the
/// history is short. With `bridgesOutages`, a wait for a zone without spot
/// is bridged on on-demand (where the checkpoint is; before there is one,
/// in that zone's region) when the plan expects to need at least that much
/// on-demand anyway (every zone pooled, each at its most favourable fit
/// within the evidence): the same dollars bought early, and the slack kept
/// against an outage that would outlast it. Where the job checkpoints
/// periodically and a place's grace period is too short to write the
/// checkpoint, each run there is priced with the work its reclaim loses
/// (`unsavedHours`), and with the slack the guard keeps in reserve. With
/// modelled probing, an idle job with a checkpoint first tries
/// launches in zones it cannot see, where a run found that way, of a
/// length it is unsure of, would pay back its move (and, should it end
/// first, the way back), and rides a run it finds until it ends
/// (`launchTry`).
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
  /// The slack program solved at the start of the wait it is weighing
  /// (its zone and the last tick it was used): a wait's later ticks have
  /// no more work and slack than its first.
  var slackSolution: (zone: Int, tick: Int, solution: SlackProgram.Solution)?
  /// What the policy has seen of each zone (prior and window).
  var counts: [ZoneHistoryCounts] = []
  /// The runs its launch tries found (`ValuePolicy+Exploration`).
  var foundRuns = FoundRuns()

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
    // job rides or can join without leaving one: its own zone's, or any
    // zone's while the job is idle (at the start, or after a loss: it
    // starts somewhere anyway). (Leaving a zone mid-job for another's long
    // run, seen with free probing, did not pay: `forecast-h100`, closing
    // note of #26.)
    let joinable = v.place == .spot(zone: z) || v.place == nil
    if joinable, let last = counts[z].last, last.up, last.tick + 1 >= v.tick {
      e.lifetime = Swift.max(e.lifetime, Double(last.tick - counts[z].seenSince + 1) * v.tickHours)
    }
    if let forecasts {
      e.lifetime = Swift.max(
        forecasts.expectedLifetime(zone: z, windowTick: v.tick), v.tickHours)
    }
    return e
  }

  public mutating func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    let place = choose(v, job: job)
    foundRuns.decided = place
    return place
  }

  /// The decision (`decide`), before it is noted.
  private mutating func choose(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    learn(v)
    foundRuns.observe(v)
    // A found run was tried because it pays back before it ends: ride it.
    if let c = foundRuns.current, v.place == .spot(zone: c.zone) { return v.place }
    let estimates = (0..<v.zones).map { estimate(v, $0) }
    let plan = cheapestPlan(v, job: job, estimates: estimates)
    if let z = launchTry(v, job: job, estimates: estimates, best: plan.cost) {
      foundRuns.tried = (z, v.tick)
      return .spot(zone: z)
    }
    if plan.place != nil,
      waitsForHome(
        v, job: job, estimates: estimates, acting: plan.cost, onDemand: plan.onDemand,
        move: plan.move)
    {
      return nil
    }
    // Before the job has a checkpoint, a bridge runs in the waited zone's
    // region: the checkpoint is then where the job resumes, not anchored
    // in another by the bridge. After, it stays where the checkpoint is.
    if plan.place == nil, let z = plan.waited {
      let bridge = v.home == nil ? Place.onDemand(region: v.region(ofZone: z)) : plan.onDemand
      if bridgesBySlack(v, job: job, zone: z, onDemand: bridge, estimates: estimates)
        || bridgesOutages && bridges(v, job: job, zone: z, onDemand: bridge, estimates: estimates)
      {
        return bridge
      }
    }
    return plan.place
  }

  /// The cheapest plan now: its place (nil: wait for `waited`, a zone
  /// without spot now), its expected dollars, the on-demand place it was
  /// weighed against, and the pool's mean move its move plans priced.
  func cheapestPlan(_ v: DeadlineView, job: DeadlineJob, estimates: [ZoneEstimate]) -> (
    place: Place?, cost: Double, waited: Int?, onDemand: Place,
    move: (transfer: Double, dollars: Double)
  ) {
    let homeRegion = v.home.map(v.region(of:)) ?? v.region(ofZone: 0)
    let onDemand = Place.onDemand(
      region: v.place.flatMap { $0.isOnDemand ? v.region(of: $0) : nil } ?? homeRegion)
    var best: Place? = onDemand
    var bestCost =
      v.onDemandPrice(v.region(of: onDemand))
      * ((job.work - v.done) / v.speed(onDemand) + startHours(v, onDemand, job: job))
      + (v.place == onDemand ? 0 : v.egress(to: onDemand))
    var waited: Int?
    // The move plans' later moves do not depend on where they start.
    let move = v.zones > 1 ? Self.meanMove(v, estimates) : (transfer: 0, dollars: 0)
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
        egress: v.place == place ? 0 : v.egress(to: place), estimates: estimates,
        move: move)
      if moving < bestCost {
        bestCost = moving
        best = place
      }
    }
    return (best, bestCost, waited, onDemand, move)
  }

  /// Whether an idle job waits one more tick for the zone that holds its
  /// checkpoint rather than act now at `acting` dollars (a start
  /// elsewhere, or on-demand): that zone's outage ends within the tick
  /// with the chance its mean left gives (exponential), and then the job
  /// resumes there, with no transfer or egress, on the cheaper of its
  /// plans from there with spot; otherwise it faces the same choice a tick
  /// later, with a tick less before the deadline. Never when the wait
  /// would leave the guard no slack for spot (it would then run the rest
  /// on `onDemand`), nor, when the waits the rule would make at home's
  /// later losses do not fit in the slack, beyond this outage's share of
  /// it (`waitTimeout`). Neither plan family holds this option — one never
  /// leaves a zone, the other leaves on every loss — so without it a
  /// short outage of the home zone was met with a move.
  func waitsForHome(
    _ v: DeadlineView, job: DeadlineJob, estimates: [ZoneEstimate], acting: Double,
    onDemand: Place, move: (transfer: Double, dollars: Double)
  ) -> Bool {
    guard v.place == nil, let h = v.home?.zone, !v.available(h, at: v.tick),
      !DeadlineGuard.mustRunOnDemand(
        done: v.done, time: v.time + v.tickHours, job: job, tick: v.tickHours,
        speed: v.speed(onDemand), transfer: v.transfer(to: onDemand),
        restart: v.restart(at: onDemand, job: job))
    else { return false }
    let home = Place.spot(zone: h)
    var later = job
    later.deadline -= v.tickHours
    let e = estimates[h]
    let back = -_expm1(-v.tickHours / (e.current ?? e.outage))
    // Home's runs as this job has ridden them in the window, the fit
    // counted as one: where they were shorter than the fit (a zone that
    // flaps now, though its history did not), a resumed run is that much
    // shorter and more losses lie ahead. Outages scale alike, so home's
    // availability, and the plan's mean move, hold.
    let scale = foundRuns.riddenLifetime(h, fitted: e.lifetime) / e.lifetime
    // Back with spot: a fresh run of that process.
    var fresh = estimates
    fresh[h] = ZoneEstimate(lifetime: e.lifetime * scale, outage: e.outage * scale)
    let start = startHours(v, home, job: job)
    // This rule will wait again at home's later losses, about one fitted
    // outage per expected loss. Where those waits do not fit in the slack
    // a tick from now (the plans, moving on every loss, count on it for
    // spot), this outage is waited for only up to its share of the slack
    // (`waitTimeout`): short outages are still waited out, long ones met
    // with a move.
    let work = (job.work - v.done) / v.speed(home)
    let slack = job.deadline - v.time - v.tickHours - work - start
    let losses = work / fresh[h].lifetime
    if slack < losses * fresh[h].outage {
      // Where a reclaim loses the work since the last checkpoint, no wait
      // at all: there the timeout cost up to 3.1× in a window (closing note
      // of #26).
      guard v.lossyCheckpointInterval(at: home, job: job) == nil else { return false }
      // The wait so far, and the slack it started with.
      let elapsed = Double(v.tick - counts[h].since) * v.tickHours
      let timeout = Self.waitTimeout(
        spare: slack + elapsed - losses * v.restart(at: home, job: job), waits: losses + 1,
        outage: fresh[h].outage)
      guard elapsed + v.tickHours <= timeout else { return false }
    }
    var resumed = spotPlanCost(
      v, job: later, zone: h, start: start, egress: 0, up: true, estimates: fresh)
    if v.zones > 1 {
      resumed = Swift.min(
        resumed,
        moverPlanCost(
          v, job: later, zone: h, start: start, egress: 0, estimates: fresh, move: move))
    }
    let notBack = cheapestPlan(v, job: later, estimates: estimates).cost
    return back * resumed + (1 - back) * notBack < acting
  }

  /// The longest an outage is waited for when `spare` hours of slack
  /// must serve `waits` waits alike (this one and one at each later loss):
  /// the timeout τ at which they spend it in expectation, waits · E[min(W,
  /// τ)] = spare for outages W exponential with mean `outage`, so τ = −D ·
  /// ln(1 − spare ÷ (waits · D)); unlimited where every wait fits, none
  /// where there is no slack to spare. One timeout for all: the waits are
  /// alike, and each spends less than it would alone.
  static func waitTimeout(spare: Double, waits: Double, outage: Double) -> Double {
    guard spare > 0 else { return 0 }
    let budget = waits * outage
    return spare >= budget ? .infinity : -outage * _log1p(-spare / budget)
  }

  /// Every zone's fit at its most favourable within the evidence
  /// (`ZoneHistoryCounts.favourableEstimate`), as of now.
  func favourable(_ v: DeadlineView) -> [ZoneEstimate] {
    counts.map {
      $0.decayed(to: v.tick, tickHours: v.tickHours, memoryHours: memoryHours)
        .favourableEstimate(priorHours: priorHours)
    }
  }

  /// Whether to bridge zone `z`'s expected outage on `onDemand` rather than
  /// wait idle: when the plan, every zone pooled (spot while any has it),
  /// expects at least that much work on-demand before the deadline anyway,
  /// even with every zone at its most favourable fit within the evidence
  /// (`favourable`). On-demand bought early for a shortfall that never
  /// comes is lost, and a fit on little history (the first days of a
  /// trace) is as likely too bleak as too bright.
  func bridges(
    _ v: DeadlineView, job: DeadlineJob, zone z: Int, onDemand: Place,
    estimates: [ZoneEstimate]
  ) -> Bool {
    let work = job.work - v.done
    let bridge = Swift.min(
      estimates[z].current ?? estimates[z].outage, work / v.speed(onDemand))
    return favourableOnDemand(v, job: job, zone: z, favourable: favourable(v))
      * v.speed(.spot(zone: z)) >= bridge * v.speed(onDemand)
  }

  /// The work (hours at `z`'s speed) the plan with every zone pooled
  /// (spot while any zone has it, from no spot now), each at its most
  /// favourable fit within the evidence, expects on on-demand before the
  /// deadline: infinite when no zone is believed ever to have spot, 0
  /// when one always has it. `favourable` is `favourable(v)`.
  func favourableOnDemand(
    _ v: DeadlineView, job: DeadlineJob, zone z: Int, favourable: [ZoneEstimate]
  ) -> Double {
    guard let pooled = Self.pooled(favourable) else { return .infinity }
    guard pooled.lifetime.isFinite else { return 0 }
    let place = Place.spot(zone: z)
    let restart = v.restart(at: place, job: job)
    return Self.expectedOnDemand(
      remaining: (job.work - v.done) / v.speed(place),
      left: job.deadline - v.time - startHours(v, place, job: job), pooled, up: false,
      share: Swift.max(
        0.01,
        1 - (restart + Self.unsavedHours(v, place, job: job, lifetime: pooled.lifetime))
          / pooled.lifetime))
  }
}
