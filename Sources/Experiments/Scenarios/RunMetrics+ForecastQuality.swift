import Simulation

extension RunMetrics {
  /// Sets the forecasters' quality over the run's `ticks` (those inside the
  /// traces, never the training part), mean over zones: Brier and F1 at
  /// each horizon, lifetime MAE.
  mutating func scoreForecasts(_ f: ZoneForecasts, ticks: Int) {
    var qualities: [ForecastQuality] = []
    for z in f.series.indices {
      let n = f.series[z].count
      let to = Swift.min(n, f.startTick + ticks)
      guard f.startTick < to, f.trainTicks > 0, f.trainTicks <= f.startTick else { continue }
      qualities.append(
        ForecastEvaluation.evaluate(
          f.forecasters[z], series: f.series[z], tickHours: f.tickHours, train: f.trainTicks,
          from: f.startTick, to: to))
    }
    guard let q = ForecastQuality.mean(qualities) else { return }
    func defined(_ x: Double) -> Double? { x.isFinite ? x : nil }
    forecastBrier10 = defined(q.brier[0])
    forecastBrier30 = defined(q.brier[1])
    forecastBrier60 = defined(q.brier[2])
    forecastF1_10 = q.f1[0]
    forecastF1_30 = q.f1[1]
    forecastF1_60 = q.f1[2]
    lifetimeMAEHours = q.lifetimeMAEHours
  }
}
