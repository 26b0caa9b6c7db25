/// What a workload is doing; decides how its checkpoint state grows.
public enum WorkloadKind: String, Sendable, CaseIterable, Codable {
  /// Serving: state is a KV cache that grows with progress.
  case inference
  /// Training: state is weights plus optimizer state, constant.
  case training
  /// Batch jobs: small constant state.
  case batch
}

/// How much state a checkpoint must move, as a function of progress.
///
/// `size(progressFraction) = baseMiB + growthMiB * progressFraction`.
public struct StateSizeModel: Sendable, Hashable, Codable {
  /// State present from the start (weights, optimizer state), in MiB.
  public var baseMiB: Double
  /// State added by the time the task is done (KV cache), in MiB.
  public var growthMiB: Double

  /// Creates a model.
  public init(baseMiB: Double, growthMiB: Double = 0) {
    self.baseMiB = baseMiB
    self.growthMiB = growthMiB
  }

  /// State in MiB at a progress fraction in [0, 1].
  @inlinable
  public func size(atFraction fraction: Double) -> Double {
    baseMiB + growthMiB * Swift.min(1, Swift.max(0, fraction))
  }
}

/// One task of the workload, as generated; never mutated by a run.
public struct TaskSpec: Sendable, Hashable {
  /// Index in the workload, from 0.
  public var id: Int
  /// Arrival time in hours.
  public var arrival: Double
  /// Work in hours on the reference accelerator (relative speed 1).
  public var work: Double
  /// Memory footprint on one GPU, in GiB.
  public var memoryGiB: Double
  /// Workload kind.
  public var kind: WorkloadKind
  /// Checkpoint state model.
  public var state: StateSizeModel
  /// Absolute deadline in hours, if any.
  public var deadline: Double?
  /// Model weights loaded on every start, MiB (from the target region's
  /// replica).
  public var weightsMiB: Double

  /// Creates a task.
  public init(
    id: Int, arrival: Double, work: Double, memoryGiB: Double,
    kind: WorkloadKind = .batch, state: StateSizeModel = StateSizeModel(baseMiB: 0),
    deadline: Double? = nil, weightsMiB: Double = 0
  ) {
    self.id = id
    self.arrival = arrival
    self.work = work
    self.memoryGiB = memoryGiB
    self.kind = kind
    self.state = state
    self.deadline = deadline
    self.weightsMiB = weightsMiB
  }

  /// State size in MiB after `progress` work-hours.
  @inlinable
  public func stateMiB(atProgress progress: Double) -> Double {
    state.size(atFraction: work > 0 ? progress / work : 1)
  }
}
