/// Chooses where a deadline job runs in each tick.
///
/// A policy sees one `DeadlineView`: the job's state and the window's
/// traces up to now. It returns a place or nil to idle; a spot zone without
/// spot this tick means idle. Every guarded policy is kept on time by
/// `DeadlineGuard`. The same policy runs on one zone or many.
public protocol DeadlinePolicy: Sendable {
  /// Name results are stored under.
  var name: String { get }
  /// Whether the deadline guard applies (every policy but spot-only).
  var guarded: Bool { get }
  /// The place for the coming tick, or nil to idle.
  func decide(_ view: DeadlineView, job: DeadlineJob) -> Place?
}

extension DeadlinePolicy {
  public var guarded: Bool { true }
}

/// How a run of the deadline-job model is decided: by a simulated policy,
/// by the value policy on the run's fitted forecasters, or by the exact
/// optimum (solved, not simulated).
public enum DeadlineStrategy: Sendable {
  /// A policy simulated tick by tick.
  case simulated(any DeadlinePolicy)
  /// `synkti-forecast`: the value policy on forecasters fitted to the run's
  /// traces (the scenario fits them).
  case valueOnForecasts
  /// `optimal-offline`: the omniscient optimum.
  case optimum
}

/// The deadline-job policies by name: the one place names are parsed.
public enum DeadlinePolicies {
  /// Every simulated policy that needs nothing but the window, in the
  /// order the exact optimum tries them as incumbents.
  public static let all: [any DeadlinePolicy] =
    UniformProgress.ZoneChoice.moving.map { UniformProgress($0) as any DeadlinePolicy } + [
      ValuePolicy(), OnDemandOnly(), SpotOnly(), Greedy(), UniformProgress(.firstZone),
    ]

  /// The name of the value policy on fitted forecasters.
  public static let forecastName = "synkti-forecast"
  /// The name of the omniscient optimum.
  public static let optimumName = "optimal-offline"

  /// Every name a spec may use.
  public static var names: [String] { all.map(\.name) + [forecastName, optimumName] }

  /// The strategy named `name`, or nil when there is none.
  public static func named(_ name: String) -> DeadlineStrategy? {
    if name == optimumName { return .optimum }
    if name == forecastName { return .valueOnForecasts }
    return all.first { $0.name == name }.map { .simulated($0) }
  }
}
