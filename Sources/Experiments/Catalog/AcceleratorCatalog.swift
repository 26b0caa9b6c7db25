import Foundation
import Simulation

/// The accelerator types a scenario can name, loaded from `catalog.yaml`.
public struct AcceleratorCatalog: Sendable {
  /// Types in file order.
  public var types: [AcceleratorType]
  /// Where each figure came from, per type name, per field.
  public var sources: [String: [String: String]]
  /// Instance type names (e.g. `p3.2xlarge`) per accelerator name.
  public var instances: [String: String]
  /// Bandwidth by path and egress prices between regions.
  public var network = NetworkModel()
  /// Where each network figure came from.
  public var networkSources: [String: String] = [:]
  /// Named fleets: lists of type names, usable as `fleet: NAME`.
  public var fleets: [String: [String]] = [:]
  /// Classes of work with a measured rate per type (`workloads:`).
  public var workloads: [WorkloadProfile] = []
  /// Where each workload's figures came from, by workload name.
  public var workloadSources: [String: WorkloadSources] = [:]
  /// The files this catalog was read from (its YAML, then each egress
  /// table found), for the model fingerprint.
  public var inputFiles: [String] = []

  /// Creates a catalog from types.
  public init(
    types: [AcceleratorType], sources: [String: [String: String]] = [:],
    instances: [String: String] = [:]
  ) {
    self.types = types
    self.sources = sources
    self.instances = instances
  }

  /// The type called `name`, if any.
  public func type(named name: String) -> AcceleratorType? {
    types.first { $0.name == name }
  }

  /// Names in file order.
  public var names: [String] { types.map(\.name) }

  /// Midpoints of the AWS Spot Advisor interruption bands (share of
  /// instances interrupted over a trailing month).
  public static let bandMidpoints: [Double] = [0.025, 0.075, 0.125, 0.175, 0.25]

  /// Loads a catalog file.
  /// - Throws: `ExperimentsError` naming the file, key and value at fault.
  public static func load(_ file: String) throws -> AcceleratorCatalog {
    try parse(readText(file), file: file)
  }

  /// Parses catalog text.
  public static func parse(_ text: String, file: String) throws -> AcceleratorCatalog {
    let root = try YAMLMap.parse(text, file: file)
    try root.rejectUnknownKeys(["accelerators", "network", "fleets", "workloads"])
    guard let entries = try root.sequence("accelerators") else {
      throw root.missing("accelerators")
    }
    var catalog = AcceleratorCatalog(types: [])
    catalog.inputFiles = [file]
    for (index, node) in entries.enumerated() {
      let entry = try YAMLMap(node, file: file, path: "accelerators[\(index)]")
      let type = try accelerator(from: entry, defaults: nil)
      if catalog.type(named: type.name) != nil {
        throw ExperimentsError.invalidValue(
          file: file, key: entry.keyPath("name"), value: type.name, expected: "a unique name")
      }
      catalog.types.append(type)
      if let sources = try entry.map("sources") {
        var table: [String: String] = [:]
        for key in sources.keys { table[key] = try sources.string(key) }
        catalog.sources[type.name] = table
      }
      catalog.instances[type.name] = try entry.string("instance")
    }
    if let network = try root.map("network") {
      try catalog.readNetwork(network, file: file)
    }
    catalog.fleets = try readFleets(root, known: catalog.names)
    if let workloads = try root.sequence("workloads") {
      try catalog.readWorkloads(workloads, file: file)
    }
    return catalog
  }

  /// Reads `network:`: path speeds, the egress table and its default.
  mutating func readNetwork(_ m: YAMLMap, file: String) throws {
    try m.rejectUnknownKeys([
      "in_region_gbps", "cross_region_gbps", "cross_continent_gbps", "egress_table",
      "default_egress_usd_per_gb", "sources",
    ])
    let gbps = ScenarioLimits.describe(ScenarioLimits.gbps)
    func speed(_ key: String) throws -> Double? {
      try m.double(key, gbps) { ScenarioLimits.gbps.contains($0) }
    }
    if let v = try speed("in_region_gbps") { network.inRegionGbps = v }
    if let v = try speed("cross_region_gbps") { network.crossRegionGbps = v }
    if let v = try speed("cross_continent_gbps") { network.crossContinentGbps = v }
    if let v = try m.double(
      "default_egress_usd_per_gb", "a price in [0, 100]", { (0...100).contains($0) })
    {
      network.defaultEgressPerGB = v
    }
    // One table or a list of them (one per provider); a pair listed twice
    // takes the later table's price.
    var tables: [String] = []
    if let node = m.node("egress_table"), node.scalar == nil {
      for item in try m.sequence("egress_table") ?? [] {
        guard let path = item.scalar?.string else {
          throw m.invalid("egress_table", item, "a CSV path or a list of CSV paths")
        }
        tables.append(path)
      }
    } else if let table = try m.string("egress_table") {
      tables = [table]
    }
    for table in tables {
      let path =
        table.hasPrefix("/")
        ? table
        : ((file as NSString).deletingLastPathComponent as NSString)
          .appendingPathComponent(table)
      // The shared data may be absent (a bare checkout): then every pair
      // costs the default, as the table's own README says to.
      if FileManager.default.fileExists(atPath: path) {
        inputFiles.append(path)
        for (from, row) in try Self.egressTable(readText(path), file: path) {
          network.egressTable[from, default: [:]].merge(row) { _, later in later }
        }
      }
    }
    if let sources = try m.map("sources") {
      for key in sources.keys { networkSources[key] = try sources.string(key) }
    }
  }

  /// Parses `from_region,to_region,price_usd_per_gb` rows (after a header
  /// line; blank lines skipped, CRLF accepted). Scans bytes: every command
  /// loads the catalog, and `String` splitting and trimming made this table
  /// a quarter of a small `synkti simulate`'s time.
  static func egressTable(_ text: String, file: String) throws -> [String: [String: Double]] {
    var table: [String: [String: Double]] = [:]
    func trimmed(_ field: Substring.UTF8View.SubSequence) -> String {
      var field = field
      while let first = field.first, first == 0x20 || first == 0x09 { field = field.dropFirst() }
      while let last = field.last, last == 0x20 || last == 0x09 || last == 0x0D {
        field = field.dropLast()
      }
      return String(Substring(field))
    }
    let utf8 = Substring(text).utf8
    for (i, line) in utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
      if i == 0 { continue }
      let fields = line.split(separator: 0x2C, omittingEmptySubsequences: false).map(trimmed)
      if fields.count == 1 && fields[0].isEmpty { continue }
      guard fields.count == 3, let price = Double(fields[2]), price.isFinite, price >= 0 else {
        throw ExperimentsError.malformed(
          file: file, line: i + 1,
          reason:
            "expected 'from_region,to_region,price_usd_per_gb', found '\(String(Substring(line)).prefix(80))'"
        )
      }
      table[fields[0], default: [:]][fields[1]] = price
    }
    return table
  }

  /// Reads `fleets:`, a mapping of names to lists of type names.
  static func readFleets(_ root: YAMLMap, known: [String]) throws -> [String: [String]] {
    guard let fleets = try root.map("fleets") else { return [:] }
    var result: [String: [String]] = [:]
    for name in fleets.keys {
      guard let items = try fleets.sequence(name), !items.isEmpty else {
        let expected = "a non-empty list of accelerator names"
        // A null entry has no node to show.
        guard let node = fleets.node(name) else {
          throw ExperimentsError.invalidValue(
            file: root.file, key: fleets.keyPath(name), value: "null", expected: expected)
        }
        throw fleets.invalid(name, node, expected)
      }
      result[name] = try items.map { node in
        guard let type = node.scalar?.string, known.contains(type) else {
          throw ExperimentsError.unknownName(
            file: root.file, key: fleets.keyPath(name), name: YAMLMap.show(node), known: known)
        }
        return type
      }
    }
    return result
  }

  /// Keys an accelerator entry may have.
  static let acceleratorKeys = [
    "name", "instance", "provider", "gpus_per_instance", "memory_per_gpu_gib", "network_gbps",
    "on_demand_usd_per_hour", "spot_usd_per_hour", "spot_savings_percent", "hazard_per_hour",
    "interruption_band", "grace_seconds", "boot_seconds", "relative_speed", "sources", "base",
    "spot_capacity",
  ]

  /// Reads one accelerator definition; with `defaults`, absent keys keep the
  /// default's values (used for inline overrides in scenarios).
  static func accelerator(from m: YAMLMap, defaults: AcceleratorType?) throws -> AcceleratorType {
    try m.rejectUnknownKeys(acceleratorKeys)
    typealias Limits = ScenarioLimits
    func bounded(_ range: ClosedRange<Double>, positive: Bool = false) -> (
      String, (Double) -> Bool
    ) {
      (
        Limits.describe(range, exclusiveLower: positive),
        { range.contains($0) && (!positive || $0 > range.lowerBound) }
      )
    }
    func value(_ key: String, _ rule: (String, (Double) -> Bool), _ fallback: Double?)
      throws -> Double
    {
      if let v = try m.double(key, rule.0, rule.1) { return v }
      if let fallback { return fallback }
      throw m.missing(key)
    }
    let name = try m.string("name") ?? defaults?.name
    guard let name else { throw m.missing("name") }
    let price = bounded(Limits.usdPerHour, positive: true)
    let onDemand = try value("on_demand_usd_per_hour", price, defaults?.onDemandPrice)
    var spot = defaults?.spotPrice
    if let s = try m.double(
      "spot_savings_percent", "a percentage in [0, 100)", { $0 >= 0 && $0 < 100 })
    {
      spot = onDemand * (1 - s / 100)
    }
    if let p = try m.double("spot_usd_per_hour", price.0, price.1) { spot = p }
    guard let spot else { throw m.missing("spot_usd_per_hour") }
    var hazard = defaults?.hazardPerHour
    if let band = try m.int("interruption_band", "a band from 0 to 4", { (0...4).contains($0) }) {
      hazard = AcceleratorType.hourlyHazard(monthlyInterruptedFraction: bandMidpoints[band])
    }
    let hazardRule = bounded(Limits.hazardPerHour)
    if let h = try m.double("hazard_per_hour", hazardRule.0, hazardRule.1) { hazard = h }
    guard let hazard else { throw m.missing("hazard_per_hour") }
    let gpus =
      try m.int(
        "gpus_per_instance", Limits.describe(Limits.gpusPerInstance),
        { Limits.gpusPerInstance.contains($0) })
      ?? defaults?.gpusPerInstance ?? 1
    return AcceleratorType(
      name: name, provider: try m.string("provider") ?? defaults?.provider ?? "custom",
      gpusPerInstance: gpus,
      memoryPerGPUGiB: try value(
        "memory_per_gpu_gib", bounded(Limits.memoryGiB, positive: true), defaults?.memoryPerGPUGiB
      ),
      networkGbps: try value("network_gbps", bounded(Limits.gbps), defaults?.networkGbps),
      onDemandPrice: onDemand, spotPrice: spot, hazardPerHour: hazard,
      graceSeconds: try value("grace_seconds", bounded(Limits.seconds), defaults?.graceSeconds),
      bootHours: try value(
        "boot_seconds", bounded(Limits.seconds), defaults.map { $0.bootHours * 3600 }) / 3600,
      relativeSpeed: try value(
        "relative_speed", bounded(Limits.relativeSpeed), defaults?.relativeSpeed ?? 1),
      spotCapacity: try m.int(
        "spot_capacity", "a whole number in [0, 1000000000]", { (0...1_000_000_000).contains($0) })
        ?? defaults?.spotCapacity
    )
  }
}
