import Foundation
import Simulation

extension ScenarioConfig {
  /// A deadline job's other accelerator types, resolved: each chip's
  /// catalog type and its speed relative to the job's own type under the
  /// workload profile (empty without `chips`).
  ///
  /// - Throws: `ExperimentsError` naming `workload`, `accelerator` or
  ///   `chips` where a name is unknown, a type cannot run the workload (no
  ///   measured figure, or too little memory), or a chip repeats.
  func resolveChips(catalog: AcceleratorCatalog, type: AcceleratorType) throws
    -> [(type: AcceleratorType, speed: Double)]
  {
    guard let name = deadlineJob.workloadProfile else {
      if let chips = deadlineJob.chips {
        throw ExperimentsError.invalidValue(
          file: file, key: "chips", value: ScenarioParameter.showList(chips),
          expected: "null without a workload: (its measured throughput sets each chip's speed)")
      }
      return []
    }
    guard let profile = catalog.workload(named: name) else {
      throw ExperimentsError.unknownName(
        file: file, key: "workload", name: name, known: catalog.workloads.map(\.name))
    }
    func speed(_ t: AcceleratorType, key: String) throws -> Double {
      switch profile.fit(t) {
      case .runs(let perHour): return perHour
      case .unmeasured:
        throw ExperimentsError.invalidValue(
          file: file, key: key, value: t.name,
          expected: "a type that runs \(name) (\(t.name) has no measured figure for it)")
      case .tooLittleMemory(let have):
        throw ExperimentsError.invalidValue(
          file: file, key: key, value: t.name,
          expected:
            "a type that runs \(name) (\(t.name) has \(ScenarioLimits.show(have)) GiB per instance; it needs \(ScenarioLimits.show(profile.memoryGiB)))"
        )
      }
    }
    let reference = try speed(type, key: "accelerator")
    guard let chips = deadlineJob.chips else { return [] }
    if deadlineJob.onDemandRatio != nil {
      throw ExperimentsError.invalidValue(
        file: file, key: "on_demand_ratio", value: "\(deadlineJob.onDemandRatio!)",
        expected: "null when chips are set (each chip has its own on-demand price)")
    }
    var seen: Set<String> = [type.name]
    // A type in time: alone, on its on-demand, it finishes the work by the
    // deadline (work_hours are hours on the accelerator).
    let inTime = { (t: AcceleratorType) -> Bool in
      guard let perHour = profile.fit(t).workPerHour else { return false }
      let restart = Swift.max(0, deadlineJob.restartOverheadHours + t.bootHours - type.bootHours)
      return self.work.mean / (perHour / reference) + restart <= deadlineJob.deadlineHours
    }
    return try expand(chips, profile: profile, catalog: catalog, own: type, inTime: inTime).map {
      chip in
      guard let t = catalog.type(named: chip) else {
        throw ExperimentsError.unknownName(
          file: file, key: "chips", name: chip, known: catalog.names)
      }
      guard seen.insert(chip).inserted else {
        throw ExperimentsError.invalidValue(
          file: file, key: "chips", value: chip,
          expected: "types other than the accelerator (\(type.name)), each once")
      }
      return (t, try speed(t, key: "chips") / reference)
    }
  }
}

extension ScenarioConfig {
  /// `chips` as type names: `all` is every other feasible type — one that
  /// runs the workload and, alone, could finish the job by its deadline —
  /// and `cheapest:N` the N of them whose unit of work costs least on spot
  /// at the catalog's mean price (`WorkloadCosts`); else the names as given.
  func expand(
    _ chips: [String], profile: WorkloadProfile, catalog: AcceleratorCatalog,
    own: AcceleratorType, inTime: (AcceleratorType) -> Bool
  ) throws -> [String] {
    guard chips.count == 1 else { return chips }
    let others = WorkloadCosts(profile, catalog: catalog).feasible.map(\.type)
      .filter { $0.name != own.name && inTime($0) }.map(\.name)
    if chips[0] == "all" { return others }
    guard chips[0].hasPrefix("cheapest:") else { return chips }
    guard let n = Int(chips[0].dropFirst("cheapest:".count)), n >= 1 else {
      throw ExperimentsError.invalidValue(
        file: file, key: "chips", value: chips[0],
        expected: "cheapest:N with N ≥ 1, all, or a list of accelerator names")
    }
    return Array(others.prefix(n))
  }
}

extension DeadlineScenario {
  /// `window` with each chip's places added: one spot zone whose reclaims
  /// are drawn from its catalog hazard (`AcceleratorPlaces.reclaims`, one
  /// series per type, cut at the window's absolute ticks), at its mean spot
  /// price, and its on-demand; each in a location of its own on the first
  /// zone's continent, reached at the cross-region path and the catalog's
  /// default egress per GB. A start on a chip takes the job's restart
  /// overhead plus the difference of its boot time and `ownBootHours`.
  static func adding(
    chips: [(type: AcceleratorType, speed: Double)], to window: DeadlineWindow, startHour: Double,
    network: NetworkModel, checkpointGB: Double, ownBootHours: Double
  ) -> DeadlineWindow {
    var result = window
    let start = Int(startHour / window.tick)
    let priorTicks = Int((priorHours / window.tick).rounded())
    for (type, speed) in chips {
      let stream = stableHash(type.name)
      func draw(from first: Int, count: Int) -> [Bool] {
        AcceleratorPlaces.reclaims(
          hazardPerHour: type.hazardPerHour, tick: window.tick, from: first, count: count,
          stream: stream)
      }
      let places = AcceleratorPlaces(
        available: draw(from: start, count: window.ticks),
        price: Array(repeating: type.spotPrice, count: window.ticks),
        prior: draw(from: start - priorTicks, count: priorTicks),
        onDemandPrice: type.onDemandPrice, speed: speed,
        restartExtra: type.bootHours - ownBootHours)
      result = result.adding(
        places, continent: window.regionContinent[window.zoneRegion[0]],
        egress: checkpointGB * network.defaultEgressPerGB)
    }
    return result
  }

  /// FNV-1a of `text`'s UTF-8: a seed that never changes between runs or
  /// builds (Swift's `hashValue` does).
  static func stableHash(_ text: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return h
  }
}
