import Foundation
import Simulation

extension ScenarioConfig {
  /// Loads a scenario file: a flat YAML mapping of parameter keys (see
  /// `ScenarioParameter.all`), plus `accelerators:` (a list of catalog names
  /// or inline definitions, optionally with `base: NAME`) and `kinds:`
  /// (per workload kind: `weight`, `memory_gib`, `state_mib`, `state_growth_mib`).
  /// - Throws: `ExperimentsError` naming the file, the key and the value.
  public static func load(_ file: String, catalog: AcceleratorCatalog) throws -> ScenarioConfig {
    var config = ScenarioConfig()
    try config.merge(YAMLMap.load(file), catalog: catalog)
    return config
  }

  /// Parses scenario text as if read from `file`.
  public static func parse(_ text: String, file: String, catalog: AcceleratorCatalog) throws
    -> ScenarioConfig
  {
    var config = ScenarioConfig()
    try config.merge(YAMLMap.parse(text, file: file), catalog: catalog)
    return config
  }

  /// Applies every key of `map` over this config.
  mutating func merge(_ map: YAMLMap, catalog: AcceleratorCatalog) throws {
    file = map.file
    baseDirectory = (map.file as NSString).deletingLastPathComponent
    if baseDirectory.isEmpty { baseDirectory = "." }
    for (key, node) in map.entries {
      switch key {
      case "accelerators":
        accelerators = try Self.readAccelerators(map, catalog: catalog)
      case "kinds":
        fleet.kinds = try Self.readKinds(map)
      default:
        guard ScenarioParameter.named(key) != nil else {
          throw ExperimentsError.unknownKey(
            file: file, key: map.keyPath(key),
            known: ScenarioParameter.all.map(\.key) + ["accelerators", "kinds"])
        }
        let text = node.null != nil ? "null" : YAMLMap.text(node)
        try set(key, to: text)
      }
    }
  }

  static func readAccelerators(_ map: YAMLMap, catalog: AcceleratorCatalog) throws
    -> [AcceleratorChoice]
  {
    guard let items = try map.sequence("accelerators"), !items.isEmpty else {
      // A null value has no node to show.
      guard let node = map.node("accelerators") else {
        throw ExperimentsError.invalidValue(
          file: map.file, key: map.keyPath("accelerators"), value: "null",
          expected: "a non-empty list")
      }
      throw map.invalid("accelerators", node, "a non-empty list")
    }
    return try items.enumerated().map { index, node in
      if let name = node.scalar?.string { return .named(name) }
      let entry = try YAMLMap(node, file: map.file, path: "accelerators[\(index)]")
      var base: AcceleratorType?
      if let baseName = try entry.string("base") {
        guard let type = catalog.type(named: baseName) else {
          throw ExperimentsError.unknownName(
            file: map.file, key: entry.keyPath("base"), name: baseName, known: catalog.names)
        }
        base = type
      }
      return .inline(try AcceleratorCatalog.accelerator(from: entry, defaults: base))
    }
  }

  static func readKinds(_ map: YAMLMap) throws -> [WorkloadKind: KindProfile] {
    guard let kindsMap = try map.map("kinds") else {
      throw ExperimentsError.invalidValue(
        file: map.file, key: map.keyPath("kinds"), value: "null",
        expected: "a mapping of workload kinds, at least one with weight > 0")
    }
    var kinds: [WorkloadKind: KindProfile] = [:]
    for key in kindsMap.keys {
      guard let kind = WorkloadKind(rawValue: key) else {
        throw ExperimentsError.unknownKey(
          file: map.file, key: kindsMap.keyPath(key), known: WorkloadKind.allCases.map(\.rawValue))
      }
      let defaults: KindProfile
      switch kind {
      case .inference: defaults = .inference
      case .training: defaults = .training
      case .batch: defaults = .batch
      }
      guard let entry = try kindsMap.map(key) else { continue }
      try entry.rejectUnknownKeys([
        "weight", "memory_gib", "state_mib", "state_growth_mib", "weights_gib",
      ])
      kinds[kind] = KindProfile(
        weight: try entry.double(
          "weight", ScenarioLimits.describe(ScenarioLimits.factor),
          { ScenarioLimits.factor.contains($0) }) ?? 1,
        memoryGiB: try entry.double(
          "memory_gib", ScenarioLimits.describe(ScenarioLimits.memoryGiB, exclusiveLower: true),
          { $0 > 0 && ScenarioLimits.memoryGiB.contains($0) }) ?? defaults.memoryGiB,
        state: StateSizeModel(
          baseMiB: try entry.double(
            "state_mib", ScenarioLimits.describe(ScenarioLimits.stateMiB),
            { ScenarioLimits.stateMiB.contains($0) }) ?? defaults.state.baseMiB,
          growthMiB: try entry.double(
            "state_growth_mib", ScenarioLimits.describe(ScenarioLimits.stateMiB),
            { ScenarioLimits.stateMiB.contains($0) }) ?? defaults.state.growthMiB),
        weightsGiB: try entry.double(
          "weights_gib", ScenarioLimits.describe(ScenarioLimits.memoryGiB),
          { ScenarioLimits.memoryGiB.contains($0) }) ?? defaults.weightsGiB)
    }
    guard kinds.values.contains(where: { $0.weight > 0 }) else {
      throw ExperimentsError.invalidValue(
        file: map.file, key: "kinds", value: YAMLMap.show(map.node("kinds")!),
        expected: "at least one kind with weight > 0")
    }
    return kinds
  }
}
