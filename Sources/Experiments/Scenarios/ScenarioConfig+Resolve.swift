import Foundation
import Simulation

extension ScenarioConfig {
  /// Turns names into a runnable `Scenario`: accelerators from `catalog`,
  /// policy from `policies`, strategy by name, market model (loading traces).
  /// - Throws: `ExperimentsError` naming the config's file and key.
  public func resolve(
    catalog: AcceleratorCatalog, policies: PolicyRegistry = .standard,
    traces: TraceCache = TraceCache()
  ) throws -> Scenario {
    let fleet = try fleetTypes(catalog: catalog)
    let policy: any SchedulingPolicy
    do {
      policy = try policies.make(self.policy)
    } catch let error as SimulationError {
      throw translate(error, key: "policy", value: self.policy)
    }
    let planner: any MigrationPlanner
    do {
      planner = try MigrationStrategies.named(self.fleet.migration)
    } catch let error as SimulationError {
      throw translate(error, key: "migration", value: self.fleet.migration)
    }
    guard self.fleet.checkpointPartial <= self.fleet.checkpointFull else {
      throw ExperimentsError.invalidValue(
        file: file, key: "checkpoint_partial", value: "\(self.fleet.checkpointPartial)",
        expected: "a ratio ≤ checkpoint_full (\(self.fleet.checkpointFull))")
    }
    let market = try marketModel(traces, catalog: catalog)
    if let trace = market as? TraceMarket, let other = trace.unpricedTypes(in: fleet).first {
      throw ExperimentsError.invalidValue(
        file: file, key: "accelerator", value: other,
        expected:
          "the trace's own type \(trace.accelerator ?? "?") (\(self.market.kind) measured it), or trace_other_types: scaled to price \(other) at its own spot price times the trace's relative price"
      )
    }
    var network = catalog.network
    network.inRegionGbps = self.network.storageGbps
    if let crossRegionGbps = self.network.crossRegionGbps {
      network.crossRegionGbps = crossRegionGbps
    }
    if let crossContinentGbps = self.network.crossContinentGbps {
      network.crossContinentGbps = crossContinentGbps
    }
    if let egressPerGB = self.network.egressPerGB { network.defaultEgressPerGB = egressPerGB }
    var perType: [String: Int] = [:]
    for type in fleet { if let c = type.spotCapacity { perType[type.name] = c } }
    var scenario = Scenario(
      horizon: self.fleet.horizonHours, fleet: fleet, zones: self.market.zones, market: market,
      workload: workload,
      checkpoint: CheckpointPlanner(
        fullThreshold: self.fleet.checkpointFull, partialThreshold: self.fleet.checkpointPartial,
        model: self.fleet.checkpointModel),
      idleTimeout: self.fleet.idleTimeoutHours, policy: policy, migration: planner,
      migrationCost: self.fleet.migrationCost, network: network,
      geography: try geography(for: market),
      spotCapacity: SpotCapacity(
        defaultLimit: self.market.spotCapacity, perType: perType,
        perZone: self.market.zoneSpotCapacity),
      crunches: self.market.crunches, zoneVariation: self.market.zoneVariation, seed: seed)
    scenario.proactive = try proactiveHandling(market)
    scenario.computesLowerBound = self.fleet.boundReplicates > 0
    return scenario
  }

  /// The zones' regions: declared (`zone_regions`) for synthetic markets,
  /// else nil (one region; trace markets derive theirs from zone names).
  /// The fleet's accelerator types as the model runs them: from the
  /// catalog (or inline, or a named fleet), with the scales and the keys
  /// that set every type applied.
  public func fleetTypes(catalog: AcceleratorCatalog) throws -> [AcceleratorType] {
    var choices = accelerators
    if let fleetName = self.fleet.fleetName {
      guard let names = self.fleet.namedFleets[fleetName] ?? catalog.fleets[fleetName] else {
        throw ExperimentsError.unknownName(
          file: file, key: "fleet", name: fleetName,
          known: Set(self.fleet.namedFleets.keys).union(catalog.fleets.keys).sorted())
      }
      choices = names.map { .named($0) }
    }
    var fleet: [AcceleratorType] = try choices.map { choice in
      switch choice {
      case .inline(let type): return type
      case .named(let name):
        guard let type = catalog.type(named: name) else {
          throw ExperimentsError.unknownName(
            file: file, key: "accelerator", name: name, known: catalog.names)
        }
        return type
      }
    }
    for i in fleet.indices {
      // Scales keep each type's own figure; the absolute keys set them all.
      fleet[i].hazardPerHour *= self.market.hazardScale
      fleet[i].networkGbps *= self.network.bandwidthScale
      if let preemptionRate = self.market.preemptionRate { fleet[i].hazardPerHour = preemptionRate }
      if let bandwidthGbps = self.network.bandwidthGbps { fleet[i].networkGbps = bandwidthGbps }
      if let graceSeconds = self.graceSeconds { fleet[i].graceSeconds = graceSeconds }
      if let bootSeconds = self.fleet.bootSeconds { fleet[i].bootHours = bootSeconds / 3600 }
    }
    return fleet
  }

  func geography(for market: any SpotMarket) throws -> Geography? {
    guard let zoneRegions = self.market.zoneRegions else { return nil }
    guard market.isSynthetic else {
      throw ExperimentsError.invalidValue(
        file: file, key: "zone_regions", value: zoneRegions.joined(separator: ","),
        expected: "null for a trace market (its zones name their own regions)")
    }
    return Geography(
      zones: zoneRegions.enumerated().map { z, region in
        Geography.Zone(
          name: "\(region)-z\(z)", region: region,
          continent: String(region.split(separator: "-").first ?? Substring(region)))
      })
  }

  /// The workload spec these parameters describe.
  public var workload: WorkloadSpec {
    var profiles = self.fleet.kinds
    for (kind, profile) in profiles {
      var p = profile
      if let stateMiB = self.fleet.stateMiB { p.state.baseMiB = stateMiB }
      if let weightsGiB = self.fleet.weightsGiB { p.weightsGiB = weightsGiB }
      if let memoryGiB = self.fleet.memoryGiB { p.memoryGiB = memoryGiB }
      profiles[kind] = p
    }
    let process: ArrivalProcess
    switch self.fleet.arrivals {
    case "poisson": process = .poisson(fraction: self.fleet.arrivalFraction)
    case "batch": process = .batch
    default: process = .uniform(fraction: self.fleet.arrivalFraction)
    }
    return WorkloadSpec(
      tasks: self.fleet.tasks, arrivals: process, work: work, kinds: profiles,
      deadlineSlack: self.fleet.deadlineSlack)
  }

  func marketModel(_ traces: TraceCache, catalog: AcceleratorCatalog) throws -> any SpotMarket {
    switch market.kind {
    case "poisson": return PoissonMarket()
    case "ou": return self.market.ou
    default:
      let path = String(market.kind.dropFirst("trace:".count))
      let resolved =
        FileManager.default.fileExists(atPath: path)
        ? path : (baseDirectory as NSString).appendingPathComponent(path)
      guard FileManager.default.fileExists(atPath: resolved) else {
        throw ExperimentsError.invalidValue(
          file: file, key: "market", value: market.kind,
          expected:
            "trace:PATH naming a trace file or directory; \(resolved) does not exist (a relative PATH is read from the working directory, else from \(baseDirectory), the folder of \(file))"
        )
      }
      let loaded = try traces.load(resolved)
      // The catalog type whose instance the trace measured.
      let measured = loaded.first?.instanceType.flatMap { instance in
        catalog.names.first { catalog.instances[$0] == instance }
      }
      return TraceMarket(
        traces: loaded, startHour: self.market.traceStartHour, accelerator: measured,
        otherTypes: self.market.traceOtherTypes)
    }
  }

  func translate(_ error: SimulationError, key: String, value: String) -> ExperimentsError {
    switch error {
    case .unknownName(_, let name, let known):
      return .unknownName(file: file, key: key, name: name, known: known)
    case .invalidParameter(let name, let v, let reason):
      return .invalidValue(file: file, key: "\(key) (\(name))", value: v, expected: reason)
    }
  }
}
