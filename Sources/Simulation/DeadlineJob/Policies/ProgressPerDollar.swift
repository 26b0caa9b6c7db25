/// Synkti's first value-based deadline policy
/// (`synkti-progress-per-dollar`; `synkti-value` up to #26, now
/// `ValuePolicy`), kept as a named policy and as an incumbent of the exact
/// optimum.
///
/// It estimates each zone's spot lifetime online from the availability seen
/// so far — a Nelson–Aalen hazard (capacity losses over available ticks,
/// shrunk toward one loss a day of prior) — and values each place by the
/// progress a start there is expected to make per dollar: expected useful
/// hours `min(E[L], R) − overhead` (restart plus checkpoint transfer) over
/// the dollars it costs (price × expected hours there, plus egress). It runs
/// the best spot zone when that beats on-demand's progress per dollar, moves
/// from a running zone only when another is worth `switchMargin` more
/// (proactively, before a preemption), keeps to Uniform Progress's line when
/// no spot is worth it, and leaves the deadline to the guard. It never reads
/// the trace's future.
public struct ProgressPerDollar: DeadlinePolicy {
  /// How much more a zone must be worth before a running job moves there.
  public var switchMargin: Double
  /// Prior losses per available hour in the hazard estimate.
  public var priorRate: Double
  /// Prior weight, hours.
  public var priorHours: Double
  /// Where lifetimes come from instead of the built-in hazard estimate:
  /// a fitted forecaster per zone (`synkti-forecast`).
  public var forecasts: ZoneForecasts?

  /// Creates the policy; with `forecasts`, lifetimes come from them.
  public init(
    switchMargin: Double = 0.25, priorRate: Double = 1.0 / 24, priorHours: Double = 24,
    forecasts: ZoneForecasts? = nil
  ) {
    self.switchMargin = switchMargin
    self.priorRate = priorRate
    self.priorHours = priorHours
    self.forecasts = forecasts
  }

  public var name: String {
    forecasts == nil ? "synkti-progress-per-dollar" : "synkti-progress-per-dollar-forecast"
  }

  /// Expected remaining spot lifetime in zone `z`, hours, from history only:
  /// the forecaster's when there is one, else a Nelson–Aalen estimate over
  /// the window so far.
  public func expectedLifetime(_ v: DeadlineView, _ z: Int) -> Double {
    if let forecasts { return forecasts.expectedLifetime(zone: z, windowTick: v.tick) }
    var losses = 0
    var upTicks = 0
    for k in 0...v.tick {
      if v.available(z, at: k) {
        upTicks += 1
      } else if k > 0 && v.available(z, at: k - 1) {
        losses += 1
      }
    }
    let hazard =
      (Double(losses) + priorRate * priorHours)
      / (Double(upTicks) * v.tickHours + priorHours)
    return 1 / Swift.max(hazard, 1e-9)
  }

  /// Expected progress per dollar of running at `place` from now.
  func value(_ v: DeadlineView, _ place: Place, job: DeadlineJob, running: Bool) -> Double {
    let remaining = job.work - v.done
    let overhead =
      running ? v.overheadLeft : v.restart(at: place, job: job) + v.transfer(to: place)
    switch place {
    case .onDemand(let r):
      let hours = remaining + overhead
      return remaining / (hours * v.onDemandPrice(r) + (running ? 0 : v.egress(to: place)))
    case .spot(let z):
      let stay = Swift.min(expectedLifetime(v, z), remaining + overhead)
      let useful = Swift.max(0, stay - overhead)
      return useful / (stay * v.price(z, at: v.tick) + (running ? 0 : v.egress(to: place)))
    }
  }

  public func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    let rate = job.work / job.deadline
    let homeRegion = v.home.map(v.region(of:)) ?? 0
    let onDemand = Place.onDemand(
      region: v.place.map { $0.isOnDemand ? v.region(of: $0) : homeRegion } ?? homeRegion)
    var best: Int?
    var bestValue = 0.0
    for z in 0..<v.zones where v.available(z, at: v.tick) {
      let running = v.place == .spot(zone: z)
      var worth = value(v, .spot(zone: z), job: job, running: running)
      if !running && v.place != nil { worth /= 1 + switchMargin }
      if worth > bestValue {
        best = z
        bestValue = worth
      }
    }
    let onDemandValue = value(v, onDemand, job: job, running: v.place == onDemand)
    let behind = v.done < rate * v.time
    if let z = best, bestValue > onDemandValue || !behind {
      // On on-demand, return to spot only when ahead of the line by 2d.
      if let p = v.place, p.isOnDemand,
        (v.time + 2 * job.restartOverhead) * rate >= v.done
      {
        return p
      }
      return .spot(zone: z)
    }
    return behind ? onDemand : nil
  }
}
