/// A measured availability and price trace of one zone.
public struct AvailabilityTrace: Sendable, Equatable {
  /// Zone name, e.g. `us-east-1a`.
  public var zone: String
  /// Tick width in hours.
  public var tickHours: Double
  /// Availability per tick (`true` = spot can be had), already normalised to
  /// this convention whatever the file's.
  public var available: [Bool]
  /// Spot price per tick in $ per instance-hour, when the trace has prices.
  public var prices: [Double]?

  /// Creates a trace from normalised data.
  public init(zone: String, tickHours: Double, available: [Bool], prices: [Double]?) {
    self.zone = zone
    self.tickHours = tickHours
    self.available = available
    self.prices = prices
  }
}

/// Replays measured traces: zone z of the scenario is trace z, starting at
/// `startHour` into the trace.
///
/// Each zone's availability applies to every accelerator of the fleet; the
/// price is the trace's own per-tick price when it has one, else the
/// accelerator's mean spot price. Reclaims follow availability only.
public struct TraceMarket: SpotMarket {
  /// The zones' traces, in scenario zone order.
  public var traces: [AvailabilityTrace]
  /// Offset into every trace, in hours.
  public var startHour: Double

  public var name: String { "trace" }

  /// Creates a replay of `traces` from `startHour`.
  public init(traces: [AvailabilityTrace], startHour: Double = 0) {
    precondition(!traces.isEmpty, "a trace market needs at least one trace")
    self.traces = traces
    self.startHour = startHour
  }

  public func zoneCount(for accelerator: AcceleratorType, requested: Int) -> Int {
    traces.count
  }

  public func path(
    for accelerator: AcceleratorType, zone: Int, horizon: Double,
    using generator: inout Xoshiro256StarStar
  ) -> MarketPath {
    let trace = traces[zone % traces.count]
    let skip = Swift.min(Int(startHour / trace.tickHours), trace.available.count - 1)
    let available = Array(trace.available[skip...])
    let price: StepFunction
    if let prices = trace.prices, prices.count == trace.available.count {
      price = StepFunction(step: trace.tickHours, values: Array(prices[skip...]))
    } else {
      price = StepFunction(constant: accelerator.spotPrice)
    }
    return MarketPath(
      price: price, hazard: nil,
      availability: AvailabilitySeries(tick: trace.tickHours, available: available))
  }
}
