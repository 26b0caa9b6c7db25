/// Chooses where a deadline job runs in each tick.
///
/// A policy sees one `DeadlineView`: the job's state and the window's
/// traces up to now. It returns a place or nil to idle; a spot zone without
/// spot this tick means idle. Every guarded policy is kept on time by
/// `DeadlineGuard`. The same policy runs on one zone or many.
///
/// A policy is a value: each run starts from a copy, so a policy may keep
/// what it learns during a run (probe outcomes, say) in its own fields.
/// With modelled probing (`Probing`), a spot zone the policy picks but that
/// has no spot is a failed launch: it is observed, and the policy decides
/// again in the same tick, until it picks a place that runs, nil, or a zone
/// it already tried.
public protocol DeadlinePolicy: Sendable {
  /// Name results are stored under.
  var name: String { get }
  /// Whether the deadline guard applies (every policy but spot-only).
  var guarded: Bool { get }
  /// Whether it chooses among accelerator types: a policy that does not
  /// runs on its window's own type only (the published single-type
  /// baselines), however many types the window offers.
  var choosesTypes: Bool { get }
  /// The place for the coming tick, or nil to idle.
  mutating func decide(_ view: DeadlineView, job: DeadlineJob) -> Place?
  /// The zones to probe at the end of the tick, once the job is at
  /// `place`; called only with modelled probing. Results arrive as news.
  mutating func probes(_ view: DeadlineView, job: DeadlineJob, place: Place?) -> [Int]
}

extension DeadlinePolicy {
  public var guarded: Bool { true }
  public var choosesTypes: Bool { false }
  public func probes(_ view: DeadlineView, job: DeadlineJob, place: Place?) -> [Int] { [] }
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

extension DeadlineStrategy {
  /// Whether the strategy chooses among accelerator types: the optimum,
  /// and policies that do (`DeadlinePolicy.choosesTypes`).
  public var choosesTypes: Bool {
    switch self {
    case .optimum: return true
    case .simulated(let policy): return policy.choosesTypes
    case .valueOnForecasts: return false
    }
  }
}

/// The deadline-job policies by name: the one place names are parsed.
public enum DeadlinePolicies {
  /// The policies the exact optimum tries as incumbents, in order.
  public static let incumbents: [any DeadlinePolicy] =
    UniformProgress.ZoneChoice.moving.map { UniformProgress($0) as any DeadlinePolicy } + [
      ProgressPerDollar(), OnDemandOnly(), SpotOnly(), Greedy(), UniformProgress(.firstZone),
    ]

  /// Every simulated policy that needs nothing but the window: the
  /// incumbents, then the published multi-region baselines.
  public static let all: [any DeadlinePolicy] =
    incumbents + [
      UniformProgress(.eagerFailover), ProbedUniformProgress(.availability),
      ProbedUniformProgress(.availabilityPrice), ValuePolicy(), Ross(), CheapestFeasible(),
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
