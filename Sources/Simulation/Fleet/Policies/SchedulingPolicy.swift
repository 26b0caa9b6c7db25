/// How capacity is bought: reclaimable and cheap, or fixed-price and safe.
public enum Capacity: String, Sendable, CaseIterable, Codable {
  /// Spot / preemptible capacity.
  case spot
  /// On-demand capacity: never reclaimed.
  case onDemand = "on-demand"
}

/// What a policy sees of a task when it decides.
public struct TaskSnapshot: Sendable {
  /// The task as generated.
  public var spec: TaskSpec
  /// Work that survives a move now (durable progress), in work-hours.
  public var progress: Double
  /// Reclaim warnings that have hit this task so far.
  public var preemptions: Int
  /// Capacity the task runs on now, if it is running.
  public var capacity: Capacity?

  /// Creates a snapshot.
  public init(spec: TaskSpec, progress: Double, preemptions: Int, capacity: Capacity?) {
    self.spec = spec
    self.progress = progress
    self.preemptions = preemptions
    self.capacity = capacity
  }

  /// Remaining work in reference hours.
  public var remainingWork: Double { Swift.max(0, spec.work - progress) }
}

/// What a policy sees of the world when it decides.
public struct PolicyContext: Sendable {
  /// The current time in hours.
  public var now: Double
  /// Whether any spot pool that fits the task can be launched now.
  public var spotAvailable: Bool
  /// When spot next becomes launchable (nil: never again in the market).
  public var nextSpotAvailable: Double?
  /// Relative speed of the on-demand accelerator the task would get.
  public var onDemandSpeed: Double
  /// Hours a restart costs before progress resumes: boot plus state transfer.
  public var restartOverhead: Double

  /// Creates a context.
  public init(
    now: Double, spotAvailable: Bool, nextSpotAvailable: Double?, onDemandSpeed: Double,
    restartOverhead: Double
  ) {
    self.now = now
    self.spotAvailable = spotAvailable
    self.nextSpotAvailable = nextSpotAvailable
    self.onDemandSpeed = onDemandSpeed
    self.restartOverhead = restartOverhead
  }
}

/// Where a task should run next.
public enum PlacementDecision: Sendable, Equatable {
  /// Run on spot capacity.
  case spot
  /// Run on on-demand capacity.
  case onDemand
  /// Do not place yet; ask again at the given time.
  case wait(until: Double)
}

/// What to do with a running task at a periodic review.
public enum ReviewDecision: Sendable, Equatable {
  /// Leave it where it is.
  case keep
  /// Checkpoint it fully and move it to the other kind of capacity.
  case move(to: Capacity)
}

/// Decides spot versus on-demand for each task, and when to switch.
///
/// Conform to this protocol to add a policy, then register it by name in a
/// `PolicyRegistry`. A policy must be a pure function of what it is shown:
/// no randomness of its own, no clock.
public protocol SchedulingPolicy: Sendable {
  /// The name results are stored under, e.g. `greedy`.
  var name: String { get }

  /// Where `task` should run: called on arrival, after every reclaim warning,
  /// and when a `wait` expires.
  func place(_ task: TaskSnapshot, context: PolicyContext) -> PlacementDecision

  /// Hours between reviews of running tasks; nil (the default) for none.
  var reviewInterval: Double? { get }

  /// The capacity whose running tasks are reviewed (default: both). Naming
  /// only what the policy can act on keeps reviews cheap in large fleets.
  var reviewedCapacities: [Capacity] { get }

  /// Reviews a running task; the default keeps it.
  func review(_ task: TaskSnapshot, context: PolicyContext) -> ReviewDecision
}

extension SchedulingPolicy {
  public var reviewInterval: Double? { nil }

  public var reviewedCapacities: [Capacity] { Capacity.allCases }

  public func review(_ task: TaskSnapshot, context: PolicyContext) -> ReviewDecision { .keep }

  /// Spot when it can be had, else wait for it; on-demand if spot never
  /// returns (so no task starves in a finite trace).
  public func spotOrWait(_ context: PolicyContext) -> PlacementDecision {
    if context.spotAvailable { return .spot }
    if let next = context.nextSpotAvailable { return .wait(until: next) }
    return .onDemand
  }
}
