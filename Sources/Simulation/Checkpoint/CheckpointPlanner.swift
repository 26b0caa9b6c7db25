/// What a grace-period checkpoint managed to save.
public enum CheckpointOutcome: String, Sendable, CaseIterable, Codable {
  /// All progress kept.
  case full
  /// Progress since the last durable checkpoint kept in proportion to the
  /// share of state moved.
  case partial
  /// Progress since the last durable checkpoint lost.
  case restart
}

/// Decides, at a reclaim warning, how much of a task's progress survives.
///
/// In the grace period the instance can move `bandwidth × grace` of state;
/// `ratio = transferable / state`. A ratio of at least `fullThreshold` saves
/// everything, at least `partialThreshold` saves progress in proportion to
/// the ratio, and anything less saves nothing new.
public struct CheckpointPlanner: Sendable, Hashable {
  /// Ratio at or above which the checkpoint is full (default 0.8).
  public var fullThreshold: Double
  /// Ratio at or above which the checkpoint is partial (default 0.3).
  public var partialThreshold: Double

  /// Creates a planner; thresholds must satisfy 0 ≤ partial ≤ full.
  public init(fullThreshold: Double = 0.8, partialThreshold: Double = 0.3) {
    precondition(0 <= partialThreshold && partialThreshold <= fullThreshold)
    self.fullThreshold = fullThreshold
    self.partialThreshold = partialThreshold
  }

  /// The result of checkpointing one task.
  public struct Decision: Sendable, Equatable {
    /// The outcome band.
    public var outcome: CheckpointOutcome
    /// Transferable state ÷ state size.
    public var ratio: Double
    /// Durable progress after the checkpoint, in work-hours.
    public var durableProgress: Double
    /// MiB written by the checkpoint.
    public var savedMiB: Double
  }

  /// The ratio band for a transfer ratio.
  public func outcome(forRatio ratio: Double) -> CheckpointOutcome {
    if ratio >= fullThreshold { return .full }
    if ratio >= partialThreshold { return .partial }
    return .restart
  }

  /// Checkpoints a task.
  /// - Parameters:
  ///   - progress: work done so far.
  ///   - durable: work saved by the last durable checkpoint (≤ progress).
  ///   - stateMiB: state the checkpoint must move.
  ///   - bandwidthGbps: the instance's link.
  ///   - graceHours: the notice.
  public func checkpoint(
    progress: Double, durable: Double, stateMiB: Double, bandwidthGbps: Double,
    graceHours: Double
  ) -> Decision {
    let transferable = Units.transferableMiB(gbps: bandwidthGbps, hours: graceHours)
    let ratio = stateMiB > 0 ? transferable / stateMiB : .infinity
    switch outcome(forRatio: ratio) {
    case .full:
      return Decision(
        outcome: .full, ratio: ratio, durableProgress: progress, savedMiB: stateMiB)
    case .partial:
      let kept = durable + (progress - durable) * Swift.min(1, ratio)
      return Decision(
        outcome: .partial, ratio: ratio, durableProgress: kept,
        savedMiB: Swift.min(stateMiB, transferable))
    case .restart:
      return Decision(outcome: .restart, ratio: ratio, durableProgress: durable, savedMiB: 0)
    }
  }
}
