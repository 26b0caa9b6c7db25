import Foundation
import Simulation

/// An experiment: a base scenario, axes to vary, replicates and a seed.
///
/// ```yaml
/// name: headline
/// scenario: ../headline.yaml        # base scenario file (relative to this file)
/// base: {deadline_slack: 2}         # and/or inline scenario keys over it
/// grid:                             # any scenario parameter is an axis
///   policy: [greedy, on-demand-only]
///   migration: [naive, optimal]
/// exclude: [{policy: on-demand-only, migration: optimal}]
/// include: [{policy: greedy, migration: none}]
/// replicates: 10
/// seed: 1
/// baseline: on-demand-only
/// nuisance: [trace_start_hour]      # axes sampled, not chosen: never starred
/// overnight: {replicates: 50, grid: {bandwidth_gbps: [1, 2, 5, 10]}}
/// ```
///
/// A run's seed derives from (spec seed, replicate) only, so every cell of a
/// replicate sees the same workload and market paths: common random numbers.
public struct ExperimentSpec: Sendable {
  /// The file it was read from.
  public var file: String
  /// The exact text of the file (stored with every sweep).
  public var text: String
  /// Experiment name.
  public var name: String
  /// Free text.
  public var description: String
  /// The base scenario every cell starts from.
  public var base: ScenarioConfig
  /// Axes in file order: parameter key and its values (text form).
  public var axes: [(key: String, values: [String])]
  /// Cells removed from the product: a cell matching every pair of one entry.
  public var exclude: [[String: String]]
  /// Cells added to the product (unspecified keys take base values).
  public var include: [[String: String]]
  /// Replicates per cell (with `adaptive`, its `max`: the runs a sweep
  /// may take).
  public var replicates: Int
  /// Replicates chosen by the statistics, when `replicates:` is a mapping.
  public var adaptive: AdaptiveReplication?
  /// Root seed.
  public var seed: UInt64
  /// The policy savings are paired against (default `on-demand-only`).
  public var baseline: String
  /// The comparisons the experiment is about (`compare: [[optimal,
  /// naive]]`): two values of one axis each; reports state where their
  /// paired difference is significant.
  public var comparisons: [Comparison] = []

  /// Two values of one axis to compare, cell by cell and replicate by
  /// replicate.
  public struct Comparison: Sendable, Equatable {
    /// The axis.
    public var axis: String
    /// The value compared, and the value it is compared against.
    public var value: String
    public var against: String

    /// Creates a comparison.
    public init(axis: String, value: String, against: String) {
      self.axis = axis
      self.value = value
      self.against = against
    }
  }

  /// SHA-256 of the spec text: identifies the experiment across sweeps.
  public var hash: String { Self.hash(of: text) }

  /// SHA-256 (hex) of spec text.
  public static func hash(of text: String) -> String { SHA256.hex(Array(text.utf8)) }

  /// The `baseline:` of a spec's text without resolving anything else
  /// (`on-demand-only` when absent or unreadable).
  public static func baseline(inText text: String) -> String {
    (try? YAMLMap.parse(text, file: "spec").string("baseline")) ?? nil ?? "on-demand-only"
  }

  /// Keys a spec may have.
  static let keys = [
    "name", "description", "scenario", "base", "grid", "exclude", "include", "replicates", "seed",
    "baseline", "overnight", "fleets", "max_deadline_miss_rate", "compare", "claims", "nuisance",
    "bound",
  ]

  /// The `description:` of a spec's text (nil when absent or unreadable).
  public static func description(inText text: String) -> String? {
    (try? YAMLMap.parse(text, file: "spec").string("description")) ?? nil
  }

  /// The `max_deadline_miss_rate:` of a spec's text: the share of
  /// deadlines a cell may miss and still be starred in reports (0 when
  /// absent or unreadable).
  public static func maxDeadlineMissRate(inText text: String) -> Double {
    (try? YAMLMap.parse(text, file: "spec").double("max_deadline_miss_rate")) ?? nil ?? 0
  }

  /// Loads a spec; `size` selects a size block (e.g. `overnight`) when given.
  /// - Throws: `ExperimentsError` naming the file, key and value.
  public static func load(_ file: String, catalog: AcceleratorCatalog, size: String? = nil) throws
    -> ExperimentSpec
  {
    try parse(readText(file), file: file, catalog: catalog, size: size)
  }

  /// Parses spec text as read from `file`.
  public static func parse(
    _ text: String, file: String, catalog: AcceleratorCatalog, size: String? = nil
  ) throws -> ExperimentSpec {
    let root = try YAMLMap.parse(text, file: file)
    guard !root.entries.isEmpty else {
      throw ExperimentsError.malformed(
        file: file, line: nil, reason: "empty spec: it needs at least a grid or a base scenario")
    }
    // A scenario file (flat parameter keys, no grid) is a common mistake:
    // say what it is and how to run it, not which key is unknown.
    if root.node("grid") == nil, root.node("base") == nil, root.node("scenario") == nil,
      let key = root.entries.map(\.key).first(where: {
        ScenarioParameter.named($0) != nil && !keys.contains($0)
      })
    {
      throw ExperimentsError.invalidValue(
        file: file, key: key, value: (try? root.string(key)) ?? nil ?? "…",
        expected:
          "an experiment spec (name, base or scenario, grid, ...): this file is a scenario (flat parameter keys); run it with `synkti simulate --scenario \(file)`, or name it from a spec with `scenario: \((file as NSString).lastPathComponent)` and a `grid:`"
      )
    }
    try root.rejectUnknownKeys(keys)
    let directory = (file as NSString).deletingLastPathComponent
    var base = ScenarioConfig()
    if let scenario = try root.string("scenario") {
      let path =
        scenario.hasPrefix("/")
        ? scenario : (directory as NSString).appendingPathComponent(scenario)
      base = try ScenarioConfig.load(path, catalog: catalog)
    }
    if let inline = try root.map("base") {
      try base.merge(inline, catalog: catalog)
    }
    // Relative paths (traces) resolve against the file that set the keys
    // (`merge` records it); errors point at the spec.
    base.file = file
    // `bound: true` solves every fleet run's lower bound: the parameter
    // `bound` in every cell.
    if let bound = try root.string("bound") { try base.set("bound", to: bound) }
    // Named fleets (`fleet:` values), beside the catalog's.
    base.namedFleets = try AcceleratorCatalog.readFleets(root, known: catalog.names)

    var axes = try readAxes(root, key: "grid")
    var (replicates, adaptive) = try readReplicates(root) ?? (1, nil)
    if let size {
      guard let block = try root.map(size) else {
        throw ExperimentsError.missingKey(file: file, key: size)
      }
      try block.rejectUnknownKeys(["grid", "replicates"])
      if let sized = try readReplicates(block) { (replicates, adaptive) = sized }
      override(&axes, with: try readAxes(block, key: "grid"))
    }
    guard let seedText = try root.string("seed") ?? Optional("1"), let seed = UInt64(seedText)
    else {
      throw root.invalid("seed", root.node("seed")!, "a whole number ≥ 0")
    }
    try checkRunCount(axes: axes, replicates: replicates, root: root)
    // Read by reports (★ goes only to cells within it); checked here so a
    // bad value fails before anything runs.
    _ = try root.double("max_deadline_miss_rate", "a share in [0, 1]") { (0...1).contains($0) }
    let baseline = try root.string("baseline") ?? "on-demand-only"
    guard PolicyRegistry.standard.names.contains(String(baseline.split(separator: ":").first ?? ""))
    else {
      throw ExperimentsError.unknownName(
        file: file, key: "baseline", name: baseline, known: PolicyRegistry.standard.names)
    }
    let comparisons = try readComparisons(root, axes: axes)
    // Read by reports; checked here so a bad name fails before anything runs.
    _ = try readNuisance(root, axes: axes)
    // Read by reports; checked here so a bad claim fails before anything runs.
    _ = try readClaims(root, axes: axes)
    let name =
      try root.string("name")
      ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    guard Identifier.isValid(name) else {
      // The name is the folder of the report: it must not leave --out.
      throw ExperimentsError.invalidValue(
        file: file, key: root.node("name") == nil ? "name (from the file name)" : "name",
        value: name, expected: Identifier.rule)
    }
    var spec = ExperimentSpec(
      file: file, text: text, name: name,
      description: try root.string("description") ?? "", base: base, axes: axes,
      exclude: try readCombinations(root, key: "exclude", axes: axes),
      include: try readCombinations(root, key: "include", axes: nil),
      replicates: replicates, adaptive: adaptive, seed: seed, baseline: baseline)
    spec.comparisons = comparisons
    return spec
  }

  /// `compare:` pairs resolved to their axis: each pair must be two
  /// different values of one axis.
  static func readComparisons(_ root: YAMLMap, axes: [(key: String, values: [String])]) throws
    -> [Comparison]
  {
    guard let items = try root.sequence("compare") else { return [] }
    return try items.enumerated().map { index, node in
      let key = "compare[\(index)]"
      guard let pair = node.sequence, pair.count == 2, pair.allSatisfy({ $0.scalar != nil })
      else {
        throw ExperimentsError.invalidValue(
          file: root.file, key: key, value: YAMLMap.show(node),
          expected: "a pair of values of one axis, e.g. [optimal, naive]")
      }
      let (a, b) = (YAMLMap.text(pair[0]), YAMLMap.text(pair[1]))
      guard a != b, let axis = axes.first(where: { $0.values.contains(a) && $0.values.contains(b) })
      else {
        throw ExperimentsError.invalidValue(
          file: root.file, key: key, value: "[\(a), \(b)]",
          expected: "two different values of one grid axis ("
            + axes.map { "\($0.key): \($0.values.joined(separator: ", "))" }.joined(separator: "; ")
            + ")")
      }
      return Comparison(axis: axis.key, value: a, against: b)
    }
  }

  /// `nuisance:` axes: conditions sampled (trace windows, start hours)
  /// rather than chosen, which reports pool as samples and never star.
  /// Each must be a grid axis.
  static func readNuisance(_ root: YAMLMap, axes: [(key: String, values: [String])]) throws
    -> [String]
  {
    guard let items = try root.sequence("nuisance") else { return [] }
    return try items.enumerated().map { index, node in
      let name = YAMLMap.text(node)
      guard node.scalar != nil, axes.contains(where: { $0.key == name }) else {
        throw ExperimentsError.invalidValue(
          file: root.file, key: "nuisance[\(index)]", value: YAMLMap.show(node),
          expected: "a grid axis (" + axes.map(\.key).joined(separator: ", ") + ")")
      }
      return name
    }
  }

  /// The `nuisance:` axes of a spec's text, without resolving or checking
  /// anything else (empty when absent or unreadable).
  public static func nuisanceAxes(inText text: String) -> [String] {
    guard let root = try? YAMLMap.parse(text, file: "spec"),
      let items = try? root.sequence("nuisance")
    else { return [] }
    return items.compactMap { $0.scalar == nil ? nil : YAMLMap.text($0) }
  }

  /// The `compare:` pairs of a spec's text, without resolving anything
  /// else (empty when absent or unreadable).
  public static func comparisons(inText text: String, size: String? = nil) -> [Comparison] {
    guard let (root, axes) = sizedAxes(inText: text, size: size) else { return [] }
    return (try? readComparisons(root, axes: axes)) ?? []
  }

  /// A spec text's root and its axes after `size`'s block, without
  /// resolving anything else (nil when unreadable).
  static func sizedAxes(inText text: String, size: String?) -> (
    YAMLMap, [(key: String, values: [String])]
  )? {
    guard let root = try? YAMLMap.parse(text, file: "spec") else { return nil }
    var axes = (try? readAxes(root, key: "grid")) ?? []
    if let size, size != "default", let block = try? root.map(size),
      let sized = try? readAxes(block, key: "grid")
    {
      override(&axes, with: sized)
    }
    return (root, axes)
  }

  /// A size block's axes over the spec's: same keys take the block's
  /// values, new keys are appended.
  static func override(
    _ axes: inout [(key: String, values: [String])], with block: [(key: String, values: [String])]
  ) {
    for (key, values) in block {
      if let at = axes.firstIndex(where: { $0.key == key }) {
        axes[at].values = values
      } else {
        axes.append((key, values))
      }
    }
  }

  /// The `replicates:` of a spec's text (after `size`'s block), without
  /// resolving anything else: nil when fixed, absent or unreadable.
  public static func adaptive(inText text: String, size: String? = nil) -> AdaptiveReplication? {
    guard let root = try? YAMLMap.parse(text, file: "spec") else { return nil }
    if let size, size != "default", let block = try? root.map(size),
      let sized = try? readReplicates(block)
    {
      return sized.adaptive
    }
    return (try? readReplicates(root))??.adaptive
  }

  /// `replicates:` as a count, or as `{min, max, target}` (then the count
  /// is `max`); nil when absent.
  static func readReplicates(_ map: YAMLMap) throws -> (
    replicates: Int, adaptive: AdaptiveReplication?
  )? {
    let rule = ScenarioLimits.describe(ScenarioLimits.replicates)
    guard let node = map.node("replicates") else { return nil }
    guard node.mapping != nil, let block = try map.map("replicates") else {
      return (
        try map.int(
          "replicates", rule + " or {min, max, target}", ScenarioLimits.replicates.contains)!, nil
      )
    }
    try block.rejectUnknownKeys(["min", "max", "target"])
    guard let low = try block.int("min", rule, ScenarioLimits.replicates.contains) else {
      throw block.missing("min")
    }
    guard let high = try block.int("max", rule, ScenarioLimits.replicates.contains) else {
      throw block.missing("max")
    }
    guard high >= low else {
      throw block.invalid("max", block.node("max")!, "a whole number ≥ min (\(low))")
    }
    guard let target = try block.map("target") else { throw block.missing("target") }
    try target.rejectUnknownKeys(["metric", "halfwidth_percent", "vs"])
    let metric = try target.requiredString("metric")
    guard Schema.metricColumns.contains(metric) else {
      throw ExperimentsError.unknownName(
        file: map.file, key: target.keyPath("metric"), name: metric,
        known: Schema.metricColumns.sorted())
    }
    guard
      let percent = try target.double(
        "halfwidth_percent", "a number > 0 (percent)", { $0 > 0 && $0 <= 1_000_000 })
    else { throw target.missing("halfwidth_percent") }
    let vs = try target.string("vs") ?? "baseline"
    guard let reference = AdaptiveReplication.Reference(rawValue: vs) else {
      throw ExperimentsError.unknownName(
        file: map.file, key: target.keyPath("vs"), name: vs,
        known: AdaptiveReplication.Reference.allCases.map(\.rawValue))
    }
    return (
      high,
      AdaptiveReplication(
        minimum: low, maximum: high, metric: metric, halfwidthPercent: percent,
        reference: reference)
    )
  }

  /// Refuses a grid whose cells × replicates exceed `ScenarioLimits.runs`,
  /// with the product computed without overflow before anything is expanded.
  static func checkRunCount(
    axes: [(key: String, values: [String])], replicates: Int, root: YAMLMap
  ) throws {
    var runs = replicates
    let includes = (try? root.sequence("include"))??.count ?? 0
    for axis in axes {
      let (product, overflow) = runs.multipliedReportingOverflow(by: axis.values.count)
      runs = overflow ? Int.max : product
    }
    let (total, overflow) = runs.addingReportingOverflow(includes * replicates)
    if overflow || total > ScenarioLimits.runs {
      throw ExperimentsError.invalidValue(
        file: root.file, key: "grid",
        value: axes.map { "\($0.key) (\($0.values.count))" }.joined(separator: " × ")
          + " × \(replicates) replicates",
        expected: "at most \(ScenarioLimits.runs) runs in all")
    }
  }

  static func readAxes(_ map: YAMLMap, key: String) throws -> [(key: String, values: [String])] {
    guard let grid = try map.map(key) else { return [] }
    var axes: [(String, [String])] = []
    for (axis, node) in grid.entries {
      guard ScenarioParameter.named(axis) != nil, !["name", "description"].contains(axis) else {
        throw ExperimentsError.unknownKey(
          file: map.file, key: grid.keyPath(axis), known: ScenarioParameter.all.map(\.key))
      }
      let values: [String]
      if let seq = node.sequence {
        values = try seq.map { item in
          guard item.scalar != nil, item.null == nil else {
            throw ExperimentsError.invalidValue(
              file: map.file, key: grid.keyPath(axis), value: YAMLMap.show(item),
              expected: "a list of plain values")
          }
          return YAMLMap.text(item)
        }
      } else if node.scalar != nil, node.null == nil {
        values = [YAMLMap.text(node)]
      } else {
        throw ExperimentsError.invalidValue(
          file: map.file, key: grid.keyPath(axis), value: YAMLMap.show(node),
          expected: "a non-empty list of values")
      }
      guard !values.isEmpty else {
        throw ExperimentsError.invalidValue(
          file: map.file, key: grid.keyPath(axis), value: "[]",
          expected: "a non-empty list of values")
      }
      guard Set(values).count == values.count else {
        throw ExperimentsError.invalidValue(
          file: map.file, key: grid.keyPath(axis), value: values.joined(separator: ", "),
          expected: "distinct values")
      }
      axes.append((axis, values))
    }
    return axes
  }

  static func readCombinations(
    _ map: YAMLMap, key: String, axes: [(key: String, values: [String])]?
  )
    throws -> [[String: String]]
  {
    guard let items = try map.sequence(key) else { return [] }
    return try items.enumerated().map { index, node in
      let entry = try YAMLMap(node, file: map.file, path: "\(key)[\(index)]")
      var combination: [String: String] = [:]
      for (k, v) in entry.entries {
        guard ScenarioParameter.named(k) != nil else {
          throw ExperimentsError.unknownKey(
            file: map.file, key: entry.keyPath(k), known: ScenarioParameter.all.map(\.key))
        }
        if let axes, !axes.contains(where: { $0.key == k }) {
          throw ExperimentsError.invalidValue(
            file: map.file, key: entry.keyPath(k), value: YAMLMap.show(v),
            expected: "an axis of grid: (\(axes.map(\.key).joined(separator: ", ")))")
        }
        combination[k] = YAMLMap.text(v)
      }
      return combination
    }
  }
}
