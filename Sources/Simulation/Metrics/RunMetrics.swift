/// What one run measured. Every field is a pure function of the scenario.
///
/// Units: dollars, hours, GiB. Completion times run from arrival to
/// completion, over completed tasks only, and are nil when none completed.
/// Savings compare equal delivered work (`setBaseline`).
public struct RunMetrics: Sendable, Equatable, Codable {
  /// Dollars for all instances, spot plus on-demand, plus egress.
  public var totalCost = 0.0
  /// Dollars for spot instances.
  public var spotCost = 0.0
  /// Dollars for on-demand instances.
  public var onDemandCost = 0.0
  /// Dollars the same replicate costs under on-demand only.
  public var baselineCost = 0.0
  /// Savings against the baseline on equal delivered work, percent; nil when
  /// the baseline delivered no work (see `setBaseline`).
  public var savingsPercent: Double?
  /// Work of the tasks completed, reference hours.
  public var completedWorkHours = 0.0
  /// Work of the tasks not completed by the horizon (arrived or not, failed
  /// excluded), reference hours: none of it was delivered.
  public var unfinishedWorkHours = 0.0
  /// Total cost ÷ completed work, $ per reference hour; nil when no work
  /// was completed.
  public var costPerWorkHour: Double?

  /// Tasks in the workload.
  public var tasks = 0
  /// Tasks finished by the horizon.
  public var completed = 0
  /// Tasks arrived but not finished by the horizon.
  public var unfinished = 0
  /// Tasks that could never run (no accelerator holds their memory).
  public var failed = 0
  /// Tasks that finished after their deadline, or had not finished when a
  /// deadline within the horizon passed.
  public var deadlineMisses = 0

  /// Mean completion time, hours (nil: nothing completed).
  public var completionMean: Double?
  /// Median completion time, hours (nil: nothing completed).
  public var completionP50: Double?
  /// 95th percentile completion time, hours (nil: nothing completed).
  public var completionP95: Double?
  /// 99th percentile completion time, hours (nil: nothing completed).
  public var completionP99: Double?

  /// Reclaim warnings that hit a task (one per task hit).
  public var preemptions = 0
  /// Spot instances that received a reclaim warning.
  public var instancesReclaimed = 0
  /// Grace-period checkpoints that kept all progress.
  public var checkpointsFull = 0
  /// Grace-period checkpoints that kept progress in proportion.
  public var checkpointsPartial = 0
  /// Reclaims where progress since the last durable checkpoint was lost.
  public var checkpointsRestart = 0
  /// Work lost to reclaims, reference hours.
  public var workLostHours = 0.0
  /// State moved by checkpoints and migrations, GiB.
  public var migratedGiB = 0.0
  /// Hours displaced tasks waited for state transfers to finish.
  public var transferHours = 0.0
  /// Moves a policy made on its own (reviews), not forced by reclaims.
  public var voluntaryMigrations = 0

  /// Spot instance-hours billed.
  public var spotInstanceHours = 0.0
  /// On-demand instance-hours billed.
  public var onDemandInstanceHours = 0.0
  /// Instances launched.
  public var instancesLaunched = 0
  /// Events taken off the queue, including cancelled ones.
  public var eventsProcessed = 0
  /// Dollars of egress for moving checkpoints between regions (in total).
  public var egressCost = 0.0
  /// Capacity crunches that struck a zone.
  public var crunches = 0
  /// Moves of a deadline job's checkpoint to another zone or region.
  public var zoneMigrations = 0
  /// Migration problems with two or more displaced tasks.
  public var migrationProblems = 0
  /// Tasks in the largest migration problem.
  public var largestMigrationProblem = 0
  /// Planned-cost regret of the chosen plans against the optimal ones, as a
  /// fraction (0 for `optimal`); nil without comparable problems.
  public var assignmentRegret: Double?
  /// The same for the naive plans of the same problems.
  public var assignmentRegretNaive: Double?
  /// The same for the best-fit plans of the same problems.
  public var assignmentRegretBestFit: Double?
  /// Problems where the naive plan would have placed fewer tasks.
  public var assignmentShortfallNaive = 0
  /// Problems where the best-fit plan would have placed fewer tasks.
  public var assignmentShortfallBestFit = 0
  /// Cost ÷ the omniscient optimum of the same window (deadline-job runs
  /// only; nil elsewhere).
  public var gapToOptimal: Double?
  /// Brier score of the run's forecaster at 10, 30 and 60 minutes over the
  /// window's ticks, mean over its zones (`synkti-forecast` runs only).
  public var forecastBrier10: Double?
  public var forecastBrier30: Double?
  public var forecastBrier60: Double?
  /// F1 of predicting unavailability at 10, 30 and 60 minutes, the same way.
  public var forecastF1_10: Double?
  public var forecastF1_30: Double?
  public var forecastF1_60: Double?
  /// Mean absolute error of the forecaster's spot lifetimes, hours.
  public var lifetimeMAEHours: Double?
  /// Tasks moved before any warning because a forecast predicted their
  /// zone's loss (`proactive_threshold`); what they cost is billed like
  /// every other move, in the instance-hours and egress above.
  public var proactiveMigrations = 0
  /// Probes a deadline policy made (modelled probing: `probe_interval_hours`
  /// > 0), and the dollars billed for those that found spot (included in
  /// `totalCost`).
  public var probes = 0
  public var probeCost = 0.0
  /// The least any schedule could pay to complete every completable task,
  /// by its deadline where one can be met, on this fleet run's realised
  /// path (`FleetBound`), and the run's cost (plus its unfinished or late
  /// work at on-demand) ÷ that bound (fleet runs with `bound: true` only;
  /// nil elsewhere).
  public var lowerBoundCost: Double?
  public var gapToBound: Double?
  /// Share of a deadline job's work done on accelerator types other than
  /// its own (deadline jobs with `chips` only; nil elsewhere).
  public var otherTypeWorkShare: Double?
  /// The share of a deadline job's work on each accelerator type of its
  /// window, the job's own first (with `otherTypeWorkShare`; nil elsewhere).
  public var workShareByType: [TypeWorkShare]?

  /// Creates zeroed metrics.
  public init() {}

  /// The names of metrics that are NaN or infinite (none for a sound run).
  /// A run that has any is stored as failed, never with those values.
  public var nonFiniteMetrics: [String] {
    Mirror(reflecting: self).children.compactMap { child in
      let value: Double?
      switch child.value {
      case let v as Double: value = v
      case let v as Double?: value = v
      default: value = nil
      }
      guard let value, !value.isFinite, let label = child.label else { return nil }
      return label
    }
  }

  /// Column and JSON names: snake_case, stable (a database migration names them).
  public enum CodingKeys: String, CodingKey, CaseIterable, Sendable {
    case totalCost = "total_cost"
    case spotCost = "spot_cost"
    case onDemandCost = "on_demand_cost"
    case baselineCost = "baseline_cost"
    case savingsPercent = "savings_percent"
    case tasks = "tasks_total"
    case completed, unfinished, failed
    case deadlineMisses = "deadline_misses"
    case completionMean = "completion_mean"
    case completionP50 = "completion_p50"
    case completionP95 = "completion_p95"
    case completionP99 = "completion_p99"
    case preemptions
    case instancesReclaimed = "instances_reclaimed"
    case checkpointsFull = "checkpoints_full"
    case checkpointsPartial = "checkpoints_partial"
    case checkpointsRestart = "checkpoints_restart"
    case workLostHours = "work_lost_hours"
    case migratedGiB = "migrated_gib"
    case transferHours = "transfer_hours"
    case voluntaryMigrations = "voluntary_migrations"
    case spotInstanceHours = "spot_instance_hours"
    case onDemandInstanceHours = "on_demand_instance_hours"
    case instancesLaunched = "instances_launched"
    case eventsProcessed = "events_processed"
    case gapToOptimal = "gap_to_optimal"
    case completedWorkHours = "completed_work_hours"
    case unfinishedWorkHours = "unfinished_work_hours"
    case costPerWorkHour = "cost_per_work_hour"
    case egressCost = "egress_cost"
    case crunches
    case zoneMigrations = "zone_migrations"
    case migrationProblems = "migration_problems"
    case largestMigrationProblem = "largest_migration_problem"
    case assignmentRegret = "assignment_regret"
    case assignmentRegretNaive = "assignment_regret_naive"
    case assignmentRegretBestFit = "assignment_regret_best_fit"
    case assignmentShortfallNaive = "assignment_shortfall_naive"
    case assignmentShortfallBestFit = "assignment_shortfall_best_fit"
    case forecastBrier10 = "forecast_brier_10"
    case forecastBrier30 = "forecast_brier_30"
    case forecastBrier60 = "forecast_brier_60"
    case forecastF1_10 = "forecast_f1_10"
    case forecastF1_30 = "forecast_f1_30"
    case forecastF1_60 = "forecast_f1_60"
    case lifetimeMAEHours = "lifetime_mae_hours"
    case proactiveMigrations = "proactive_migrations"
    case probes
    case probeCost = "probe_cost"
    case lowerBoundCost = "lower_bound_cost"
    case gapToBound = "gap_to_bound"
    case otherTypeWorkShare = "other_type_work_share"
    case workShareByType = "work_share_by_type"
  }

  /// Sets the baseline and the savings derived from it, on equal delivered
  /// work.
  ///
  /// Work the baseline completed and this run did not is charged at what
  /// the baseline paid per completed work-hour, as if it were bought there:
  /// `equal-work cost = total + max(0, W_base − W) × baseline / W_base`, and
  /// `savings = 100 × (baseline − equal-work cost) / baseline`. So a run
  /// that completes nothing saves −100 × total / baseline ≤ 0, and one that
  /// leaves work unfinished is not credited with the dollars it did not
  /// spend on it. Nil when the baseline completed no work (nothing to price
  /// the difference at) or cost nothing.
  /// - Parameters:
  ///   - cost: the baseline's total cost.
  ///   - completedWork: the work-hours the baseline completed.
  public mutating func setBaseline(_ cost: Double, completedWork: Double) {
    baselineCost = cost
    guard cost > 0, completedWork > 0 else {
      savingsPercent = nil
      return
    }
    let shortfall = Swift.max(0, completedWork - completedWorkHours)
    let equalWorkCost = totalCost + shortfall * cost / completedWork
    savingsPercent = 100 * (cost - equalWorkCost) / cost
  }
}

/// Percentile by linear interpolation between order statistics (Hyndman &
/// Fan type 7, the default of R and NumPy).
/// - Parameter sorted: values in ascending order.
public func percentile(_ sorted: [Double], _ p: Double) -> Double {
  guard !sorted.isEmpty else { return 0 }
  let h = Double(sorted.count - 1) * p
  let lo = Int(h)
  let hi = Swift.min(lo + 1, sorted.count - 1)
  return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
}
