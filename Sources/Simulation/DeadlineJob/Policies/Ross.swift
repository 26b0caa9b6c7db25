/// ROSS, the randomized single-zone policy of Bhuyan, Bhatia, Kodialam and
/// Lakshman, "Exploiting Spot Instances for Time-Critical Cloud Workloads
/// Using Optimal Randomized Strategies" (INFOCOM 2026, arXiv 2601.14612),
/// on the window's first zone, with our completion of what its summaries
/// leave open. Its cost is at most √K times the optimum's, plus one tick of
/// on-demand, for every draw and every deadline that leaves at least a tick
/// of slack (no overheads, a fixed price; proof and exhaustive check in
/// `docs/model.md`, "ROSS").
///
/// With R the work left (plus one restart overhead), T the time left, and K
/// the on-demand price over the spot price now:
/// 1. **Warm-up** (the paper's greedy variant): spot whenever available,
///    idle otherwise, while T/R > θ(K) = (1 + 2√K)/(1 + √K).
/// 2. **Randomized on-demand injection**: at the first tick ξ₁ where
///    T/R ≤ θ(K), fix δ = R/(1 + √K) (whole ticks, rounded up) and a draw
///    of u idle ticks, uniform among the T − R ticks of slack. The job runs
///    spot whenever available; once it has idled u ticks since ξ₁, its next
///    δ ticks without spot run on-demand.
/// 3. **Finish**: spot whenever available, idle otherwise; the deadline
///    guard commits to on-demand when the slack runs out.
///
/// The paper's parts are the three phases, θ(K) and δ; ours are the place of
/// the interval on the job's idle clock (ticks without spot) rather than the
/// wall clock — on the wall clock, an interval that falls on spot buys
/// nothing, and the bound fails for K > 3 + 2√2 — the guard as phase 3, K
/// from the prices at each tick, the overhead counted in R, and the
/// quantisation to ticks.
public struct Ross: DeadlinePolicy {
  /// The draw in [0, 1) that places the on-demand injection.
  public var draw: Double
  /// Once ξ₁ is reached: what is left of the injection.
  var injection: Injection?

  /// The on-demand injection still ahead: idle ticks to wait for, then
  /// ticks without spot to run on-demand.
  struct Injection: Equatable {
    var idleBefore: Int
    var onDemand: Int
  }

  /// ROSS whose on-demand injection is placed by `draw` in [0, 1).
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

  /// The injection for a job at ξ₁ with `remaining` hours of work (overhead
  /// included) and `timeLeft` hours to its deadline, placed by `draw`:
  /// δ = R/(1 + √K) in whole ticks, rounded up (a shorter one would weaken
  /// the bound), after an idle wait drawn uniformly among the ticks of
  /// slack (T − R), so that it ends before the guard can commit.
  static func injection(
    remaining: Double, timeLeft: Double, k: Double, tickHours: Double, draw: Double
  ) -> Injection {
    let delta = remaining / (1 + Swift.max(k, 1).squareRoot())
    let length = Swift.max(1, Int((delta / tickHours - 1e-9).rounded(.up)))
    let slackTicks = Int(((timeLeft - remaining) / tickHours + 1e-9).rounded(.down))
    let starts = Swift.max(1, slackTicks)
    let wait = Swift.min(starts - 1, Int(draw * Double(starts)))
    return Injection(idleBefore: wait, onDemand: length)
  }

  public mutating func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    let spot = v.available(0, at: v.tick)
    if injection == nil {
      let remaining = job.work - v.done + job.restartOverhead
      let timeLeft = job.deadline - v.time
      let k = v.onDemandPrice(v.region(ofZone: 0)) / Swift.max(v.price(0, at: v.tick), 1e-12)
      if timeLeft > Self.threshold(k) * remaining + 1e-9 {
        return spot ? .spot(zone: 0) : nil
      }
      injection = Self.injection(
        remaining: remaining, timeLeft: timeLeft, k: k, tickHours: v.tickHours, draw: draw)
    }
    if spot { return .spot(zone: 0) }
    // A tick without spot: it counts on the idle clock until the wait is
    // over, then runs on-demand until the injection is spent.
    if injection!.idleBefore > 0 {
      injection!.idleBefore -= 1
      return nil
    }
    guard injection!.onDemand > 0 else { return nil }
    injection!.onDemand -= 1
    return .onDemand(region: v.region(ofZone: 0))
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
