/// Waiting idle through a zone's outage against bridging it on on-demand,
/// solved exactly for one zone whose spot comes and goes as a two-state
/// process (runs and outages exponential with fitted means), by dynamic
/// programming over the work left and the slack.
///
/// A wait spends slack; a run, on spot or on-demand, keeps it, and a start
/// spends its overhead. With little slack left, every later loss must be
/// bridged (its starts), and a job without slack for a start runs the rest
/// on on-demand: a cliff the closed-form plans see only in expectation.
/// The program prices it: at each tick the job may idle, run spot (when
/// the zone has it) or run on-demand, and the cheapest expected dollars to
/// finish by the deadline follow from the state (work left in ticks, slack
/// on a grid of half ticks, spot now or not, where the job ran).
struct SlackProgram: Sendable {
  /// Tick length, hours.
  var tick: Double
  /// Spot and on-demand price, dollars per hour.
  var spotPrice: Double
  var onDemandPrice: Double
  /// Mean run and mean outage of the zone, hours.
  var lifetime: Double
  var outage: Double
  /// Hours a start takes: on spot with the checkpoint there, on spot back
  /// from on-demand, on on-demand from spot.
  var spotStart: Double
  var spotStartFromOnDemand: Double
  var onDemandStart: Double
  /// Egress dollars of a move to on-demand and of the move back.
  var egressToOnDemand: Double
  var egressBack: Double

  /// Where the job ran in the tick before.
  fileprivate enum Ran: Int, CaseIterable { case none = 0, spot, onDemand }

  /// Slack grid points per tick.
  static let steps = 2

  /// The program solved for up to `work` hours left and `slack` hours to
  /// spare.
  func solve(work: Double, slack: Double) -> Solution {
    let n = Swift.max(1, Int((work / tick).rounded(.up)))
    let g = tick / Double(Self.steps)
    let m = Swift.max(0, Int((slack / g).rounded(.down)))
    return Solution(program: self, grid: g, table: solve(ticks: n, slackPoints: m, grid: g))
  }

  /// A solved program: the expected dollars to finish from any state with
  /// no more work or slack than it was solved for.
  struct Solution: Sendable {
    let program: SlackProgram
    let grid: Double
    fileprivate let table: Table

    /// Whether it covers `work` hours left and `slack` hours to spare.
    func covers(work: Double, slack: Double) -> Bool {
      Int((work / program.tick).rounded(.up)) <= table.n && slack <= Double(table.m) * grid + 1e-9
    }

    /// Expected dollars to finish `work` hours with `slack` hours to
    /// spare, with the zone down now, idle or (`onDemand`) running on
    /// on-demand: for idling a tick (the zone back after it with chance
    /// `back`) and for running on-demand this tick.
    func choose(work: Double, slack: Double, back: Double, onDemand: Bool) -> (
      wait: Double, bridge: Double
    ) {
      let p = program
      let n = Swift.max(1, Int((work / p.tick).rounded(.up)))
      func after(_ i: Int, _ s: Double, _ ran: Ran) -> Double {
        mix(
          back, table.value(i, s / grid, up: true, ran.rawValue),
          table.value(i, s / grid, up: false, ran.rawValue))
      }
      let wait = after(n, slack - p.tick, .none)
      let bridge =
        onDemand
        ? p.onDemandPrice * p.tick + after(n - 1, slack, .onDemand)
        : p.onDemandPrice * (p.tick + p.onDemandStart) + p.egressToOnDemand
          + after(n - 1, slack - p.onDemandStart, .onDemand)
      return (wait, bridge)
    }
  }

  /// Values by work ticks left (0…n), slack grid point (0…m), spot or
  /// not, and where the job ran.
  fileprivate struct Table: Sendable {
    var n: Int
    var m: Int
    var values: [Double]

    func index(_ i: Int, _ j: Int, _ up: Bool, _ ran: Int) -> Int {
      ((i * (m + 1) + j) * 2 + (up ? 1 : 0)) * 3 + ran
    }

    /// The value at a fractional slack grid point, interpolated; no slack
    /// left is infeasible.
    func value(_ i: Int, _ x: Double, up: Bool, _ ran: Int) -> Double {
      guard x >= -1e-9 else { return .infinity }
      if i <= 0 { return 0 }
      let lo = Swift.min(m, Int(x.rounded(.down)))
      let hi = Swift.min(m, lo + 1)
      let w = Swift.min(1, Swift.max(0, x - Double(lo)))
      let a = values[index(i, lo, up, ran)]
      let b = values[index(i, hi, up, ran)]
      if w >= 1 - 1e-9 { return b }
      // Less slack costs more: where one side is infeasible, the lower.
      if w <= 1e-9 || !a.isFinite || !b.isFinite { return a }
      return a + w * (b - a)
    }
  }

  private func solve(ticks n: Int, slackPoints m: Int, grid g: Double) -> Table {
    var t = Table(n: n, m: m, values: Array(repeating: 0, count: (n + 1) * (m + 1) * 6))
    let lose = -_expm1(-tick / lifetime)
    let recover = -_expm1(-tick / outage)
    let idleSteps = Self.steps
    for i in 1...n {
      for j in 0...m {
        let s = Double(j)
        // Expected value next tick from availability `up` now.
        func next(_ i2: Int, _ x: Double, from up: Bool, _ ran: Ran) -> Double {
          let pUp = up ? 1 - lose : recover
          let ranIfDown = ran == .spot ? Ran.none : ran
          return mix(
            pUp, t.value(i2, x, up: true, ran.rawValue),
            t.value(i2, x, up: false, ranIfDown.rawValue))
        }
        for up in [false, true] {
          let idle = j >= idleSteps ? next(i, s - Double(idleSteps), from: up, .none) : .infinity
          for ran in Ran.allCases {
            var best = idle
            if up {
              let spot: Double
              switch ran {
              case .spot: spot = spotPrice * tick + next(i - 1, s, from: up, .spot)
              case .none:
                spot =
                  spotPrice * (tick + spotStart)
                  + next(i - 1, s - spotStart / g, from: up, .spot)
              case .onDemand:
                spot =
                  spotPrice * (tick + spotStartFromOnDemand) + egressBack
                  + next(i - 1, s - spotStartFromOnDemand / g, from: up, .spot)
              }
              best = Swift.min(best, spot)
            }
            let onDemand =
              ran == .onDemand
              ? onDemandPrice * tick + next(i - 1, s, from: up, .onDemand)
              : onDemandPrice * (tick + onDemandStart) + egressToOnDemand
                + next(i - 1, s - onDemandStart / g, from: up, .onDemand)
            best = Swift.min(best, onDemand)
            t.values[t.index(i, j, up, ran.rawValue)] = best
          }
        }
      }
    }
    return t
  }
}

/// `p·a + (1 − p)·b`, where a branch that cannot happen counts for nothing
/// even when it is infeasible (infinite).
private func mix(_ p: Double, _ a: Double, _ b: Double) -> Double {
  p <= 0 ? b : p >= 1 ? a : p * a + (1 - p) * b
}
