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

  /// The `policy:` a spec's text sets in `base:`, without resolving
  /// anything else (nil when absent or unreadable): what every cell runs
  /// that has no `policy` axis value.
  public static func basePolicy(inText text: String) -> String? {
    (try? YAMLMap.parse(text, file: "spec").map("base")?.string("policy")) ?? nil
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

  /// Refuses a `baseline:` that names no policy of the models the spec
  /// runs (its base `model`, and any `model` axis): a fleet spec's
  /// baseline is a fleet policy, a deadline-job spec's a deadline policy
  /// (`up-eager-failover`, say, which its reports then pair with).
  static func checkBaseline(
    _ baseline: String, base: ScenarioConfig, axes: [(key: String, values: [String])],
    file: String
  ) throws {
    var models: Set<ModelKind> = [base.model]
    for value in axes.first(where: { $0.key == "model" })?.values ?? [] {
      if let model = ModelKind(rawValue: value) { models.insert(model) }
    }
    var known: [String] = []
    if models.contains(.fleet) { known += PolicyRegistry.standard.names }
    if models.contains(.deadlineJob) {
      known += DeadlinePolicies.names.filter { !known.contains($0) }
    }
    guard known.contains(String(baseline.split(separator: ":").first ?? "")) else {
      throw ExperimentsError.unknownName(file: file, key: "baseline", name: baseline, known: known)
    }
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
    try rejectScenarioFile(root, file: file)
    try root.rejectUnknownKeys(keys)
    let base = try readBase(root, file: file, catalog: catalog)

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
    try checkBaseline(baseline, base: base, axes: axes, file: file)
    let comparisons = try readComparisons(root, axes: axes)
    // Read by reports; checked here so a bad name fails before anything runs.
    _ = try readNuisance(root, axes: axes)
    // Read by reports; checked here so a bad claim fails before anything runs.
    _ = try readClaims(root, axes: axes)
    let name = try readName(root, file: file)
    var spec = ExperimentSpec(
      file: file, text: text, name: name,
      description: try root.string("description") ?? "", base: base, axes: axes,
      exclude: try readCombinations(root, key: "exclude", axes: axes),
      include: try readCombinations(root, key: "include", axes: nil),
      replicates: replicates, adaptive: adaptive, seed: seed, baseline: baseline)
    spec.comparisons = comparisons
    return spec
  }
}
