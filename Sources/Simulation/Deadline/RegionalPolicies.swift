/// The multi-region deadline policies. Each sees only `RegionalView` (the
/// trace up to now), and every one but spot-only is guarded.
///
/// The Uniform Progress family follows the single-zone rule (on-demand when
/// behind the line c₀·t/D and no spot will do, back to spot when ahead by
/// 2d) and differs only in which available zone it picks when it (re)starts
/// on spot; it stays in a zone while that zone has spot. With one zone each
/// is exactly Uniform Progress.
public struct RegionalUniformProgress: RegionalPolicy {
  /// How a zone is picked among those with spot now.
  public enum Choice: String, Sendable, CaseIterable {
    /// On preemption, the cheapest zone with spot now (`up-failover`).
    case failover = "up-failover"
    /// The zone with the highest availability over the last `window` probes.
    case availability = "up-availability"
    /// The zone with the highest availability ÷ spot price.
    case availabilityPrice = "up-availability-price"
  }

  /// The zone-picking rule.
  public var choice: Choice
  /// Probes (ticks) in the sliding availability window.
  public var window: Int

  /// Creates the policy.
  public init(_ choice: Choice, window: Int = 36) {
    self.choice = choice
    self.window = window
  }

  public var name: String { choice.rawValue }

  /// Observed availability of zone `z` over the last `window` ticks, now
  /// included (probing is free: the trace is the probe).
  func availability(_ v: RegionalView, _ z: Int) -> Double {
    let first = Swift.max(0, v.tick - window + 1)
    var up = 0
    for k in first...v.tick where v.available(z, at: k) { up += 1 }
    return Double(up) / Double(v.tick - first + 1)
  }

  /// The zone to start on spot in, among those with spot now (lowest index
  /// on ties), or nil when none has.
  func pick(_ v: RegionalView) -> Int? {
    var best: Int?
    var bestScore = -Double.infinity
    for z in 0..<v.zones where v.available(z, at: v.tick) {
      let score: Double
      switch choice {
      case .failover: score = -v.price(z, at: v.tick)
      case .availability: score = availability(v, z)
      case .availabilityPrice: score = availability(v, z) / Swift.max(v.price(z, at: v.tick), 1e-12)
      }
      if score > bestScore {
        best = z
        bestScore = score
      }
    }
    return best
  }

  public func decide(_ v: RegionalView, job: DeadlineJob) -> Int? {
    let rate = job.work / job.deadline
    let homeRegion = v.home.map { $0 < v.zones ? v.region(ofZone: $0) : $0 - v.zones } ?? 0
    if let p = v.place, p >= v.zones {
      // On on-demand: back to spot only when ahead of the line by 2d.
      let ahead = (v.time + 2 * job.restartOverhead) * rate < v.done
      if ahead, let z = pick(v) { return z }
      return p
    }
    if let p = v.place, v.available(p, at: v.tick) { return p }
    if let z = pick(v) { return z }
    return v.done < rate * v.time ? v.zones + homeRegion : nil
  }
}

/// Synkti's value-based multi-region policy (`synkti-value`; with a
/// forecaster's lifetimes, `synkti-forecast`).
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
public struct RegionalValuePolicy: RegionalPolicy {
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

  public var name: String { forecasts == nil ? "synkti-value" : "synkti-forecast" }

  /// Expected remaining spot lifetime in zone `z`, hours, from history only:
  /// the forecaster's when there is one, else a Nelson–Aalen estimate over
  /// the window so far.
  public func expectedLifetime(_ v: RegionalView, _ z: Int) -> Double {
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

  /// Expected progress per dollar of running at place `p` from now.
  func value(_ v: RegionalView, _ p: Int, job: DeadlineJob, running: Bool) -> Double {
    let remaining = job.work - v.done
    let overhead =
      running ? v.overheadLeft : job.restartOverhead + v.transfer(to: p)
    if p >= v.zones {
      let hours = remaining + overhead
      return remaining / (hours * v.onDemandPrice(p - v.zones) + (running ? 0 : v.egress(to: p)))
    }
    let stay = Swift.min(expectedLifetime(v, p), remaining + overhead)
    let useful = Swift.max(0, stay - overhead)
    return useful / (stay * v.price(p, at: v.tick) + (running ? 0 : v.egress(to: p)))
  }

  public func decide(_ v: RegionalView, job: DeadlineJob) -> Int? {
    let rate = job.work / job.deadline
    let homeRegion = v.home.map { $0 < v.zones ? v.region(ofZone: $0) : $0 - v.zones } ?? 0
    let onDemand =
      v.zones + (v.place.map { $0 >= v.zones ? $0 - v.zones : homeRegion } ?? homeRegion)
    var best: Int?
    var bestValue = 0.0
    for z in 0..<v.zones where v.available(z, at: v.tick) {
      let running = v.place == z
      var worth = value(v, z, job: job, running: running)
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
      if let p = v.place, p >= v.zones,
        (v.time + 2 * job.restartOverhead) * rate >= v.done
      {
        return p
      }
      return z
    }
    return behind ? onDemand : nil
  }
}

/// Spot in one fixed zone, or on-demand: the single-zone baselines over a
/// regional window (zone 0 of the window).
public struct RegionalSingleZone: RegionalPolicy {
  /// The single-zone policy it follows.
  public var policy: any DeadlinePolicy

  /// Creates the policy.
  public init(_ policy: any DeadlinePolicy) { self.policy = policy }

  public var name: String { policy.name }
  public var guarded: Bool { policy.guarded }

  public func decide(_ v: RegionalView, job: DeadlineJob) -> Int? {
    let state = DeadlineState(
      tick: v.tick, time: v.time, done: v.done,
      mode: v.place == nil ? .idle : (v.place! < v.zones ? .spot : .onDemand),
      overheadLeft: v.overheadLeft, spotAvailable: v.available(0, at: v.tick))
    switch policy.decide(state, job: job, tick: v.tickHours) {
    case .idle: return nil
    case .spot: return 0
    case .onDemand: return v.zones + v.region(ofZone: 0)
    }
  }
}

/// The multi-region policies by name (`optimal-offline` is solved).
public enum RegionalPolicies {
  /// Every simulated policy.
  public static let all: [any RegionalPolicy] =
    RegionalUniformProgress.Choice.allCases.map { RegionalUniformProgress($0) } + [
      RegionalValuePolicy() as any RegionalPolicy,
      RegionalSingleZone(DeadlineOnDemandOnly()), RegionalSingleZone(DeadlineSpotOnly()),
      RegionalSingleZone(DeadlineGreedy()), RegionalSingleZone(DeadlineUniformProgress()),
    ]

  /// Names, including `optimal-offline`.
  public static var names: [String] { all.map(\.name) + ["synkti-forecast", "optimal-offline"] }
}
