import Experiments

/// "Forecast quality beside cost": for every cell whose runs scored a
/// forecaster (`synkti-forecast`), how good its forecasts were on the
/// window's held-out ticks next to what the policy paid with them.
extension ExperimentReport {
  /// The section, or nil when no run scored a forecaster.
  func forecastSection(_ data: SweepData) -> String? {
    let cells = data.cells.filter { !$0.series(Metric.forecastBrier10.rawValue).isEmpty }
    guard !cells.isEmpty else { return nil }
    let axes = data.axes.filter { axis in cells.contains { $0.values[axis] != nil } }
    var out = "## Forecast quality beside cost\n\n"
    out +=
      "Per cell that ran a forecaster: Brier score (0 is perfect, 0.25 a coin) and F1 of predicting unavailability at each horizon, and the lifetime's mean absolute error, over each window's ticks (never the training part), mean over its zones and then over runs; beside the run's cost and, where there is one, cost ÷ the optimum (deadline jobs) or the tasks moved before a warning (fleets, `proactive_migrations`). Findings above give the paired cost differences.\n\n"
    // Deadline jobs have an optimum to divide by; fleets move before the
    // warning (`proactive_threshold`).
    let gaps = cells.contains { !$0.series(Metric.gapToOptimal.rawValue).isEmpty }
    let moves = cells.contains {
      $0.series(Metric.proactiveMigrations.rawValue).contains { $0 > 0 }
    }
    let rows = cells.map { cell -> [String] in
      axes.map { cell.values[$0].map { "`\($0)`" } ?? "—" } + ["\(cell.runs.count)"]
        + [
          Metric.forecastBrier10.rawValue, Metric.forecastBrier30.rawValue,
          Metric.forecastBrier60.rawValue, Metric.forecastF1_10.rawValue,
          Metric.forecastF1_30.rawValue, Metric.forecastF1_60.rawValue,
        ].map { Format.mean(cell.series($0), 3) }
        + [
          Format.mean(cell.series(Metric.lifetimeMAEHours.rawValue), 1),
          Format.interval(cell.series(Metric.totalCost.rawValue)),
        ] + (gaps ? [Format.mean(cell.series(Metric.gapToOptimal.rawValue), 3)] : [])
        + (moves ? [Format.mean(cell.series(Metric.proactiveMigrations.rawValue), 1)] : [])
    }
    out +=
      MarkdownTable(
        header: axes + [
          "n", "Brier 10 min", "Brier 30 min", "Brier 60 min", "F1 10 min", "F1 30 min",
          "F1 60 min", "lifetime MAE (h)", "cost $",
        ] + (gaps ? ["cost / optimal"] : []) + (moves ? ["proactive moves"] : []),
        rows: rows, labels: axes.count
      ).render() + "\n"
    return out
  }
}
