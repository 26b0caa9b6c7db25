/// Chooses what runs in each tick of a deadline job.
public protocol DeadlinePolicy: Sendable {
  /// Name results are stored under.
  var name: String { get }
  /// Whether the deadline guard applies (every policy but spot-only).
  var guarded: Bool { get }
  /// The mode for the coming tick (spot is ignored when unavailable).
  func decide(_ state: DeadlineState, job: DeadlineJob, tick: Double) -> DeadlineMode
}

extension DeadlinePolicy {
  public var guarded: Bool { true }
}

/// The guard that keeps every guarded policy on time: commit to on-demand
/// when, without progress this tick, starting on-demand next tick could no
/// longer finish by the deadline (remaining work + d > time left − one tick).
/// By induction, on-demand started by the guard always finishes in time.
public enum DeadlineGuard {
  /// Whether on-demand must run this tick.
  public static func mustRunOnDemand(_ s: DeadlineState, job: DeadlineJob, tick: Double) -> Bool {
    let remaining = job.work - s.done
    return remaining + job.restartOverhead > job.deadline - s.time - tick + 1e-9
  }
}

/// On-demand throughout.
public struct DeadlineOnDemandOnly: DeadlinePolicy {
  public init() {}
  public var name: String { "on-demand-only" }
  public func decide(_ s: DeadlineState, job: DeadlineJob, tick: Double) -> DeadlineMode {
    .onDemand
  }
}

/// Spot whenever available, idle otherwise; may miss the deadline.
public struct DeadlineSpotOnly: DeadlinePolicy {
  public init() {}
  public var name: String { "spot-only" }
  public var guarded: Bool { false }
  public func decide(_ s: DeadlineState, job: DeadlineJob, tick: Double) -> DeadlineMode {
    s.spotAvailable ? .spot : .idle
  }
}

/// Spot whenever available; otherwise wait — until waiting would miss the
/// deadline, then on-demand to the end (the guard).
public struct DeadlineGreedy: DeadlinePolicy {
  public init() {}
  public var name: String { "greedy" }
  public func decide(_ s: DeadlineState, job: DeadlineJob, tick: Double) -> DeadlineMode {
    s.spotAvailable ? .spot : .idle
  }
}

/// Uniform Progress as in the paper: when spot is unavailable, on-demand if
/// progress is behind the line c₀·t/D, else wait; once on on-demand, stay
/// until spot is available and (t + 2d)·c₀/D < work done.
public struct DeadlineUniformProgress: DeadlinePolicy {
  public init() {}
  public var name: String { "uniform-progress" }
  public func decide(_ s: DeadlineState, job: DeadlineJob, tick: Double) -> DeadlineMode {
    let rate = job.work / job.deadline
    if s.mode == .onDemand {
      let ahead = (s.time + 2 * job.restartOverhead) * rate < s.done
      return s.spotAvailable && ahead ? .spot : .onDemand
    }
    if s.spotAvailable { return .spot }
    return s.done < rate * s.time ? .onDemand : .idle
  }
}

/// Deadline policies by name (`optimal-offline` is solved, not simulated).
public enum DeadlinePolicies {
  /// The simulated policies.
  public static let all: [any DeadlinePolicy] = [
    DeadlineOnDemandOnly(), DeadlineSpotOnly(), DeadlineGreedy(), DeadlineUniformProgress(),
  ]

  /// Names, including `optimal-offline`.
  public static var names: [String] { all.map(\.name) + ["optimal-offline"] }
}
