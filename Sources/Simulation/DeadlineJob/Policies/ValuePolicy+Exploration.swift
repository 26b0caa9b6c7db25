/// Launch tries in zones the value policy cannot see (modelled probing).
///
/// A zone not seen with spot since the tick before is only as good as its
/// history says, and that history may be stale: on the H100 traces a zone
/// down for the 41 h before a window may keep spot for 50 h inside it. A
/// failed launch costs nothing (the job is told and decides again), so an
/// idle job weighs, for each zone it does not know to have spot, what a
/// run there would save if the launch succeeds: the work it would do at
/// the zone's price against what that work costs at home on spot (or by
/// the best plan it can see, if less; raised, where the runs the job has
/// ridden at home in the window are shorter than home's fit, by the ratio
/// of the fit's useful share to theirs), less the move's egress and start,
/// and, if the run ends first, the egress and transfer of bringing the
/// checkpoint back. The run's length is believed from the runs the job
/// has found there by such tries, with the zone's fit as one prior run
/// (while the zone has not been seen with spot in the window, at least
/// the policy's neutral prior: half of `priorHours`), with the rate of
/// those runs uncertain (`RunBelief`); the job rides a found run until it
/// ends. It tries the zone that would save the most; a failed try is
/// observed and it weighs again. So it explores where moves are cheap
/// against the restarts staying costs (H100, 0.1–0.2 h restarts against
/// $5 of egress), stops where moves are dear against them (V100: $1 of
/// egress is an hour of spot; large checkpoints), and stops where the runs
/// it finds end soon. It tries to escape a zone that keeps failing, not an
/// outage: an on-demand tail the plans fear while home is down does not
/// pay for a try (on V100 at 500–1000 GB such tries found runs that ended
/// in the same outage, and cost up to 2.5× in a window).
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

    /// Per zone, hours the job has ridden spot there in the window (every
    /// run, found or not, one-tick runs too; a place seen at tick t was
    /// ridden from t − 1) and the losses that ended those runs.
    var riddenHours: [Double] = []
    var riddenLosses: [Double] = []
    /// Where the job decided to run at its last decision.
    var decided: Place?
    /// The last tick whose ridden run was counted.
    var countedTick = -1

    /// What the job believes of a run it would find in zone `z`: its runs
    /// are exponential at an unknown rate, with one prior run of `fitted`
    /// hours (the zone's fit), or of at least `prior` hours while the zone
    /// has not been seen with spot in the window (only its history before
    /// the window speaks for it, and may be stale), and then the runs found
    /// there. Found runs that end soon pull the belief down.
    func belief(_ z: Int, fitted: Double, prior: Double) -> RunBelief {
      guard z < hours.count else { return RunBelief(runs: 1, hours: Swift.max(fitted, prior)) }
      return RunBelief(
        runs: losses[z] + 1, hours: hours[z] + (seenUp[z] ? fitted : Swift.max(fitted, prior)))
    }

    /// Zone `z`'s mean run as the job has ridden it in the window, with
    /// the fit (`fitted` hours) as one prior run, where that is shorter
    /// than the fit: min(fit, (ridden hours + fit) ÷ (losses + 1)).
    func riddenLifetime(_ z: Int, fitted: Double) -> Double {
      guard z < riddenHours.count else { return fitted }
      return Swift.min(fitted, (riddenHours[z] + fitted) / (riddenLosses[z] + 1))
    }

    /// Folds in where the job ran last tick: a try that ran starts a found
    /// run; a found run the job no longer rides ends (with a loss when the
    /// job is idle now, else left).
    mutating func observe(_ v: DeadlineView) {
      if hours.isEmpty {
        hours = Array(repeating: 0, count: v.zones)
        losses = hours
        riddenHours = hours
        riddenLosses = hours
        seenUp = Array(repeating: false, count: v.zones)
      }
      for o in v.news where o.up { seenUp[o.zone] = true }
      // Once a tick: a failed launch has the job decide again.
      if v.tick != countedTick {
        countedTick = v.tick
        if case .spot(let z)? = v.place {
          riddenHours[z] += v.tickHours
        } else if let z = ranLost(v) {
          riddenHours[z] += v.tickHours
          riddenLosses[z] += 1
        }
      }
      if let c = current, v.place != .spot(zone: c.zone) {
        hours[c.zone] += Double(v.tick - c.tick) * v.tickHours
        if v.place == nil { losses[c.zone] += 1 }
        current = nil
      }
      if let t = tried, t.tick < v.tick {
        if v.place == .spot(zone: t.zone) {
          current = (t.zone, t.tick)
        } else if ranLost(v) == t.zone {
          // A found run of one tick.
          hours[t.zone] += v.tickHours
          losses[t.zone] += 1
        }
        tried = nil
      }
    }

    /// The zone the job ran in last tick and lost spot in now, if any: it
    /// is idle where it decided to ride, and that zone had spot last tick
    /// (a launch there ran; a failed one, observed, did not).
    private func ranLost(_ v: DeadlineView) -> Int? {
      guard v.place == nil, v.tick > 0, case .spot(let z)? = decided,
        v.available(z, at: v.tick - 1)
      else { return nil }
      return z
    }
  }

  /// A found run's length, believed from `runs` runs (the prior one
  /// included) that lasted `hours` in all: exponential runs whose rate has
  /// the Gamma(runs, hours) posterior, so the run is Lomax, P[X > x] =
  /// (1 + x/hours)^−runs. Its tail is heavier than that of the exponential
  /// of the same mean while few runs are seen: a zone barely known may keep
  /// spot for long, and a try is worth that chance; each run seen sharpens
  /// the belief toward the exponential.
  struct RunBelief: Sendable, Hashable {
    /// Runs believed (found ones plus the prior one).
    var runs: Double
    /// Their hours in all.
    var hours: Double

    /// Expected hours the run is ridden within `horizon` hours:
    /// E[min(X, T)] = hours ÷ (runs − 1) · (1 − (1 + T/hours)^(1 − runs)),
    /// hours · ln(1 + T/hours) for a single run.
    func ridden(within horizon: Double) -> Double {
      let log = _log1p(horizon / hours)
      return runs == 1 ? hours * log : hours / (runs - 1) * (1 - _exp((1 - runs) * log))
    }

    /// The chance that the run ends within `horizon` hours.
    func ends(within horizon: Double) -> Double {
      1 - _exp(-runs * _log1p(horizon / hours))
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
  /// launch succeeds, pays back the most. A run (`RunBelief`) in a zone at
  /// price p, started in s hours for e dollars of egress, is ridden h =
  /// E[min(X, R/speed + s)] hours and ends first with chance q; its h − s
  /// hours of work would otherwise cost c per unit: home's spot price over
  /// the useful share of its runs (1 − restart ÷ its mean run), or what the
  /// best plan pays per unit of work left (`best` ÷ R) if less; times
  /// (1 − restart/L) ÷ (1 − restart/L′), L the fit's mean run and L′ =
  /// min(L, (ridden hours + L) ÷ (losses + 1)) that of the runs the job has
  /// ridden at home in the window, with the fit as one prior run. It pays
  /// when c·(h − s)·speed − p·h − e − q·(e′ + c·t′·speed) > 0, e′ and t′
  /// the egress and transfer back to home.
  func launchTry(
    _ v: DeadlineView, job: DeadlineJob, estimates: [ZoneEstimate], best: Double
  ) -> Int? {
    guard v.place == nil, let home = v.home?.zone, !v.probing.isFree else { return nil }
    let remaining = job.work - v.done
    guard remaining > 0 else { return nil }
    // A found run replaces home's spot runs, each a restart: its work is
    // worth what home's spot costs per unit of work, or the best plan's
    // if less — not an on-demand tail a wait for home is feared to need.
    // Home's runs as the job has ridden them in the window, with the fit
    // as one prior run: where they are shorter than the fit, home keeps
    // failing the job, and its work costs more by the ratio of the useful
    // shares than the plans, believing the fit, say.
    let fit = estimates[home].lifetime
    let ridden = foundRuns.riddenLifetime(home, fitted: fit)
    let restart = v.restart(at: .spot(zone: home), job: job)
    let fitShare = Swift.max(0.01, 1 - restart / fit)
    let riddenShare = Swift.max(0.01, 1 - restart / ridden)
    let perWork =
      Swift.min(best / remaining, v.price(home, at: v.tick) / fitShare / v.speed(.spot(zone: home)))
      * fitShare / riddenShare
    var choice: Int?
    var gain = 0.0
    for z in 0..<v.zones
    where z != home && unknown(v, z) && v.available(z, at: v.tick) {
      let place = Place.spot(zone: z)
      let speed = v.speed(place)
      let start = startHours(v, place, job: job)
      let belief = foundRuns.belief(
        z, fitted: estimates[z].lifetime, prior: priorHours / 2)
      let horizon = remaining / speed + start
      let ridden = belief.ridden(within: horizon)
      // A run that ends before the job does leaves the checkpoint away
      // from home: bringing it back costs egress and a transfer.
      let back =
        v.egress(from: place, to: .spot(zone: home))
        + perWork * speed * v.transfer(from: place, to: .spot(zone: home))
      let g =
        perWork * Swift.max(0, ridden - start) * speed - v.price(z, at: v.tick) * ridden
        - v.egress(to: place) - belief.ends(within: horizon) * back
      if g > gain {
        gain = g
        choice = z
      }
    }
    return choice
  }
}
