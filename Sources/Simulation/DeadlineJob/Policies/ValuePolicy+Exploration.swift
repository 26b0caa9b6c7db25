/// Launch tries in zones the value policy cannot see (modelled probing).
///
/// A zone not seen with spot since the tick before is only as good as its
/// history says, and that history may be stale: on the H100 traces a zone
/// down for the 41 h before a window may keep spot for 50 h inside it. A
/// failed launch costs nothing (the job is told and decides again), so an
/// idle job weighs, for each zone it does not know to have spot, what a
/// run there would save if the launch succeeds: the work it would do at
/// the zone's price against what that work costs at home on spot (or by
/// the best plan it can see, if less), less the move's egress and start. The run is believed as
/// long as the runs the job has found there by such tries, with the
/// zone's fit as one prior run (while the zone has not been seen with spot
/// in the window, at least the policy's neutral prior: half of
/// `priorHours`), and the job rides a found run until it ends. It tries the zone
/// that would save the most; a failed try is observed and it weighs again.
/// So it explores where moves are cheap against the restarts staying costs
/// (H100, 0.1–0.2 h restarts against $5 of egress), stops where moves are
/// dear against them (V100: $1 of egress is an hour of spot), and stops
/// where the runs it finds end soon. It tries to escape a zone that keeps
/// failing, not an outage: an on-demand tail the plans fear while home is
/// down does not pay for a try (on V100 at 500–1000 GB such tries found
/// runs that ended in the same outage, and cost up to 2.5× in a window).
extension ValuePolicy {
  /// The runs found by launch tries, and the one the job rides now.
  struct FoundRuns: Sendable {
    /// Per zone, hours of found runs ridden (ended or left) and the losses
    /// that ended them.
    var hours: [Double] = []
    var losses: [Double] = []
    /// The zone of the found run the job rides and the tick it launched.
    var current: (zone: Int, tick: Int)?
    /// A launch try made at `tick` in `zone`, not yet seen to run.
    var tried: (zone: Int, tick: Int)?

    /// Whether each zone has been seen with spot in the window.
    var seenUp: [Bool] = []

    /// Zone `z`'s mean run believed for a launch try: its found runs, with
    /// one prior run of `fitted` hours (the zone's fit), or of at least
    /// `prior` hours while the zone has not been seen with spot in the
    /// window (only its history before the window speaks for it, and may be
    /// stale). Found runs that end soon pull the belief down.
    func lifetime(_ z: Int, fitted: Double, prior: Double) -> Double {
      guard z < hours.count else { return Swift.max(fitted, prior) }
      return (hours[z] + (seenUp[z] ? fitted : Swift.max(fitted, prior))) / (losses[z] + 1)
    }

    /// Folds in where the job ran last tick: a try that ran starts a found
    /// run; a found run the job no longer rides ends (with a loss when the
    /// job is idle now, else left).
    mutating func observe(_ v: DeadlineView) {
      if hours.isEmpty {
        hours = Array(repeating: 0, count: v.zones)
        losses = hours
        seenUp = Array(repeating: false, count: v.zones)
      }
      for o in v.news where o.up { seenUp[o.zone] = true }
      if let c = current, v.place != .spot(zone: c.zone) {
        hours[c.zone] += Double(v.tick - c.tick) * v.tickHours
        if v.place == nil { losses[c.zone] += 1 }
        current = nil
      }
      if let t = tried, t.tick < v.tick {
        if v.place == .spot(zone: t.zone) { current = (t.zone, t.tick) }
        tried = nil
      }
    }
  }

  /// Whether the job does not know zone `z` to have spot now: not seen
  /// this tick, nor seen with spot the tick before (a run it watches).
  func unknown(_ v: DeadlineView, _ z: Int) -> Bool {
    guard let last = counts[z].last else { return true }
    return last.tick < v.tick && !(last.up && last.tick + 1 >= v.tick)
  }

  /// The zone an idle job tries a launch in, if any: among zones other
  /// than home it does not know to have spot, the one whose run, if the
  /// launch succeeds, pays back the most before its expected end. A run of
  /// mean L (`FoundRuns.lifetime`) in a zone at
  /// price p, started in s hours for e dollars of egress, is ridden about
  /// h = L·(1 − e^(−(R/speed + s)/L)) hours; its h − s hours of work would
  /// otherwise cost c per unit: home's spot price over the useful share of
  /// its runs (1 − restart ÷ its mean run), or what the best plan pays per
  /// unit of work left (`best` ÷ R) if less. It pays when c·(h − s)·speed
  /// − p·h − e > 0.
  func launchTry(
    _ v: DeadlineView, job: DeadlineJob, estimates: [ZoneEstimate], best: Double
  ) -> Int? {
    guard v.place == nil, let home = v.home?.zone, !v.probing.isFree else { return nil }
    let remaining = job.work - v.done
    guard remaining > 0 else { return nil }
    // A found run replaces home's spot runs, each a restart: its work is
    // worth what home's spot costs per unit of work, or the best plan's
    // if less — not an on-demand tail a wait for home is feared to need.
    let homeRun = estimates[home].lifetime
    let homeShare = Swift.max(
      0.01, 1 - v.restart(at: .spot(zone: home), job: job) / homeRun)
    let perWork = Swift.min(
      best / remaining, v.price(home, at: v.tick) / homeShare / v.speed(.spot(zone: home)))
    var choice: Int?
    var gain = 0.0
    for z in 0..<v.zones
    where z != home && unknown(v, z) && v.available(z, at: v.tick) {
      let place = Place.spot(zone: z)
      let speed = v.speed(place)
      let start = startHours(v, place, job: job)
      let lifetime = foundRuns.lifetime(
        z, fitted: estimates[z].lifetime, prior: priorHours / 2)
      let ridden = lifetime * -_expm1(-(remaining / speed + start) / lifetime)
      let g =
        perWork * Swift.max(0, ridden - start) * speed - v.price(z, at: v.tick) * ridden
        - v.egress(to: place)
      if g > gain {
        gain = g
        choice = z
      }
    }
    return choice
  }
}
