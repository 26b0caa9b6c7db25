import Foundation
import Simulation

/// A resolved run of the deadline-job model: one job on the window of one
/// zone (`trace_zone`) or several (`trace_zones`, `zone_order`), under one
/// strategy, with its window's on-demand baseline and exact optimum.
public struct DeadlineScenario: Sendable {
  /// The job.
  public var job: DeadlineJob
  /// The zones' windows, on-demand prices, paths and egress.
  public var window: DeadlineWindow
  /// The policy that runs, or the optimum.
  public var strategy: DeadlineStrategy
  /// Which optimum this window is measured against, and its identity in
  /// `optima`.
  public var optimum: OptimumKey
  /// Shared optima (one solve per window per sweep).
  public var optima: OptimumCache
  /// The zones' fitted forecasters, for `synkti-forecast`.
  public var forecasts: ZoneForecasts?
  /// How the policy observes spot (the baseline and optimum need not).
  public var probing = Probing.free
  /// `synkti-value`'s parameters, for `synkti-forecast` too.
  public var value = ValuePolicy()
  /// The run's seed (set per run): a randomized policy's draws come from
  /// its streams.
  public var seed: UInt64 = 1
  /// The window of the job's own type alone, where `window` adds other
  /// types (`chips`): policies that do not choose types run on it.
  public var singleTypeWindow: DeadlineWindow?
  /// The catalog name of each accelerator type of `window`, by its index
  /// in `DeadlineWindow.types` (the job's own type first, then `chips`).
  public var typeNames: [String] = []

  /// Draws of a randomized policy (`ross`) whose mean is a run's outcome.
  public static let policyDraws = 32

  /// Runs the strategy and reports metrics against on-demand in the first
  /// zone's region and the omniscient optimum.
  public func run() -> RunMetrics {
    let best = optima.optimum(optimum) { solveOptimum() }
    let outcome = self.outcome(optimum: best)
    let ownType = singleTypeWindow ?? window
    let baseline = DeadlineSimulator.run(OnDemandOnly(), job: job, window: ownType)
    var m = Self.metrics(outcome, job: job, baselineCost: baseline)
    m.egressCost = outcome.egressCost
    m.zoneMigrations = outcome.migrations
    m.probes = outcome.probes
    m.probeCost = outcome.probeCost
    m.workLostHours = outcome.lostWork
    m.eventsProcessed = window.ticks
    if singleTypeWindow != nil, !outcome.missed, strategy.choosesTypes {
      m.otherTypeWorkShare = outcome.otherTypeWork / job.work
      if outcome.workByType.count == typeNames.count {
        m.workShareByType = zip(typeNames, outcome.workByType).map {
          TypeWorkShare(type: $0, share: $1 / job.work)
        }
      }
    }
    if let best, best.cost > 0 { m.gapToOptimal = outcome.cost / best.cost }
    if case .valueOnForecasts = strategy, let forecasts {
      m.scoreForecasts(forecasts, ticks: window.ticks)
    }
    return m
  }

  /// What the strategy does on its window: the policy simulated, or the
  /// optimum (on-demand only when no schedule finishes).
  public func outcome() -> DeadlineOutcome {
    guard case .optimum = strategy else { return outcome(optimum: nil) }
    return outcome(optimum: optima.optimum(optimum) { solveOptimum() })
  }

  /// `outcome()` with the window's optimum `best` already solved (nil: no
  /// schedule finishes; read only when the strategy is the optimum).
  func outcome(optimum best: DeadlineOutcome?) -> DeadlineOutcome {
    switch strategy {
    case .optimum:
      return best ?? DeadlineSimulator.run(OnDemandOnly(), job: job, window: window)
    case .simulated(let policy as any RandomizedDeadlinePolicy):
      return DeadlineSimulator.expected(
        policy, job: job, window: runsOn, probing: probing, root: seed, draws: Self.policyDraws)
    case .simulated, .valueOnForecasts:
      return DeadlineSimulator.run(singleRunPolicy!, job: job, window: runsOn, probing: probing)
    }
  }

  /// The strategy's run tick by tick (`DeadlineSimulator.timeline`); nil
  /// for the optimum and a randomized policy, which have no single run.
  public func timeline() -> [DeadlineStep]? {
    singleRunPolicy.map {
      DeadlineSimulator.timeline($0, job: job, window: runsOn, probing: probing).steps
    }
  }

  /// The window the strategy runs on: the published single-type baselines
  /// keep to the job's own type.
  var runsOn: DeadlineWindow { strategy.choosesTypes ? window : singleTypeWindow ?? window }

  /// The policy whose one run is the strategy's outcome; nil for the
  /// optimum and a randomized policy (the mean of many draws).
  var singleRunPolicy: (any DeadlinePolicy)? {
    switch strategy {
    case .optimum, .simulated(_ as any RandomizedDeadlinePolicy): return nil
    case .simulated(let policy): return policy
    case .valueOnForecasts:
      var policy = value
      policy.forecasts = forecasts
      return policy
    }
  }

  /// The window's exact optimum, by the solver its key names.
  func solveOptimum() -> DeadlineOutcome? {
    switch optimum.solver {
    case .singleZone: return SingleZoneOptimum.solve(job: job, window: window.slice(zone: 0))
    case .zones: return DeadlineOptimum.solve(job: job, window: window)
    }
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
    m.onDemandCost = Swift.max(
      0, outcome.cost - outcome.spotCost - outcome.egressCost - outcome.probeCost)
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

/// What a deadline job's window is built from: cells with equal keys (they
/// differ only in their policy) share one window, and its arrays.
struct WindowKey: Hashable, Sendable {
  /// The market (`trace:PATH`) and the window's zones, in order.
  var market: String
  var zones: [String]
  /// A `trace_zone` window (one zone, the catalog's on-demand price).
  var singleZone: Bool
  var startHour: Double
  var ticks: Int
  var fallbackSpotPrice: Double
  var onDemandPrice: Double
  var checkpointGB: Double
  /// In-region, cross-region and cross-continent Gbit/s, default egress $/GB.
  var network: [Double]
  /// On-demand as a multiple of the first zone's mean spot price (nil: as priced).
  var onDemandRatio: Double?
  /// Other accelerator types added to the window, and their speeds
  /// relative to the window's own type.
  var chips: [String] = []
  var chipSpeeds: [Double] = []
}

/// Which exact optimum a run is measured against, and its identity: runs
/// with equal keys (the same window and job) share one solve.
public struct OptimumKey: Hashable, Sendable {
  /// The solver.
  public enum Solver: Hashable, Sendable {
    /// `SingleZoneOptimum` on the window's one zone (`trace_zone` cells).
    case singleZone
    /// `DeadlineOptimum` over the window's zones (`trace_zones`, `zone_order`).
    case zones
  }

  /// The window it is solved on.
  let window: WindowKey
  /// The job.
  let job: DeadlineJob

  /// The solver: the single-zone DP for a `trace_zone` window, else the
  /// search over the window's zones.
  public var solver: Solver { window.singleZone ? .singleZone : .zones }
}

/// Omniscient optima and the windows they are solved on, shared by the
/// runs of a sweep. Thread-safe.
public final class OptimumCache: Sendable {
  private let memo = Memo<OptimumKey, DeadlineOutcome?>()
  private let windows = Memo<WindowKey, DeadlineWindow>()

  /// The window for `key`, built on first use.
  func window(_ key: WindowKey, build: () -> DeadlineWindow) -> DeadlineWindow {
    windows.value(key, compute: build)
  }

  /// An empty cache.
  public init() {}

  /// The optimum for `key`, solving it on first use; a second caller for
  /// the same key waits for the first instead of solving again.
  func optimum(_ key: OptimumKey, solve: () -> DeadlineOutcome?) -> DeadlineOutcome? {
    memo.value(key, compute: solve)
  }
}
