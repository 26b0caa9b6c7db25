/// Replicates chosen by the statistics: `replicates: {min, max, target}`.
///
/// ```yaml
/// replicates:
///   min: 10
///   max: 200
///   target: {metric: total_cost, halfwidth_percent: 1, vs: baseline}
/// ```
///
/// Every cell starts with `min` replicates. After each round, a cell whose
/// 95% CI half-width of the paired difference (cell − its baseline partner,
/// replicate by replicate) exceeds `halfwidth_percent` of the partner's mean
/// gets more replicates, in seeded order, until it meets the target or has
/// `max`. A baseline cell runs as many replicates as the most any of its
/// partners needs, so every pair is complete. With `vs: none` the interval
/// is the metric's own, relative to its mean.
///
/// Rounds depend only on stored metrics, which are pure functions of (model,
/// cell, seed): the same spec and code stop at the same counts whatever
/// `--jobs`, the cache or a resume did.
public struct AdaptiveReplication: Sendable, Equatable {
  /// What the interval is of.
  public enum Reference: String, Sendable, CaseIterable {
    /// The paired difference against the cell's baseline partner.
    case baseline
    /// The metric itself.
    case none
  }

  /// Replicates every cell runs.
  public var minimum: Int
  /// Replicates no cell exceeds.
  public var maximum: Int
  /// The metric whose interval must narrow (a metric column).
  public var metric: String
  /// Target half-width, percent of the reference mean.
  public var halfwidthPercent: Double
  /// What the interval is of.
  public var reference: Reference

  /// Creates a rule.
  public init(
    minimum: Int, maximum: Int, metric: String, halfwidthPercent: Double,
    reference: Reference = .baseline
  ) {
    self.minimum = minimum
    self.maximum = maximum
    self.metric = metric
    self.halfwidthPercent = halfwidthPercent
    self.reference = reference
  }

  /// Where one cell stands against the target.
  public struct Standing: Sendable, Equatable {
    /// Replicates with a value (paired ones, against a partner).
    public var replicates: Int
    /// The interval's half-width as a percent of the reference mean
    /// (nil below two replicates; infinite when the reference mean is 0
    /// and the interval is not).
    public var halfwidthPercent: Double?
    /// Whether the half-width is at most the target with ≥ `min` replicates.
    public var met: Bool

    /// Creates a standing.
    public init(replicates: Int, halfwidthPercent: Double?, met: Bool) {
      self.replicates = replicates
      self.halfwidthPercent = halfwidthPercent
      self.met = met
    }
  }

  /// A cell's standing: `values` and `partner` map replicate → metric value
  /// (`partner` nil for `vs: none`); only replicates both have count.
  public func standing(values: [Int: Double], partner: [Int: Double]?) -> Standing {
    let replicates = values.keys.filter { partner?[$0] != nil || partner == nil }.sorted()
    guard replicates.count >= 2 else {
      return Standing(replicates: replicates.count, halfwidthPercent: nil, met: false)
    }
    let differences = replicates.map { values[$0]! - (partner?[$0] ?? 0) }
    let reference = replicates.map { partner?[$0] ?? values[$0]! }
    let scale = abs(reference.reduce(0, +) / Double(reference.count))
    let halfWidth = Summary(differences).halfWidth ?? 0
    let percent = halfWidth == 0 ? 0 : scale > 0 ? 100 * halfWidth / scale : .infinity
    return Standing(
      replicates: replicates.count, halfwidthPercent: percent,
      met: replicates.count >= minimum && percent <= halfwidthPercent)
  }

  /// Replicates a cell with `current` replicates and `standing` runs next:
  /// `current` when it met the target or has `max`; else the count the
  /// interval's 1/√n shrinkage projects, at least one more and at most
  /// double (so one noisy estimate cannot overshoot far), capped at `max`.
  public func next(current: Int, standing: Standing) -> Int {
    guard !standing.met, current < maximum else { return current }
    var projected = 2 * current
    if let percent = standing.halfwidthPercent, percent.isFinite {
      let ratio = percent / halfwidthPercent
      let wanted = (Double(current) * ratio * ratio).rounded(.up)
      projected = wanted < Double(2 * current) ? Int(wanted) : 2 * current
    }
    return min(maximum, max(current + 1, projected))
  }

  /// Short text for reports and `--dry-run`.
  public var summary: String {
    "\(minimum)–\(maximum) replicates per cell, until the 95% CI half-width of "
      + (reference == .baseline
        ? "the paired difference in `\(metric)` against the baseline" : "`\(metric)`")
      + " is at most \(ScenarioLimits.show(halfwidthPercent))% of the "
      + (reference == .baseline ? "baseline's mean" : "mean")
  }
}
