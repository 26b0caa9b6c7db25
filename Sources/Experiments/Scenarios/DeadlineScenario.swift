import Foundation
import Simulation

/// A resolved deadline-job run: one job on one zone's trace window.
public struct DeadlineScenario: Sendable {
  /// The job.
  public var job: DeadlineJob
  /// The trace window (from the start hour to the deadline).
  public var window: TraceWindow
  /// A policy name from `DeadlinePolicies.names`.
  public var policy: String
  /// Identifies the window for the optimum cache.
  public var windowKey: String
  /// Shared optimum results (one solve per window per sweep).
  public var optima: OptimumCache

  /// Runs the policy (or solves the optimum) and reports metrics, with the
  /// on-demand-only cost of the same window as the baseline and the cost
  /// relative to the omniscient optimum.
  public func run() -> RunMetrics {
    let optimum = optima.optimum(key: windowKey) { OfflineOptimum.solve(job: job, window: window) }
    let outcome: DeadlineOutcome
    if policy == "optimal-offline" {
      outcome =
        optimum
        ?? DeadlineJobSimulator.run(DeadlineOnDemandOnly(), job: job, window: window)
    } else {
      let chosen = DeadlinePolicies.all.first { $0.name == policy }!
      outcome = DeadlineJobSimulator.run(chosen, job: job, window: window)
    }
    let baseline = DeadlineJobSimulator.run(DeadlineOnDemandOnly(), job: job, window: window)
    var m = Self.metrics(outcome, job: job, baselineCost: baseline)
    m.eventsProcessed = window.available.count
    if let optimum, optimum.cost > 0 { m.gapToOptimal = outcome.cost / optimum.cost }
    return m
  }
}

extension DeadlineScenario {
  /// A deadline job's outcome as run metrics, with savings against the
  /// on-demand baseline's outcome on equal work.
  static func metrics(
    _ outcome: DeadlineOutcome, job: DeadlineJob, baselineCost baseline: DeadlineOutcome
  )
    -> RunMetrics
  {
    var m = RunMetrics()
    m.tasks = 1
    m.completed = outcome.missed ? 0 : 1
    m.unfinished = 1 - m.completed
    m.deadlineMisses = outcome.missed ? 1 : 0
    m.totalCost = outcome.cost
    m.spotCost = outcome.spotCost
    m.onDemandCost = outcome.cost - outcome.spotCost - outcome.egressCost
    m.spotInstanceHours = outcome.spotHours
    m.onDemandInstanceHours = outcome.onDemandHours
    m.preemptions = outcome.preemptions
    m.instancesReclaimed = outcome.preemptions
    m.instancesLaunched = outcome.restarts
    // One job: its completion time is the mean and the median; tail
    // percentiles of a single value would say nothing, so they stay nil.
    if let finish = outcome.finishedAt, !outcome.missed {
      m.completionMean = finish
      m.completionP50 = finish
    }
    m.completedWorkHours = outcome.missed ? 0 : job.work
    m.unfinishedWorkHours = job.work - m.completedWorkHours
    if m.completedWorkHours > 0 { m.costPerWorkHour = m.totalCost / m.completedWorkHours }
    m.setBaseline(baseline.cost, completedWork: baseline.missed ? 0 : job.work)
    return m
  }
}

/// Omniscient optima by window, shared by the runs of a sweep. Thread-safe.
public final class OptimumCache: Sendable {
  private let memo = Memo<DeadlineOutcome?>()

  /// An empty cache.
  public init() {}

  /// The optimum for `key`, solving it on first use; a second caller for
  /// the same key waits for the first instead of solving again.
  func optimum(key: String, solve: () -> DeadlineOutcome?) -> DeadlineOutcome? {
    memo.value(key, compute: solve)
  }
}

/// A resolved run of either model.
public enum RunnableScenario: Sendable {
  /// The event-driven fleet simulator.
  case fleet(Scenario)
  /// One deadline job on a trace window.
  case deadline(DeadlineScenario)
  /// One deadline job over several zones' windows.
  case regional(RegionalDeadlineScenario)

  /// Runs it with `seed` (deadline jobs are deterministic and ignore it).
  public func run(seed: UInt64) -> RunMetrics {
    switch self {
    case .fleet(var scenario):
      scenario.seed = seed
      return Self.scored(Simulation.run(scenario), scenario)
    case .deadline(let scenario):
      return scenario.run()
    case .regional(let scenario):
      return scenario.run()
    }
  }
}

extension RunnableScenario {
  /// A fleet run's metrics with its forecasters' quality over the run's
  /// hours, when it moves on forecasts (`proactive_threshold`).
  static func scored(_ metrics: RunMetrics, _ scenario: Scenario) -> RunMetrics {
    guard let f = scenario.proactive?.forecasts else { return metrics }
    var m = metrics
    m.scoreForecasts(f, ticks: TraceWindow.ticks(covering: scenario.horizon, tick: f.tickHours))
    return m
  }
}

extension ScenarioConfig {
  /// Resolves to whichever model `model` names.
  public func resolveRunnable(
    catalog: AcceleratorCatalog, policies: PolicyRegistry = .standard,
    traces: TraceCache = TraceCache(), optima: OptimumCache = OptimumCache()
  ) throws -> RunnableScenario {
    guard model == "deadline-job" else {
      return .fleet(try resolve(catalog: catalog, policies: policies, traces: traces))
    }
    if traceZones != nil || regions != nil {
      return .regional(
        try resolveRegional(catalog: catalog, policies: policies, traces: traces, optima: optima))
    }
    guard DeadlinePolicies.names.contains(policy) else {
      throw ExperimentsError.unknownName(
        file: file, key: "policy", name: policy, known: DeadlinePolicies.names)
    }
    // The fleet part (accelerator, prices) resolves as usual; the deadline
    // policies are not fleet policies, so resolve it with a placeholder.
    var fleetConfig = self
    fleetConfig.policy = "greedy"
    let fleet = try fleetConfig.resolve(catalog: catalog, policies: policies, traces: traces).fleet
    guard let market = try marketModel(traces, catalog: catalog) as? TraceMarket else {
      throw ExperimentsError.invalidValue(
        file: file, key: "market", value: market, expected: "trace:PATH for model deadline-job")
    }
    guard let zone = traceZone else {
      throw ExperimentsError.missingKey(file: file, key: "trace_zone")
    }
    guard let trace = market.traces.first(where: { $0.zone == zone }) else {
      throw ExperimentsError.unknownName(
        file: file, key: "trace_zone", name: zone, known: market.traces.map(\.zone))
    }
    let work = self.work.mean
    guard deadlineHours >= work + restartOverheadHours else {
      throw ExperimentsError.invalidValue(
        file: file, key: "deadline_hours", value: "\(deadlineHours)",
        expected: "at least work + restart overhead (\(work + restartOverheadHours) h)")
    }
    let type = fleet[0]
    let job = DeadlineJob(
      work: work, deadline: deadlineHours, restartOverhead: restartOverheadHours,
      onDemandPrice: type.onDemandPrice)
    let window = TraceWindow(
      trace: trace, startHour: traceStartHour,
      ticks: TraceWindow.ticks(covering: deadlineHours, tick: trace.tickHours),
      fallbackPrice: type.spotPrice)
    let key =
      "\(market.traces.count)|\(zone)|\(traceStartHour)|\(work)|\(deadlineHours)|\(restartOverheadHours)|\(type.onDemandPrice)"
    return .deadline(
      DeadlineScenario(job: job, window: window, policy: policy, windowKey: key, optima: optima))
  }
}
