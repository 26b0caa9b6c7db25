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

/// How the share of state a checkpoint moves turns into saved progress.
public enum CheckpointModel: String, Sendable, CaseIterable, Codable {
  /// The litepaper's rule: a ratio of at least the full threshold keeps all
  /// progress, at least the partial threshold keeps it in proportion, less
  /// keeps nothing new. Not physical (0.79 keeps 79 %, 0.80 keeps 100 %),
  /// kept so its claims can be re-measured.
  case bands
  /// Physical: moving a fraction `min(1, ratio)` of the state saves that
  /// fraction of the progress since the last durable checkpoint, with no
  /// jump. The thresholds only label the outcome.
  case proportional
  /// No grace-period checkpoint: every reclaim restarts the task from its
  /// last durable checkpoint (the start, unless a voluntary move wrote one)
  /// — the baseline that says what checkpointing is worth.
  case none
}

/// Decides, at a reclaim warning, how much of a task's progress survives.
///
/// In the grace period the instance can move `bandwidth × grace` of state to
/// durable storage; `ratio = transferable / state`. The tasks of one
/// instance share its link (`sharedLink`). Under `bands` a ratio of at least
/// `fullThreshold` saves everything, at least `partialThreshold` saves
/// progress in proportion to the ratio, and anything less saves nothing new;
/// under `proportional` the saved share is `min(1, ratio)` throughout.
public struct CheckpointPlanner: Sendable, Hashable {
  /// Ratio at or above which the checkpoint is full (default 0.8).
  public var fullThreshold: Double
  /// Ratio at or above which the checkpoint is partial (default 0.3).
  public var partialThreshold: Double
  /// How a ratio becomes saved progress (default `bands`).
  public var model: CheckpointModel

  /// Creates a planner; thresholds must satisfy 0 ≤ partial ≤ full.
  public init(
    fullThreshold: Double = 0.8, partialThreshold: Double = 0.3, model: CheckpointModel = .bands
  ) {
    precondition(0 <= partialThreshold && partialThreshold <= fullThreshold)
    self.fullThreshold = fullThreshold
    self.partialThreshold = partialThreshold
    self.model = model
  }

  /// The result of checkpointing one task.
  public struct Decision: Sendable, Equatable {
    /// The outcome band.
    public var outcome: CheckpointOutcome
    /// This task's share of the transferable state ÷ its state size.
    public var ratio: Double
    /// Durable progress after the checkpoint, in work-hours.
    public var durableProgress: Double
    /// MiB written by the checkpoint.
    public var savedMiB: Double
    /// Hours after the warning when the checkpoint is durable (its upload,
    /// after those ahead of it on the same link, is done).
    public var durableAfterHours: Double = 0
  }

  /// One task's inputs to a checkpoint.
  public struct Checkpointing: Sendable, Equatable {
    /// Work done so far.
    public var progress: Double
    /// Work saved by the last durable checkpoint (≤ progress).
    public var durable: Double
    /// State the checkpoint must move, MiB.
    public var stateMiB: Double

    /// Creates the inputs.
    public init(progress: Double, durable: Double, stateMiB: Double) {
      self.progress = progress
      self.durable = durable
      self.stateMiB = stateMiB
    }
  }

  /// The ratio band for a transfer ratio.
  public func outcome(forRatio ratio: Double) -> CheckpointOutcome {
    if model == .none { return .restart }
    if ratio >= fullThreshold { return .full }
    if ratio >= partialThreshold { return .partial }
    return .restart
  }

  /// The share of the progress since the last durable checkpoint that a
  /// checkpoint of transfer ratio `ratio` saves.
  public func savedShare(forRatio ratio: Double) -> Double {
    switch model {
    case .proportional: return Swift.min(1, Swift.max(0, ratio))
    case .none: return 0
    case .bands:
      switch outcome(forRatio: ratio) {
      case .full: return 1
      case .partial: return Swift.min(1, ratio)
      case .restart: return 0
      }
    }
  }

  /// Checkpoints one task that may move `transferableMiB` of its state.
  public func checkpoint(_ task: Checkpointing, transferableMiB: Double) -> Decision {
    let ratio = task.stateMiB > 0 ? transferableMiB / task.stateMiB : .infinity
    let share = savedShare(forRatio: ratio)
    let kept = share >= 1 ? task.progress : task.durable + (task.progress - task.durable) * share
    let saved = share > 0 ? Swift.min(task.stateMiB, transferableMiB) : 0
    return Decision(
      outcome: outcome(forRatio: ratio), ratio: ratio, durableProgress: kept, savedMiB: saved)
  }

  /// Checkpoints a task alone on a link of `bandwidthGbps` for `graceHours`.
  public func checkpoint(
    progress: Double, durable: Double, stateMiB: Double, bandwidthGbps: Double,
    graceHours: Double
  ) -> Decision {
    sharedLink(
      [Checkpointing(progress: progress, durable: durable, stateMiB: stateMiB)],
      bandwidthGbps: bandwidthGbps, graceHours: graceHours)[0]
  }

  /// Checkpoints the tasks of one instance, which share its link: together
  /// they move at most `bandwidth × grace`.
  ///
  /// The rule: tasks take the link in order of progress at stake per MiB of
  /// state, `(progress − durable) / state`, highest first (ties in the given
  /// order); each takes what it needs to move all its state, or what is left.
  /// For `proportional` this maximises the progress saved (a fractional
  /// knapsack); for `bands` it is the same greedy order. Uploads run one
  /// after another in that order, so each checkpoint is durable when its own
  /// upload ends.
  /// - Returns: one decision per task, in the given order.
  public func sharedLink(_ tasks: [Checkpointing], bandwidthGbps: Double, graceHours: Double)
    -> [Decision]
  {
    var left = Units.transferableMiB(gbps: bandwidthGbps, hours: graceHours)
    var written = 0.0
    let order = tasks.indices.sorted { a, b in
      let da = Self.stakePerMiB(tasks[a])
      let db = Self.stakePerMiB(tasks[b])
      return da != db ? da > db : a < b
    }
    var decisions = [Decision?](repeating: nil, count: tasks.count)
    for i in order {
      decisions[i] = upload(
        tasks[i], left: &left, written: &written, bandwidthGbps: bandwidthGbps)
    }
    return decisions.map { $0! }
  }

  /// `sharedLink` for one task alone on the link: its decision, without
  /// the arrays (most warnings hit one task).
  public func alone(_ task: Checkpointing, bandwidthGbps: Double, graceHours: Double)
    -> Decision
  {
    var left = Units.transferableMiB(gbps: bandwidthGbps, hours: graceHours)
    var written = 0.0
    return upload(task, left: &left, written: &written, bandwidthGbps: bandwidthGbps)
  }

  /// `task`'s turn on a link that can still move `left` MiB after
  /// `written` MiB went up before it: its decision, durable when its own
  /// upload ends; `left` and `written` advance by what it saved.
  func upload(
    _ task: Checkpointing, left: inout Double, written: inout Double, bandwidthGbps: Double
  ) -> Decision {
    var decision = checkpoint(task, transferableMiB: Swift.min(left, task.stateMiB))
    left -= decision.savedMiB
    written += decision.savedMiB
    decision.durableAfterHours =
      decision.savedMiB > 0 ? Units.transferHours(mib: written, gbps: bandwidthGbps) : 0
    return decision
  }

  /// Progress at stake per MiB of state (infinite for stateless tasks).
  static func stakePerMiB(_ task: Checkpointing) -> Double {
    let stake = task.progress - task.durable
    return task.stateMiB > 0 ? stake / task.stateMiB : .infinity
  }
}
