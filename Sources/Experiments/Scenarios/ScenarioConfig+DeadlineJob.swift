import Foundation
import Simulation

extension ScenarioConfig {
  /// Resolves a deadline job: its window is one zone (`trace_zone`), the
  /// zones of `trace_zones`, or the first `regions` zones of `zone_order`,
  /// all of one trace set.
  ///
  /// Two rules differ by the key that chose the zones, and are kept so that
  /// results stay as they were: a `trace_zone` window prices on-demand at the
  /// catalog's price and is measured against `SingleZoneOptimum`; a window
  /// of `trace_zones` or `zone_order` prices on-demand per region from the
  /// traces' metadata (else the catalog's) and is measured against
  /// `DeadlineOptimum`, even with one zone.
  func resolveDeadlineJob(
    catalog: AcceleratorCatalog, policies: PolicyRegistry, traces: TraceCache,
    optima: OptimumCache
  ) throws -> DeadlineScenario {
    guard var strategy = DeadlinePolicies.named(policy) else {
      throw ExperimentsError.unknownName(
        file: file, key: "policy", name: policy, known: DeadlinePolicies.names)
    }
    let value = ValuePolicy(
      memoryHours: deadlineJob.valueMemoryHours, priorHours: deadlineJob.valuePriorHours,
      bridgesOutages: deadlineJob.valueBridgesOutages)
    if case .simulated(let p) = strategy, p is ValuePolicy { strategy = .simulated(value) }
    // The fleet part (accelerator, prices, network, market) resolves as
    // usual, with a fleet policy as a placeholder.
    var fleetConfig = self
    fleetConfig.policy = "greedy"
    fleetConfig.model = .fleet
    fleetConfig.forecast.proactiveThreshold = nil
    let resolved = try fleetConfig.resolve(catalog: catalog, policies: policies, traces: traces)
    guard let market = resolved.market as? TraceMarket else {
      throw ExperimentsError.invalidValue(
        file: file, key: "market", value: self.market.kind,
        expected: "trace:PATH for model deadline-job"
      )
    }
    let (names, key) = try zoneNames()
    let zones = try names.map { name in
      guard let trace = market.traces.first(where: { $0.zone == name }) else {
        throw ExperimentsError.unknownName(
          file: file, key: key, name: name, known: market.traces.map(\.zone))
      }
      return trace
    }
    let work = self.work.mean
    guard deadlineJob.deadlineHours >= work + deadlineJob.restartOverheadHours else {
      throw ExperimentsError.invalidValue(
        file: file, key: "deadline_hours", value: "\(deadlineJob.deadlineHours)",
        expected: "at least work + restart overhead (\(work + deadlineJob.restartOverheadHours) h)")
    }
    let type = resolved.fleet[0]
    var chips = try resolveChips(catalog: catalog, type: type)
    // `grace_seconds` sets every type's, as it does the fleet's.
    if let grace = graceSeconds {
      for i in chips.indices { chips[i].type.graceSeconds = grace }
    }
    var (ownWindow, window, withChips) = deadlineWindows(
      zones: zones, names: names, singleZone: key == "trace_zone" && chips.isEmpty, type: type,
      chips: chips, network: resolved.network, optima: optima)
    var job = DeadlineJob(
      work: work, deadline: deadlineJob.deadlineHours,
      restartOverhead: deadlineJob.restartOverheadHours,
      onDemandPrice: deadlineJob.onDemandRatio == nil ? type.onDemandPrice : window.onDemandPrice[0]
    )
    try checkpointPeriodically(&job, network: resolved.network)
    // Each type's grace period, set on this cell's copies (cached windows
    // are shared by cells that may set `grace_seconds` differently).
    ownWindow.graceHours = [type.graceHours]
    window.graceHours = [type.graceHours] + chips.map(\.type.graceHours)
    var scenario = DeadlineScenario(
      job: job, window: window, strategy: strategy,
      optimum: OptimumKey(window: withChips, job: job.keepingProgress), optima: optima)
    if !chips.isEmpty { scenario.singleTypeWindow = ownWindow }
    scenario.typeNames = [type.name] + chips.map(\.type.name)
    scenario.value = value
    scenario.probing = Probing(
      intervalHours: deadlineJob.probeIntervalHours,
      billedSeconds: deadlineJob.probeIntervalHours == 0 ? 0 : deadlineJob.probeBilledSeconds)
    if case .valueOnForecasts = strategy { scenario.forecasts = try forecasts(zones) }
    return scenario
  }

  /// The job's own window (one zone's slice, or the zones' together), and
  /// the window with the other chips' places added (the same without
  /// chips), with the key the optimum is cached under; each built once
  /// per key (cells that differ only in their policy share them).
  func deadlineWindows(
    zones: [AvailabilityTrace], names: [String], singleZone: Bool, type: AcceleratorType,
    chips: [(type: AcceleratorType, speed: Double)], network: NetworkModel, optima: OptimumCache
  ) -> (own: DeadlineWindow, window: DeadlineWindow, key: WindowKey) {
    let ticks = TraceWindow.ticks(covering: deadlineJob.deadlineHours, tick: zones[0].tickHours)
    // Cells that differ only in their policy share one window (its arrays).
    let windowKey = WindowKey(
      market: market.kind, zones: names, singleZone: singleZone, startHour: market.traceStartHour,
      ticks: ticks, fallbackSpotPrice: type.spotPrice, onDemandPrice: type.onDemandPrice,
      checkpointGB: singleZone ? 0 : deadlineJob.checkpointGB,
      network: [
        network.inRegionGbps, network.crossRegionGbps, network.crossContinentGbps,
        network.defaultEgressPerGB,
      ], onDemandRatio: deadlineJob.onDemandRatio)
    let ownWindow = optima.window(windowKey) {
      var window =
        singleZone
        ? DeadlineWindow.oneZone(
          TraceWindow(
            trace: zones[0], startHour: market.traceStartHour, ticks: ticks,
            fallbackPrice: type.spotPrice),
          onDemandPrice: type.onDemandPrice)
        : DeadlineScenario.window(
          traces: zones, startHour: market.traceStartHour, ticks: ticks,
          fallbackSpotPrice: type.spotPrice, onDemandPrice: type.onDemandPrice, network: network,
          checkpointGB: deadlineJob.checkpointGB)
      if let ratio = deadlineJob.onDemandRatio {
        // K times the first zone's mean spot price over the window, everywhere.
        let spot = window.price[0].reduce(0, +) / Double(window.price[0].count)
        window.onDemandPrice = Array(repeating: ratio * spot, count: window.regions)
      }
      return window
    }
    // Other types add their places to the job's own window (built once).
    var withChips = windowKey
    withChips.chips = chips.map(\.type.name)
    withChips.chipSpeeds = chips.map(\.speed)
    let window =
      chips.isEmpty
      ? ownWindow
      : optima.window(withChips) {
        DeadlineScenario.adding(
          chips: chips, to: ownWindow, startHour: market.traceStartHour, network: network,
          checkpointGB: deadlineJob.checkpointGB, ownBootHours: type.bootHours)
      }
    return (ownWindow, window, withChips)
  }

  /// Sets `job`'s periodic checkpoints (`checkpoint_interval_hours`), each
  /// written at the network's in-region bandwidth (to object storage in
  /// the zone's region); an interval shorter than that write is refused.
  func checkpointPeriodically(_ job: inout DeadlineJob, network: NetworkModel) throws {
    let interval = deadlineJob.checkpointIntervalHours
    guard interval > 0 else { return }
    let write = deadlineJob.checkpointGB * 8 / network.inRegionGbps / 3600
    guard interval >= write else {
      throw ExperimentsError.invalidValue(
        file: file, key: "checkpoint_interval_hours", value: "\(interval)",
        expected:
          "0 (progress kept as made), or at least the time to write checkpoint_gb at \(network.inRegionGbps) Gbit/s: \(String(format: "%.4g", write)) h (\(Int((write * 3600).rounded(.up))) s)"
      )
    }
    job.checkpointInterval = interval
    job.checkpointWriteHours = write
  }

  /// The zone names of a deadline job's window, and the key that gave them.
  public func zoneNames() throws -> (names: [String], key: String) {
    if let traceZones = deadlineJob.traceZones { return (traceZones, "trace_zones") }
    if let regions = deadlineJob.regions {
      guard let zoneOrder = deadlineJob.zoneOrder else {
        throw ExperimentsError.missingKey(file: file, key: "zone_order")
      }
      guard regions <= zoneOrder.count else {
        throw ExperimentsError.invalidValue(
          file: file, key: "regions", value: "\(regions)",
          expected: "at most the \(zoneOrder.count) zones of zone_order")
      }
      return (Array(zoneOrder.prefix(regions)), "zone_order")
    }
    guard let traceZone = deadlineJob.traceZone else {
      throw ExperimentsError.missingKey(file: file, key: "trace_zone")
    }
    return ([traceZone], "trace_zone")
  }
}

extension DeadlineScenario {
  /// Hours of each zone's history before the window that its policy may see.
  public static let priorHours = 336.0

  /// The window of `traces` (one per zone, in order) from `startHour`,
  /// `ticks` long, with on-demand priced per region from the traces'
  /// metadata (else `onDemandPrice`), and a checkpoint of `checkpointGB`
  /// moved at `network`'s path bandwidth and egress.
  public static func window(
    traces: [AvailabilityTrace], startHour: Double, ticks: Int, fallbackSpotPrice: Double,
    onDemandPrice: Double, network: NetworkModel, checkpointGB: Double
  ) -> DeadlineWindow {
    let geography = Geography(zones: traces.map { Geography.Zone(named: $0.zone) })
    let windows = traces.map {
      TraceWindow(trace: $0, startHour: startHour, ticks: ticks, fallbackPrice: fallbackSpotPrice)
    }
    let regions = geography.regions.count
    let onDemand = (0..<regions).map { r in
      traces.indices.first { geography.region(ofZone: $0) == r }
        .flatMap { traces[$0].onDemandPrice } ?? onDemandPrice
    }
    // What came before the window (up to two weeks), for policies that fit
    // their estimates on it.
    let prior = traces.map { trace -> [Bool] in
      let start = Swift.min(Int(startHour / trace.tickHours), trace.available.count)
      let first = Swift.max(
        0, start - Int((DeadlineScenario.priorHours / trace.tickHours).rounded()))
      return Array(trace.available[first..<start])
    }
    let continents = geography.continents
    let continentIndex = continents.map { c in continents.firstIndex(of: c)! }
    func hours(_ gbps: Double) -> Double { checkpointGB * 8 / gbps / 3600 }
    return DeadlineWindow(
      tick: windows[0].tick, available: windows.map(\.available), price: windows.map(\.price),
      zoneRegion: traces.indices.map { geography.region(ofZone: $0) }, onDemandPrice: onDemand,
      regionContinent: continentIndex,
      transferHours: (
        inRegion: hours(network.inRegionGbps), crossRegion: hours(network.crossRegionGbps),
        crossContinent: hours(network.crossContinentGbps)
      ),
      egress: (0..<regions).map { a in
        (0..<regions).map { b in checkpointGB * network.egressPerGB(from: a, to: b, in: geography) }
      }, prior: prior)
  }
}
