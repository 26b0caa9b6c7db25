import Simulation
import Yams

/// Where a workload's figures came from: its memory footprint and each
/// measured rate, by the types it was measured on.
public struct WorkloadSources: Sendable, Hashable {
  /// The source of the memory footprint.
  public var memory: String
  /// Each measurement as written in the catalog: its types, the rate on
  /// the whole measured system, the accelerators in that system and the
  /// source (with its date).
  public var measurements: [Measurement]

  /// One measured figure.
  public struct Measurement: Sendable, Hashable {
    /// Types that share this figure (one chip sold as several types).
    public var types: [String]
    /// Items per second on the whole measured system.
    public var rate: Double
    /// Accelerators in the measured system.
    public var accelerators: Int
    /// Where and when it was measured.
    public var source: String
  }
}

extension AcceleratorCatalog {
  /// Keys of one `workloads:` entry.
  static let workloadKeys = [
    "name", "summary", "work_unit", "rate_unit", "items_per_work_unit", "memory_gib",
    "memory_source", "measured",
  ]

  /// Reads `workloads:`: named classes of work, each with a rate measured
  /// on the whole system it was measured on, divided here by that system's
  /// accelerators. Every figure must carry a source; a type named twice in
  /// one workload, or not in the catalog, is refused.
  mutating func readWorkloads(_ entries: [Node], file: String) throws {
    for (index, node) in entries.enumerated() {
      let entry = try YAMLMap(node, file: file, path: "workloads[\(index)]")
      try entry.rejectUnknownKeys(Self.workloadKeys)
      let name = try entry.requiredString("name")
      if workloads.contains(where: { $0.name == name }) {
        throw ExperimentsError.invalidValue(
          file: file, key: entry.keyPath("name"), value: name, expected: "a unique name")
      }
      let positive = ("a positive number", { (v: Double) in v > 0 })
      guard
        let items = try entry.double("items_per_work_unit", positive.0, positive.1)
      else { throw entry.missing("items_per_work_unit") }
      guard
        let memory = try entry.double(
          "memory_gib", "a size in GiB in [0, 100000]", { (0...100_000).contains($0) })
      else { throw entry.missing("memory_gib") }
      var rates: [String: Double] = [:]
      var measurements: [WorkloadSources.Measurement] = []
      guard let measured = try entry.sequence("measured") else { throw entry.missing("measured") }
      for (m, item) in measured.enumerated() {
        let figure = try YAMLMap(item, file: file, path: entry.keyPath("measured[\(m)]"))
        try figure.rejectUnknownKeys(["types", "rate", "accelerators", "source"])
        guard let rate = try figure.double("rate", positive.0, positive.1) else {
          throw figure.missing("rate")
        }
        guard
          let count = try figure.int(
            "accelerators", "a whole number in [1, 100000]", { (1...100_000).contains($0) })
        else { throw figure.missing("accelerators") }
        let source = try figure.requiredString("source")
        guard let typeNodes = try figure.sequence("types"), !typeNodes.isEmpty else {
          throw figure.missing("types")
        }
        var types: [String] = []
        for typeNode in typeNodes {
          guard let type = typeNode.scalar?.string, self.type(named: type) != nil else {
            throw ExperimentsError.unknownName(
              file: file, key: figure.keyPath("types"), name: YAMLMap.show(typeNode), known: names)
          }
          if rates[type] != nil {
            throw ExperimentsError.invalidValue(
              file: file, key: figure.keyPath("types"), value: type,
              expected: "a type measured once per workload")
          }
          rates[type] = rate / Double(count)
          types.append(type)
        }
        measurements.append(
          .init(types: types, rate: rate, accelerators: count, source: source))
      }
      workloads.append(
        WorkloadProfile(
          name: name, summary: try entry.string("summary") ?? "",
          workUnit: try entry.requiredString("work_unit"),
          rateUnit: try entry.requiredString("rate_unit"), itemsPerWorkUnit: items,
          memoryGiB: memory, ratePerAccelerator: rates))
      workloadSources[name] = WorkloadSources(
        memory: try entry.requiredString("memory_source"), measurements: measurements)
    }
  }

  /// The workload called `name`, if any.
  public func workload(named name: String) -> WorkloadProfile? {
    workloads.first { $0.name == name }
  }
}
