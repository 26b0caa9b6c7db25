import Simulation

/// Forecasters fitted on a trace's training part, for `synkti-forecast`
/// (deadline jobs) and `proactive_threshold` (fleets).
extension ScenarioConfig {
  /// Each zone's forecaster fitted on `[0, train_until_hour)` of its trace;
  /// a window that starts inside that part is refused.
  func forecasts(_ zones: [AvailabilityTrace]) throws -> ZoneForecasts {
    guard let trainUntilHour = forecast.trainUntilHour else {
      throw ExperimentsError.missingKey(file: file, key: "train_until_hour")
    }
    guard market.traceStartHour >= trainUntilHour else {
      throw ExperimentsError.invalidValue(
        file: file, key: "trace_start_hour", value: "\(market.traceStartHour)",
        expected:
          "a window starting at or after train_until_hour (\(trainUntilHour)): forecasters are fitted on [0, \(trainUntilHour)) and scored only on hours they never saw"
      )
    }
    let tick = zones[0].tickHours
    let train = Int(trainUntilHour / tick)
    let forecasters: [any Forecaster] = try zones.map { trace in
      let f: any Forecaster
      do {
        f = try Forecasters.named(
          forecast.forecaster, truth: trace.available, noise: forecast.forecastNoise)
      } catch let error as SimulationError {
        throw translate(error, key: "forecaster", value: forecast.forecaster)
      }
      let training = AvailabilityHistory(
        tickHours: tick, available: trace.available, count: Swift.min(train, trace.available.count))
      return f.fitted(on: training)
    }
    return ZoneForecasts(
      forecasters: forecasters, series: zones.map(\.available), trainTicks: train,
      startTick: Swift.min(Int(market.traceStartHour / tick), zones[0].available.count - 1),
      tickHours: tick)
  }

  /// Forecast reviews for `proactive_threshold`: trace markets only, with
  /// forecasters fitted on `[0, train_until_hour)` of every zone's trace.
  func proactiveHandling(_ market: any SpotMarket) throws -> ProactiveHandling? {
    guard let proactiveThreshold = forecast.proactiveThreshold else { return nil }
    guard let trace = market as? TraceMarket else {
      throw ExperimentsError.invalidValue(
        file: file, key: "proactive_threshold", value: "\(proactiveThreshold)",
        expected: "null unless the market is trace:PATH (forecasters learn from a trace)")
    }
    return ProactiveHandling(
      threshold: proactiveThreshold, intervalHours: forecast.proactiveIntervalMinutes / 60,
      forecasts: try forecasts(trace.traces), test: forecast.proactiveTest ?? .threshold)
  }
}
