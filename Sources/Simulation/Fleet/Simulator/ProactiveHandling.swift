/// Acting before the warning, on a trace market: every `intervalHours` the
/// run asks each spot zone's forecaster how likely the zone is to lose its
/// capacity within the next interval. Where that probability exceeds
/// `threshold`, every task running on the zone's instances checkpoints in
/// full and migrates at once, to targets ranked by their predicted
/// lifetimes, never into a zone that is itself predicted to fail.
///
/// With the `value` test, a flagged zone's task moves only when the move
/// pays: its expected cost where it is (its remaining runtime at this
/// slot's price, plus the rework of the losses the forecast expects) exceeds
/// the cheapest move's (the migration planner's own price of the target,
/// with the checkpoint taken now, whose upload delays the start there). The
/// threshold test moves every task of a flagged zone, into dear zones too.
///
/// The forecasters see each zone's trace up to now only (`ZoneForecasts`);
/// only `noisy-oracle` reads the future, by design.
public struct ProactiveHandling: Sendable {
  /// Which of a flagged zone's tasks move.
  public enum Test: String, Sendable, CaseIterable {
    /// Every one (the zone's predicted loss probability is above the
    /// threshold).
    case threshold
    /// Those whose expected loss of staying exceeds the move's cost.
    case value
  }

  /// Move a zone's tasks when its predicted loss probability exceeds this.
  public var threshold: Double
  /// Hours between forecast reviews, and the interval a loss is predicted
  /// over.
  public var intervalHours: Double
  /// One fitted forecaster per trace zone, with the traces and where the
  /// run starts in them.
  public var forecasts: ZoneForecasts
  /// Which of a flagged zone's tasks move (default: every one).
  public var test: Test

  /// Creates the option; `threshold` is in [0, 1) and the interval positive.
  public init(
    threshold: Double, intervalHours: Double, forecasts: ZoneForecasts, test: Test = .threshold
  ) {
    precondition((0..<1).contains(threshold) && intervalHours > 0)
    self.threshold = threshold
    self.intervalHours = intervalHours
    self.forecasts = forecasts
    self.test = test
  }
}
