import Foundation
import Simulation

/// A resolved multi-region deadline-job run: one job over the windows of
/// several zones of one trace set, free to move between them.
public struct RegionalDeadlineScenario: Sendable {
  /// The job.
  public var job: DeadlineJob
  /// The zones' windows, on-demand prices, paths and egress.
  public var window: RegionalWindow
  /// A name from `RegionalPolicies.names`.
  public var policy: String
  /// Identifies the window for the optimum cache.
  public var windowKey: String
  /// Shared optima (one solve per window per sweep).
  public var optima: OptimumCache
  /// The zones' fitted forecasters, for `synkti-forecast`.
  public var forecasts: ZoneForecasts?

  /// Runs the policy (or solves the optimum) and reports metrics against
  /// on-demand in the first zone's region and the omniscient optimum.
  public func run() -> RunMetrics {
    let optimum = optima.optimum(key: windowKey) {
      RegionalOptimum.solve(job: job, window: window)
    }
    let outcome: DeadlineOutcome
    if policy == "optimal-offline" {
      outcome =
        optimum
        ?? RegionalJobSimulator.run(
          RegionalSingleZone(DeadlineOnDemandOnly()), job: job, window: window)
    } else {
      let chosen: any RegionalPolicy =
        policy == "synkti-forecast"
        ? RegionalValuePolicy(forecasts: forecasts)
        : RegionalPolicies.all.first { $0.name == policy }!
      outcome = RegionalJobSimulator.run(chosen, job: job, window: window)
    }
    var m = DeadlineScenario.metrics(outcome, job: job, baselineCost: onDemandBaseline)
    m.egressCost = outcome.egressCost
    m.zoneMigrations = outcome.migrations
    m.eventsProcessed = window.ticks
    if let optimum, optimum.cost > 0 { m.gapToOptimal = outcome.cost / optimum.cost }
    if let forecasts, policy == "synkti-forecast" {
      m.scoreForecasts(forecasts, ticks: window.ticks)
    }
    return m
  }

  /// On-demand throughout, in the first zone's region.
  var onDemandBaseline: DeadlineOutcome {
    RegionalJobSimulator.run(RegionalSingleZone(DeadlineOnDemandOnly()), job: job, window: window)
  }

  /// The window of `traces` (one per zone, in order) from `startHour`,
  /// `ticks` long, with on-demand priced per region from the traces'
  /// metadata (else `onDemandPrice`), and a checkpoint of `checkpointGB`
  /// moved at `network`'s path bandwidth and egress.
  public static func window(
    traces: [AvailabilityTrace], startHour: Double, ticks: Int, fallbackSpotPrice: Double,
    onDemandPrice: Double, network: NetworkModel, checkpointGB: Double
  ) -> RegionalWindow {
    let geography = Geography(zones: traces.map { Geography.Zone(named: $0.zone) })
    let windows = traces.map {
      TraceWindow(trace: $0, startHour: startHour, ticks: ticks, fallbackPrice: fallbackSpotPrice)
    }
    let regions = geography.regions.count
    let onDemand = (0..<regions).map { r in
      traces.indices.first { geography.region(ofZone: $0) == r }
        .flatMap { traces[$0].onDemandPrice } ?? onDemandPrice
    }
    let continents = geography.continents
    let continentIndex = continents.map { c in continents.firstIndex(of: c)! }
    func hours(_ gbps: Double) -> Double { checkpointGB * 8 / gbps / 3600 }
    return RegionalWindow(
      tick: windows[0].tick, available: windows.map(\.available), price: windows.map(\.price),
      zoneRegion: traces.indices.map { geography.region(ofZone: $0) }, onDemandPrice: onDemand,
      regionContinent: continentIndex,
      transferHours: (
        inRegion: hours(network.inRegionGbps), crossRegion: hours(network.crossRegionGbps),
        crossContinent: hours(network.crossContinentGbps)
      ),
      egress: (0..<regions).map { a in
        (0..<regions).map { b in checkpointGB * network.egressPerGB(from: a, to: b, in: geography) }
      })
  }
}

extension ScenarioConfig {
  /// Resolves a multi-region deadline job: `trace_zones`, or the first
  /// `regions` zones of `zone_order`, all of one trace set.
  func resolveRegional(
    catalog: AcceleratorCatalog, policies: PolicyRegistry, traces: TraceCache,
    optima: OptimumCache
  ) throws -> RegionalDeadlineScenario {
    guard RegionalPolicies.names.contains(policy) else {
      throw ExperimentsError.unknownName(
        file: file, key: "policy", name: policy, known: RegionalPolicies.names)
    }
    var fleetConfig = self
    fleetConfig.policy = "greedy"
    fleetConfig.model = "fleet"
    fleetConfig.proactiveThreshold = nil
    let resolved = try fleetConfig.resolve(catalog: catalog, policies: policies, traces: traces)
    guard let market = resolved.market as? TraceMarket else {
      throw ExperimentsError.invalidValue(
        file: file, key: "market", value: self.market, expected: "trace:PATH for model deadline-job"
      )
    }
    let names: [String]
    if let traceZones {
      names = traceZones
    } else {
      guard let zoneOrder, let regions else {
        throw ExperimentsError.missingKey(file: file, key: "zone_order")
      }
      guard regions <= zoneOrder.count else {
        throw ExperimentsError.invalidValue(
          file: file, key: "regions", value: "\(regions)",
          expected: "at most the \(zoneOrder.count) zones of zone_order")
      }
      names = Array(zoneOrder.prefix(regions))
    }
    let zones = try names.map { name in
      guard let trace = market.traces.first(where: { $0.zone == name }) else {
        throw ExperimentsError.unknownName(
          file: file, key: traceZones != nil ? "trace_zones" : "zone_order", name: name,
          known: market.traces.map(\.zone))
      }
      return trace
    }
    let work = self.work.mean
    guard deadlineHours >= work + restartOverheadHours else {
      throw ExperimentsError.invalidValue(
        file: file, key: "deadline_hours", value: "\(deadlineHours)",
        expected: "at least work + restart overhead (\(work + restartOverheadHours) h)")
    }
    let type = resolved.fleet[0]
    let job = DeadlineJob(
      work: work, deadline: deadlineHours, restartOverhead: restartOverheadHours,
      onDemandPrice: type.onDemandPrice)
    let window = RegionalDeadlineScenario.window(
      traces: zones, startHour: traceStartHour,
      ticks: TraceWindow.ticks(covering: deadlineHours, tick: zones[0].tickHours),
      fallbackSpotPrice: type.spotPrice, onDemandPrice: type.onDemandPrice,
      network: resolved.network, checkpointGB: checkpointGB)
    let key =
      "regional|\(names.joined(separator: ","))|\(traceStartHour)|\(work)|\(deadlineHours)|\(restartOverheadHours)|\(checkpointGB)|\(type.onDemandPrice)"
    var scenario = RegionalDeadlineScenario(
      job: job, window: window, policy: policy, windowKey: key, optima: optima)
    if policy == "synkti-forecast" { scenario.forecasts = try forecasts(zones) }
    return scenario
  }
}
