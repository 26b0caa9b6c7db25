/// ROSS, the randomized single-zone policy of Bhuyan, Bhatia, Kodialam and
/// Lakshman, "Exploiting Spot Instances for Time-Critical Cloud Workloads
/// Using Optimal Randomized Strategies" (INFOCOM 2026, arXiv 2601.14612),
/// on the window's first zone. The paper proves ROSS's expected cost at most
/// √K times the optimum's when the deadline is at least θ(K) times the work;
/// our completion of what its summaries leave open does not keep that bound
/// for K > 3 + 2√2 (a family of sequences and the checks for smaller K in
/// `docs/model.md`, "ROSS").
///
/// With R the work left (plus one restart overhead), T the time left, and K
/// the on-demand price over the spot price now:
/// 1. **Warm-up** (the paper's greedy variant): spot whenever available,
///    idle otherwise, while T/R > θ(K) = (1 + 2√K)/(1 + √K).
/// 2. **Randomized on-demand injection**: at the first tick ξ₁ where
///    T/R ≤ θ(K), fix δ = R/(1 + √K) and a window of W = T − (R − δ) hours
///    (the time after which, with no spot and δ done on on-demand, the slack
///    would be gone). An interval of δ (whole ticks) starts at a tick drawn
///    uniformly among the first T − R of the window (each leaves slack
///    before the interval, so the guard does not commit at its start). During it the
///    job runs spot where available and on-demand otherwise.
/// 3. **Finish**: spot whenever available, idle otherwise; the deadline
///    guard commits to on-demand when the slack runs out.
///
/// The paper's parts are the three phases, θ(K) and δ; ours are the window
/// W, spot during the interval when spot is there, the guard as phase 3,
/// K from the prices at each tick, the overhead counted in R, and the
/// quantisation to ticks (δ rounded to whole ticks, at least one).
public struct Ross: DeadlinePolicy {
  /// The draw in [0, 1) that places the on-demand interval.
  public var draw: Double
  /// The tick the interval starts and the tick it ends (exclusive), once
  /// ξ₁ is reached.
  var interval: Range<Int>?

  /// ROSS whose on-demand interval is placed by `draw` in [0, 1).
  public init(draw: Double = 0.5) {
    precondition(draw >= 0 && draw < 1, "a draw is in [0, 1)")
    self.draw = draw
  }

  /// ROSS placed by the first draw of the stream `seed`.
  public init(seed: UInt64) {
    var rng = Xoshiro256StarStar(seed: seed)
    self.init(draw: rng.nextUnit())
  }

  public var name: String { "ross" }

  /// The warm-up threshold θ(K) = (1 + 2√K)/(1 + √K) on time left ÷ work left.
  public static func threshold(_ k: Double) -> Double {
    let s = Swift.max(k, 1).squareRoot()
    return (1 + 2 * s) / (1 + s)
  }

  /// The on-demand interval for a job at `tick` with `remaining` hours of
  /// work (overhead included) and `timeLeft` hours to its deadline, placed
  /// by `draw`: δ = R/(1 + √K) in whole ticks (at least one), starting
  /// uniformly at one of the ticks that leave slack (T − R) before it, so
  /// that it ends inside W = T − (R − δ).
  public static func interval(
    tick: Int, remaining: Double, timeLeft: Double, k: Double, tickHours: Double, draw: Double
  ) -> Range<Int> {
    let delta = remaining / (1 + Swift.max(k, 1).squareRoot())
    let length = Swift.max(1, Int((delta / tickHours).rounded()))
    // Idle ticks before the start spend slack; a start must leave at
    // least one tick of it, or the guard would commit at the start.
    let slackTicks = Int(((timeLeft - remaining) / tickHours + 1e-9).rounded(.down))
    let starts = Swift.max(1, slackTicks)
    let offset = Swift.min(starts - 1, Int(draw * Double(starts)))
    return (tick + offset)..<(tick + offset + length)
  }

  public mutating func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    let spot = v.available(0, at: v.tick)
    if interval == nil {
      let remaining = job.work - v.done + job.restartOverhead
      let timeLeft = job.deadline - v.time
      let k = v.onDemandPrice(v.region(ofZone: 0)) / Swift.max(v.price(0, at: v.tick), 1e-12)
      if timeLeft > Self.threshold(k) * remaining + 1e-9 {
        return spot ? .spot(zone: 0) : nil
      }
      interval = Self.interval(
        tick: v.tick, remaining: remaining, timeLeft: timeLeft, k: k, tickHours: v.tickHours,
        draw: draw)
    }
    if spot { return .spot(zone: 0) }
    return interval!.contains(v.tick) ? .onDemand(region: v.region(ofZone: 0)) : nil
  }
}

/// A deadline policy that draws random numbers: each run simulates copies
/// seeded from the run's own stream and reports their mean.
public protocol RandomizedDeadlinePolicy: DeadlinePolicy {
  /// A copy whose draws come from the stream `seed`.
  func seeded(_ seed: UInt64) -> Self
}

extension Ross: RandomizedDeadlinePolicy {
  public func seeded(_ seed: UInt64) -> Ross { Ross(seed: seed) }
}
