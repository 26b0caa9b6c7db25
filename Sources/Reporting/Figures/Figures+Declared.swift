import Experiments

extension Figures {
  /// A figure drawn from stored runs alone, with what it needs.
  struct Declared: Sendable {
    var needs: FigureNeeds
    /// Lines or bars whose series may lie on top of each other: the series
    /// axis, the x axis and the metric compared.
    var mayCoincide: (series: String, x: String, metric: String)?
    var draw: @Sendable (SweepData) -> [GnuplotFigure]
  }

  /// Every figure drawn from stored runs alone, in report order. (Paired
  /// differences, regime maps and sensitivity figures follow the spec's
  /// `compare:` pairs; the completion CDF and price timeline re-simulate:
  /// `resimulated`.)
  static let declared: [Declared] =
    [
      Declared(
        needs: FigureNeeds(
          name: "savings-vs-preemption-rate", models: [.fleet],
          axes: ["policy", "preemption_rate"], metrics: [.savingsPercent],
          whenEmpty: "no policy has savings at two reclaim rates"),
        mayCoincide: ("policy", "preemption_rate", Metric.savingsPercent.rawValue),
        draw: { [savingsVersusRate($0)].compactMap { $0 } }),
      Declared(
        needs: FigureNeeds(
          name: "accelerators", models: [.fleet], axes: ["accelerator", "policy"],
          metrics: [.savingsPercent], whenEmpty: "no accelerator has savings"),
        mayCoincide: ("policy", "accelerator", Metric.savingsPercent.rawValue),
        draw: { [accelerators($0)].compactMap { $0 } }),
      Declared(
        needs: FigureNeeds(
          name: "normalized-cost-by-zone", models: [.deadlineJob], axes: ["trace_zone", "policy"],
          metrics: [.totalCost],
          whenEmpty:
            "every policy but `on-demand-only` misses deadlines beyond `max_deadline_miss_rate`"),
        mayCoincide: ("policy", "trace_zone", "normalized_cost"),
        draw: { [normalizedCostByZone($0)].compactMap { $0 } }),
      Declared(
        needs: FigureNeeds(
          name: "gap-to-optimal", models: [.deadlineJob], axes: ["deadline_hours", "policy"],
          metrics: [.gapToOptimal],
          whenEmpty:
            "no policy but the optimum and `on-demand-only` keeps within `max_deadline_miss_rate`"),
        mayCoincide: ("policy", "deadline_hours", Metric.gapToOptimal.rawValue),
        draw: { [gapToOptimal($0)].compactMap { $0 } }),
    ]
    + regionalSweeps.map { sweep in
      Declared(
        needs: FigureNeeds(
          name: sweep.name, models: [.deadlineJob], multiZoneOnly: true,
          axes: [sweep.axis, "policy"], metrics: [.totalCost],
          whenEmpty: "no policy has a cost at two values of `\(sweep.axis)`"),
        draw: { [regionalSweep($0, sweep)].compactMap { $0 } })
    } + [
      Declared(
        needs: FigureNeeds(
          name: "work-on-other-chips", models: [.deadlineJob], axes: ["chips", "policy"],
          metrics: [.otherTypeWorkShare], whenEmpty: "every policy keeps to its own type"),
        draw: { [workOnOtherChips($0)].compactMap { $0 } }),
      Declared(
        needs: FigureNeeds(
          name: "cost-over-optimum-per-window", models: [.deadlineJob],
          axes: ["trace_start_hour", "policy"], metrics: [.gapToOptimal],
          whenEmpty:
            "no policy other than `on-demand-only` is run at the first value of every other axis within `max_deadline_miss_rate`"
        ),
        draw: { [costOverOptimumPerWindow($0)].compactMap { $0 } }),
      Declared(
        needs: FigureNeeds(
          name: "gap-to-bound", models: [.fleet], axes: [], metrics: [.gapToBound],
          whenEmpty: "no strategy has a run with a bound"),
        draw: { [gapToBound($0)].compactMap { $0 } }),
      Declared(
        needs: FigureNeeds(
          name: "competitive-ratio", models: [.deadlineJob], axes: ["on_demand_ratio", "policy"],
          metrics: [.gapToOptimal],
          whenEmpty: "no online policy is measured against the optimum at two values of K"),
        draw: { competitiveRatio($0) }),
    ]

  /// The figures of work by accelerator type (`work-by-type-WORKLOAD`),
  /// from each `chips: all` run's stored work by type: chip choice.
  static let workByType = FigureNeeds(
    name: "work-by-type", models: [.deadlineJob], axes: ["chips", "policy", "deadline_hours"],
    whenEmpty: "no run of the optimum or `synkti-value` with `chips: all` met its deadline")

  /// The figures that simulate replicate 0 of a cell again for its event
  /// times (completion CDF, price timeline): fleet runs only.
  static let resimulated = FigureNeeds(
    name: "completion-cdf and price-and-reclaims", models: [.fleet], axes: [],
    whenEmpty: "")
}
