/// Forecast quality on the held-out part of one zone's series.
public struct ForecastQuality: Sendable, Equatable {
  /// Horizons, hours (10, 30 and 60 minutes).
  public var horizonsHours: [Double]
  /// Brier score per horizon: mean of (p − outcome)², 0 is perfect.
  public var brier: [Double]
  /// F1 of predicting unavailability (p < ½) per horizon; nil when neither
  /// the forecast nor the truth ever has it.
  public var f1: [Double?]
  /// Mean absolute error of the expected lifetime, hours, over the ticks
  /// where spot is up and its run ends inside the series.
  public var lifetimeMAEHours: Double?
  /// Ticks evaluated.
  public var samples: Int

  /// The mean over `qualities` (zones, say) of each score that is defined
  /// (Brier NaN and nil F1 or MAE left out), ticks summed; nil for none.
  public static func mean(_ qualities: [ForecastQuality]) -> ForecastQuality? {
    guard let first = qualities.first else { return nil }
    func mean(_ values: [Double?]) -> Double? {
      let v = values.compactMap { $0 }.filter(\.isFinite)
      return v.isEmpty ? nil : v.reduce(0, +) / Double(v.count)
    }
    let horizons = first.horizonsHours.indices
    return ForecastQuality(
      horizonsHours: first.horizonsHours,
      brier: horizons.map { h in mean(qualities.map { $0.brier[h] }) ?? .nan },
      f1: horizons.map { h in mean(qualities.map { $0.f1[h] }) },
      lifetimeMAEHours: mean(qualities.map(\.lifetimeMAEHours)),
      samples: qualities.reduce(0) { $0 + $1.samples })
  }
}

/// Scores forecasters on held-out ticks: fitted on `[0, train)`, asked at
/// ticks of `[from, to)` with `from ≥ train`, each time given only the
/// history up to that tick.
public enum ForecastEvaluation {
  /// The horizons every forecaster is scored at: 10, 30, 60 minutes.
  public static let horizonsHours = [10.0 / 60, 0.5, 1]

  /// Mean squared difference between probabilities and 0/1 outcomes.
  public static func brier(_ p: [Double], _ outcomes: [Bool]) -> Double {
    precondition(p.count == outcomes.count && !p.isEmpty)
    var sum = 0.0
    for (q, y) in zip(p, outcomes) {
      let d = q - (y ? 1 : 0)
      sum += d * d
    }
    return sum / Double(p.count)
  }

  /// F1 of the event "spot unavailable", predicted when p < `threshold`:
  /// 2·TP / (2·TP + FP + FN); nil when TP + FP + FN = 0.
  public static func f1(_ p: [Double], _ available: [Bool], threshold: Double = 0.5) -> Double? {
    var tp = 0
    var fp = 0
    var fn = 0
    for (q, up) in zip(p, available) {
      let predictedDown = q < threshold
      switch (predictedDown, up) {
      case (true, false): tp += 1
      case (true, true): fp += 1
      case (false, false): fn += 1
      case (false, true): break
      }
    }
    let d = 2 * tp + fp + fn
    return d == 0 ? nil : Double(2 * tp) / Double(d)
  }

  /// Scores `forecaster` on `series` (tick `tickHours`): fitted on ticks
  /// `[0, train)`, asked at every `stride`-th tick of `[from, to)`.
  public static func evaluate(
    _ forecaster: any Forecaster, series: [Bool], tickHours: Double, train: Int, from: Int,
    to: Int, stride: Int = 1
  ) -> ForecastQuality {
    precondition(0 < train && train <= from && from < to && to <= series.count && stride > 0)
    let fitted = forecaster.fitted(
      on: AvailabilityHistory(tickHours: tickHours, available: series, count: train))
    let steps = horizonsHours.map { AvailabilityHistory.ticks(inHours: $0, tick: tickHours) }
    var predictions = [[Double]](repeating: [], count: steps.count)
    var outcomes = [[Bool]](repeating: [], count: steps.count)
    var errors: [Double] = []
    // The end of the run of availability each tick is in.
    var runEnd = [Int](repeating: series.count, count: series.count + 1)
    for i in Swift.stride(from: series.count - 1, through: 0, by: -1) {
      runEnd[i] = series[i] ? runEnd[i + 1] : i
    }
    var samples = 0
    for t in Swift.stride(from: from, to: to, by: stride) {
      let history = AvailabilityHistory(tickHours: tickHours, available: series, count: t + 1)
      samples += 1
      for (h, k) in steps.enumerated() where t + k < series.count {
        predictions[h].append(
          fitted.availabilityProbability(history, hoursAhead: horizonsHours[h]))
        outcomes[h].append(series[t + k])
      }
      if series[t] && runEnd[t] < series.count {
        let truth = Double(runEnd[t] - t) * tickHours
        errors.append(abs(fitted.expectedLifetime(history) - truth))
      }
    }
    return ForecastQuality(
      horizonsHours: horizonsHours,
      brier: zip(predictions, outcomes).map { $0.isEmpty ? .nan : brier($0, $1) },
      f1: zip(predictions, outcomes).map { f1($0, $1) },
      lifetimeMAEHours: errors.isEmpty ? nil : errors.reduce(0, +) / Double(errors.count),
      samples: samples)
  }
}
