/// Always spot: the cheapest and the most exposed.
public struct GreedyPolicy: SchedulingPolicy {
  /// Creates the policy.
  public init() {}
  public var name: String { "greedy" }
  public func place(_ task: TaskSnapshot, context: PolicyContext) -> PlacementDecision {
    spotOrWait(context)
  }
}

/// Spot until a task has been reclaimed `k` times, then on-demand for good.
public struct OnDemandFallbackPolicy: SchedulingPolicy {
  /// Reclaims a task tolerates before it moves to on-demand.
  public var maxPreemptions: Int

  /// Creates the policy with threshold `maxPreemptions` (k ≥ 0).
  public init(maxPreemptions: Int = 2) { self.maxPreemptions = maxPreemptions }
  public var name: String { "on-demand-fallback" }
  public func place(_ task: TaskSnapshot, context: PolicyContext) -> PlacementDecision {
    task.preemptions >= maxPreemptions ? .onDemand : spotOrWait(context)
  }
}

/// On-demand only: the baseline every saving is measured against.
public struct OnDemandOnlyPolicy: SchedulingPolicy {
  /// Creates the policy.
  public init() {}
  public var name: String { "on-demand-only" }
  public func place(_ task: TaskSnapshot, context: PolicyContext) -> PlacementDecision {
    .onDemand
  }
}

/// Deadline-aware: keep to spot while progress keeps up with the uniform line
/// from arrival to deadline; fall back to on-demand when the slack left would
/// not survive one more restart.
///
/// After Wu, Chiang, et al., "Can't Be Late: Optimizing Spot Instance Savings
/// under Deadlines", NSDI 2024 (Uniform Progress). With `c₀` the work, `D`
/// the time from arrival to deadline and `d` the restart overhead:
/// - on-demand whenever the slack (deadline − now − remaining work at
///   on-demand speed − d) is less than d;
/// - otherwise spot when available; when not, on-demand if progress is behind
///   `c₀ · (t − arrival) / D`, else wait for spot;
/// - a task on on-demand returns to spot when spot is available and
///   `(t − arrival + 2d) · c₀ / D` is below its progress.
/// Tasks without a deadline are treated as Greedy.
public struct UniformProgressPolicy: SchedulingPolicy {
  /// Hours between reviews of tasks on on-demand.
  public var reviewEvery: Double

  /// Creates the policy.
  public init(reviewEvery: Double = 0.25) { self.reviewEvery = reviewEvery }
  public var name: String { "uniform-progress" }
  public var reviewInterval: Double? { reviewEvery }
  /// Only tasks on on-demand can be moved back to spot.
  public var reviewedCapacities: [Capacity] { [.onDemand] }

  /// Slack after finishing on on-demand from now, net of one restart.
  func slack(_ task: TaskSnapshot, _ context: PolicyContext, deadline: Double) -> Double {
    deadline - context.now - task.remainingWork / context.onDemandSpeed
      - context.restartOverhead
  }

  public func place(_ task: TaskSnapshot, context: PolicyContext) -> PlacementDecision {
    guard let deadline = task.spec.deadline else { return spotOrWait(context) }
    let slack = slack(task, context, deadline: deadline)
    if slack < context.restartOverhead { return .onDemand }
    if context.spotAvailable { return .spot }
    let window = Swift.max(deadline - task.spec.arrival, 1e-12)
    let line = task.spec.work * (context.now - task.spec.arrival) / window
    if task.progress < line { return .onDemand }
    // Ahead of the line: wait for spot, but not past the point where the
    // slack would stop covering a restart.
    let latest = context.now + (slack - context.restartOverhead)
    let until = Swift.min(context.nextSpotAvailable ?? latest, latest)
    return until > context.now ? .wait(until: until) : .onDemand
  }

  public func review(_ task: TaskSnapshot, context: PolicyContext) -> ReviewDecision {
    guard task.capacity == .onDemand, let deadline = task.spec.deadline,
      context.spotAvailable
    else { return .keep }
    let window = Swift.max(deadline - task.spec.arrival, 1e-12)
    let d = context.restartOverhead
    let ahead = (context.now - task.spec.arrival + 2 * d) * task.spec.work / window < task.progress
    let safe = slack(task, context, deadline: deadline) >= 2 * d
    return ahead && safe ? .move(to: .spot) : .keep
  }
}
