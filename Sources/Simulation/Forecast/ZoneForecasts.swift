/// A fitted forecaster per zone of a multi-region window, with each zone's
/// whole trace and the tick where the window starts in it, so a policy can
/// ask about a zone's future from its history alone — the trace before the
/// window included, nothing after now.
public struct ZoneForecasts: Sendable {
  /// One fitted forecaster per zone.
  public var forecasters: [any Forecaster]
  /// Each zone's whole availability trace.
  public var series: [[Bool]]
  /// Ticks `[0, trainTicks)` of each trace the forecasters were fitted on.
  public var trainTicks: Int
  /// Where window tick 0 is in the traces.
  public var startTick: Int
  /// Tick width, hours.
  public var tickHours: Double

  /// Creates the forecasts; `forecasters` must be fitted already.
  public init(
    forecasters: [any Forecaster], series: [[Bool]], trainTicks: Int, startTick: Int,
    tickHours: Double
  ) {
    precondition(forecasters.count == series.count && !series.isEmpty)
    self.forecasters = forecasters
    self.series = series
    self.trainTicks = trainTicks
    self.startTick = startTick
    self.tickHours = tickHours
  }

  /// The history of zone `z` up to window tick `t` (now), as a forecaster
  /// sees it; past the trace's end its last state holds, as in the window.
  public func history(zone z: Int, windowTick t: Int) -> AvailabilityHistory {
    let count = Swift.min(series[z].count, startTick + t + 1)
    return AvailabilityHistory(tickHours: tickHours, available: series[z], count: count)
  }

  /// P(zone `z` loses spot within `hours` of window tick `t`): the largest
  /// predicted unavailability at any tick of (now, now + hours], so a short
  /// outage inside the interval counts as well as one at its end.
  public func lossProbability(zone z: Int, windowTick t: Int, withinHours hours: Double) -> Double {
    let known = history(zone: z, windowTick: t)
    var loss = 0.0
    for k in 1...AvailabilityHistory.ticks(inHours: hours, tick: tickHours) {
      let p = forecasters[z].availabilityProbability(known, hoursAhead: Double(k) * tickHours)
      loss = Swift.max(loss, 1 - p)
    }
    return loss
  }

  /// Expected hours a spot instance launched in zone `z` at window tick `t`
  /// keeps its capacity.
  public func expectedLifetime(zone z: Int, windowTick t: Int) -> Double {
    forecasters[z].expectedLifetime(history(zone: z, windowTick: t))
  }
}
