/// Exhaustive search of competitive ratios in the model of ROSS's paper,
/// discretised: one zone, ticks of one hour, spot at 1 per tick, on-demand
/// at K, no restart overhead. Every availability sequence of a small
/// instance is tried; the optimum has a closed form. Used by the tests and
/// by `synkti-bench competitive`, which prints the table in
/// `docs/model.md`.
public enum CompetitiveSearch {
  /// The window of `available` in the paper's model.
  public static func window(_ available: [Bool], k: Double) -> DeadlineWindow {
    .oneZone(
      TraceWindow(
        tick: 1, available: available, price: Array(repeating: 1, count: available.count)),
      onDemandPrice: k)
  }

  /// A job of `work` ticks due at `deadline`, with on-demand at K.
  public static func job(work: Int, deadline: Int, k: Double) -> DeadlineJob {
    DeadlineJob(
      work: Double(work), deadline: Double(deadline), restartOverhead: 0, onDemandPrice: k)
  }

  /// The offline optimum: every spot tick up to the work, on-demand for the rest.
  public static func optimum(_ available: [Bool], work: Int, k: Double) -> Double {
    let spot = Swift.min(available.filter { $0 }.count, work)
    return Double(spot) + k * Double(work - spot)
  }

  /// A policy's cost; every guarded policy finishes.
  public static func cost(
    _ policy: any DeadlinePolicy, _ available: [Bool], work: Int, deadline: Int, k: Double
  ) -> Double {
    let o = DeadlineSimulator.run(
      policy, job: job(work: work, deadline: deadline, k: k), window: window(available, k: k))
    precondition(!o.missed)
    return o.cost
  }

  /// The Farey fractions of order `n` in [0, 1], ascending.
  public static func farey(_ n: Int) -> [Double] {
    var (a, b, c, d) = (0, 1, 1, n)
    var out = [0.0]
    while c <= n {
      let q = (n + b) / d
      (a, b, c, d) = (c, d, q * c - a, q * d - b)
      out.append(Double(a) / Double(b))
    }
    return out
  }

  /// ROSS's exact expected cost over its draw: the interval starts at
  /// offset ⌊draw · n⌋ for some n ≤ `deadline`, so the cost is constant
  /// between consecutive Farey fractions of that order.
  public static func expectedRossCost(_ available: [Bool], work: Int, deadline: Int, k: Double)
    -> Double
  {
    let f = farey(deadline)
    var total = 0.0
    for i in 1..<f.count {
      let policy = Ross(draw: (f[i - 1] + f[i]) / 2)
      total += (f[i] - f[i - 1]) * cost(policy, available, work: work, deadline: deadline, k: k)
    }
    return total
  }

  /// Every availability sequence of `ticks` ticks.
  public static func sequences(_ ticks: Int) -> [[Bool]] {
    (0..<(1 << ticks)).map { mask in (0..<ticks).map { mask >> $0 & 1 == 1 } }
  }

  /// The worst case of a policy over every sequence: its largest ratio to
  /// the optimum and its largest excess over √K times the optimum (in
  /// dollars), each with the first sequence that attains it. One pass, so
  /// `cost` (an exact expectation for ROSS: dozens of runs) runs once per
  /// sequence.
  public struct WorstCase {
    public var ratio = 0.0
    public var ratioSequence: [Bool] = []
    public var excess = -Double.infinity
    public var excessSequence: [Bool] = []
  }

  /// `cost`'s worst case over every sequence of `deadline` ticks.
  public static func worstCase(work: Int, deadline: Int, k: Double, cost: ([Bool]) -> Double)
    -> WorstCase
  {
    var worst = WorstCase()
    for seq in sequences(deadline) {
      let c = cost(seq)
      let best = optimum(seq, work: work, k: k)
      if c / best > worst.ratio + 1e-12 { (worst.ratio, worst.ratioSequence) = (c / best, seq) }
      let e = c - k.squareRoot() * best
      if e > worst.excess + 1e-12 { (worst.excess, worst.excessSequence) = (e, seq) }
    }
    return worst
  }
}
