import Foundation

extension ExperimentSpec {
  /// Refuses a scenario file given as a spec, a common mistake: says what
  /// it is and how to run it, not which key is unknown.
  static func rejectScenarioFile(_ root: YAMLMap, file: String) throws {
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
  }

  /// The spec's base scenario: its `scenario:` file, then its `base:`
  /// keys, its `bound:` and its named fleets.
  static func readBase(_ root: YAMLMap, file: String, catalog: AcceleratorCatalog) throws
    -> ScenarioConfig
  {
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
    base.fleet.namedFleets = try AcceleratorCatalog.readFleets(root, known: catalog.names)
    return base
  }

  /// The spec's name (else its file's), which must be a valid identifier.
  static func readName(_ root: YAMLMap, file: String) throws -> String {
    let name =
      try root.string("name")
      ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    guard Identifier.isValid(name) else {
      // The name is the folder of the report: it must not leave --out.
      throw ExperimentsError.invalidValue(
        file: file, key: root.node("name") == nil ? "name (from the file name)" : "name",
        value: name, expected: Identifier.rule)
    }
    return name
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
