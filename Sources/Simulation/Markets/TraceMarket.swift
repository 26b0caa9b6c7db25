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
  /// The provider's instance type the trace measured (`p3.2xlarge`,
  /// `a3-highgpu-8g`), when the file or its folder says.
  public var instanceType: String?
  /// The on-demand price of that instance type in the zone's region,
  /// $ per hour, when the trace records it (GCP's `price_info`).
  public var onDemandPrice: Double?

  /// Creates a trace from normalised data.
  public init(
    zone: String, tickHours: Double, available: [Bool], prices: [Double]?,
    instanceType: String? = nil, onDemandPrice: Double? = nil
  ) {
    self.zone = zone
    self.tickHours = tickHours
    self.available = available
    self.prices = prices
    self.instanceType = instanceType
    self.onDemandPrice = onDemandPrice
  }
}

/// How a trace market prices accelerator types other than the one it measured.
public enum TracePricing: String, Sendable, CaseIterable {
  /// Other types cannot use the trace (the scenario is refused).
  case refuse
  /// Other types reuse the trace's availability, priced at their own mean
  /// spot price times the trace's price relative to its own mean.
  case scaled
}

/// Replays measured traces: zone z of the scenario is trace z, starting at
/// `startHour` into the trace.
///
/// A trace's prices are those of the type it measured (`accelerator`): that
/// type is billed at the trace's per-tick price (or its mean spot price when
/// the trace has none). Any other type may use the trace only under
/// `TracePricing.scaled`: it gets the trace's availability and the price
/// `own mean spot × trace price(t) ÷ mean trace price`. When the measured
/// type is unknown, every type is priced the scaled way. Reclaims follow
/// availability only.
public struct TraceMarket: SpotMarket {
  /// The zones' traces, in scenario zone order.
  public var traces: [AvailabilityTrace]
  /// Offset into every trace, in hours.
  public var startHour: Double
  /// Catalog name of the type the traces measured (nil: unknown).
  public var accelerator: String?
  /// How other types are priced.
  public var otherTypes: TracePricing

  public var name: String { "trace" }

  /// Creates a replay of `traces` from `startHour`.
  public init(
    traces: [AvailabilityTrace], startHour: Double = 0, accelerator: String? = nil,
    otherTypes: TracePricing = .refuse
  ) {
    precondition(!traces.isEmpty, "a trace market needs at least one trace")
    self.traces = traces
    self.startHour = startHour
    self.accelerator = accelerator
    self.otherTypes = otherTypes
  }

  /// Fleet types this market cannot price: those other than the measured
  /// type, when other types are refused and the measured type is known.
  public func unpricedTypes(in fleet: [AcceleratorType]) -> [String] {
    guard let accelerator, otherTypes == .refuse else { return [] }
    return fleet.map(\.name).filter { $0 != accelerator }
  }

  public func zoneCount(for accelerator: AcceleratorType, requested: Int) -> Int {
    traces.count
  }

  public var zoneNames: [String]? { traces.map(\.zone) }

  public var isSynthetic: Bool { false }

  public func path(
    for type: AcceleratorType, zone: Int, horizon: Double,
    using generator: inout Xoshiro256StarStar
  ) -> MarketPath {
    let trace = traces[zone % traces.count]
    let skip = Swift.min(Int(startHour / trace.tickHours), trace.available.count - 1)
    let available = Array(trace.available[skip...])
    let price: StepFunction
    if let prices = trace.prices, prices.count == trace.available.count {
      let window = Array(prices[skip...])
      if type.name == accelerator {
        price = StepFunction(step: trace.tickHours, values: window)
      } else {
        // The trace's whole-series mean, so the scale does not depend on
        // where replay starts.
        let mean = prices.reduce(0, +) / Double(prices.count)
        let scale = mean > 0 ? type.spotPrice / mean : 0
        price = StepFunction(step: trace.tickHours, values: window.map { $0 * scale })
      }
    } else {
      price = StepFunction(constant: type.spotPrice)
    }
    return MarketPath(
      price: price, hazard: nil,
      availability: AvailabilitySeries(tick: trace.tickHours, available: available))
  }
}
