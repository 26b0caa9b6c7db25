import Simulation

/// Which deterministic slice of a sweep this process runs.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
  /// 0-based index.
  public var index: Int
  /// Number of shards.
  public var count: Int

  /// The whole sweep.
  public static let whole = Shard(index: 0, count: 1)

  /// Creates a shard; requires 0 ≤ index < count.
  public init(index: Int, count: Int) {
    precondition(count >= 1 && index >= 0 && index < count)
    self.index = index
    self.count = count
  }

  /// Parses `K/N` (0 ≤ K < N).
  public init?(parsing text: String) {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 0, k < n
    else { return nil }
    self.init(index: k, count: n)
  }

  /// Whether run `index` belongs to this shard: runs are dealt round-robin,
  /// so every shard gets a share of every cell.
  public func contains(_ runIndex: Int) -> Bool { runIndex % count == index }

  public var description: String { "\(index)/\(count)" }
}

/// A validated sweep: every cell resolved, every run listed. Building one
/// touches no database, so bad input never writes anything.
public struct SweepPlan: Sendable {
  /// The experiment.
  public var spec: ExperimentSpec
  /// Size block name (`default` when none).
  public var size: String
  /// Cells after `--filter`.
  public var cells: [Cell]
  /// Resolved scenario of each cell, by cell index.
  public var scenarios: [Int: RunnableScenario]
  /// Full parameter values of each cell (for the `runs` columns).
  public var parameters: [Int: [String: String]]
  /// What each cell's results depend on besides the model and the seed, as
  /// a hash: its parameters (but its name) and the spec's structured
  /// scenario parts (inline accelerators, workload kinds, named fleets).
  public var cellContent: [Int: String]
  /// Each cell's baseline partner under an adaptive `replicates:` rule
  /// (empty for a fixed count).
  public var partners: [Int: ReplicationPartner] = [:]
  /// What each fleet cell's on-demand baseline depends on, as a hash: its
  /// content without the parameters the baseline ignores
  /// (`baselineIgnores`). Cells with equal keys share each replicate's
  /// baseline, computed once per sweep (`baselines`).
  public var baselineKeys: [Int: String] = [:]
  /// Each fleet cell's replicates that solve the lower bound: those
  /// numbered below this (`bound:`; absent: none).
  public var boundReplicates: [Int: Int] = [:]
  /// Baselines computed so far, by baseline key and seed.
  let baselines = Memo<String, Simulation.BaselineOutcome>()
  /// Fleet lower bounds by their program: runs that leave the same program
  /// (same path, same work completed) solve it once.
  let bounds = Memo<FleetBound, Double?>()
  /// Trace files and directories the cells read.
  public var traceInputs: [String]
  /// What the sweep's record should say about those traces.
  public var traceNotes: [String]
  /// Runs of this shard, in run-index order.
  public var runs: [PlannedRun]
  /// Runs of the whole sweep (all shards).
  public var totalRuns: Int
  /// The shard.
  public var shard: Shard

  /// Expands and validates `spec`.
  /// - Parameters:
  ///   - filters: keep only cells whose axis `key` has `value`.
  /// - Throws: `ExperimentsError` naming the spec file, key and value.
  public init(
    spec: ExperimentSpec, size: String?, catalog: AcceleratorCatalog,
    policies: PolicyRegistry = .standard, traces: TraceCache = TraceCache(),
    filters: [(key: String, value: String)] = [], shard: Shard = .whole
  ) throws {
    let cells = try Self.cells(of: spec, filters: filters)
    let resolved = try Self.resolve(
      cells, of: spec, catalog: catalog, policies: policies, traces: traces)
    if let rule = spec.adaptive {
      guard shard == .whole else {
        throw ExperimentsError.invalidValue(
          file: spec.file, key: "replicates",
          value: "{min: \(rule.minimum), max: \(rule.maximum), …}",
          expected:
            "a fixed count when the sweep is sharded (--shard \(shard)): each round needs every cell's runs"
        )
      }
      partners = try Self.partners(of: cells, spec: spec, rule: rule)
    }
    let all = spec.runs(cells: cells)
    self.cellContent = resolved.cellContent
    self.baselineKeys = resolved.baselineKeys
    self.boundReplicates = resolved.boundReplicates
    self.traceInputs = traces.paths
    self.traceNotes = try traces.paths.compactMap { try Self.priceNote(traces.load($0), path: $0) }
    self.spec = spec
    self.size = size ?? "default"
    self.cells = cells
    self.scenarios = resolved.scenarios
    self.parameters = resolved.parameters
    self.runs = all.filter { shard.contains($0.index) }
    self.totalRuns = all.count
    self.shard = shard
  }

  /// The spec's cells that match the `--filter`s: of each axis filtered,
  /// one of its values given (so `policy=a` and `policy=b` keep both
  /// policies), on every axis filtered.
  static func cells(of spec: ExperimentSpec, filters: [(key: String, value: String)]) throws
    -> [Cell]
  {
    var cells = spec.cells()
    var wanted: [String: Set<String>] = [:]
    for (key, value) in filters {
      guard spec.axes.contains(where: { $0.key == key }) else {
        throw ExperimentsError.invalidValue(
          file: spec.file, key: "--filter \(key)", value: value,
          expected: "an axis of the grid (\(spec.axes.map(\.key).joined(separator: ", ")))")
      }
      wanted[key, default: []].insert(value)
    }
    for (key, values) in wanted {
      cells = cells.filter { cell in
        cell.values.contains { $0.key == key && values.contains($0.value) }
      }
    }
    guard !cells.isEmpty else {
      throw ExperimentsError.invalidValue(
        file: spec.file, key: "grid", value: spec.axes.map { "\($0.key)" }.joined(separator: " × "),
        expected: filters.isEmpty
          ? "at least one cell (exclusions removed them all)"
          : "at least one cell matching --filter")
    }
    return cells
  }

  /// What `resolve` makes of each cell, by cell index.
  struct ResolvedCells {
    var scenarios: [Int: RunnableScenario] = [:]
    var parameters: [Int: [String: String]] = [:]
    var cellContent: [Int: String] = [:]
    var baselineKeys: [Int: String] = [:]
    var boundReplicates: [Int: Int] = [:]
  }

  /// Resolves every cell: its runnable scenario, parameter values, content
  /// hash and, for fleet cells, baseline key and bound replicates.
  static func resolve(
    _ cells: [Cell], of spec: ExperimentSpec, catalog: AcceleratorCatalog,
    policies: PolicyRegistry, traces: TraceCache
  ) throws -> ResolvedCells {
    var resolved = ResolvedCells()
    let optima = OptimumCache()
    // Cells mostly share their fleet, kinds and named fleets: describe each
    // distinct one once (describing them is most of planning's time).
    var structures: [(config: ScenarioConfig, text: String)] = []
    func structure(of config: ScenarioConfig) -> String {
      if let known = structures.first(where: {
        $0.config.accelerators == config.accelerators && $0.config.fleet.kinds == config.fleet.kinds
          && $0.config.fleet.namedFleets == config.fleet.namedFleets
      }) {
        return known.text
      }
      let text = Self.structure(of: config)
      structures.append((config, text))
      return text
    }
    for cell in cells {
      let config = try spec.config(for: cell)
      resolved.scenarios[cell.index] = try config.resolveRunnable(
        catalog: catalog, policies: policies, traces: traces, optima: optima)
      var values: [String: String] = [:]
      // An unset parameter reads as "null": it is stored as SQL NULL.
      for key in Schema.parameterKeys {
        if let value = config.value(of: key), value != "null" { values[key] = value }
      }
      resolved.parameters[cell.index] = values
      let described = structure(of: config)
      resolved.cellContent[cell.index] = Self.content(
        of: config, parameters: values, structure: described)
      if case .fleet = resolved.scenarios[cell.index]!, config.fleet.boundReplicates > 0 {
        resolved.boundReplicates[cell.index] = config.fleet.boundReplicates
      }
      if case .fleet = resolved.scenarios[cell.index]! {
        resolved.baselineKeys[cell.index] = Self.content(
          of: config, parameters: values.filter { !Self.baselineIgnores.contains($0.key) },
          structure: described)
      }
    }
    return resolved
  }

  /// A one-line note when traces at `path` carry no spot prices: the
  /// runs price their spot at the catalog's constant price instead. The
  /// path is named by its last two components, so reports read the same on
  /// every machine.
  static func priceNote(_ traces: [AvailabilityTrace], path: String) -> String? {
    let unpriced = traces.filter { $0.prices == nil }.map(\.zone)
    guard !unpriced.isEmpty else { return nil }
    let parts = path.split(separator: "/").suffix(2).joined(separator: "/")
    let zones =
      unpriced.count == traces.count
      ? "every zone"
      : "\(unpriced.count) of \(traces.count) zones (\(unpriced.joined(separator: ", ")))"
    return
      "traces `\(parts)`: \(zones) without spot prices (no spot_prices.json entry, no prices in the file): spot priced at the catalog's constant price"
  }

  /// Validates `spec` and resolves every cell, reading every file the cells
  /// name, without planning runs (`synkti sweep --check`).
  /// - Returns: the cells, the runs and the trace files and folders read.
  /// - Throws: `ExperimentsError` naming the spec file, key and value.
  public static func check(
    spec: ExperimentSpec, catalog: AcceleratorCatalog, policies: PolicyRegistry = .standard
  ) throws -> (cells: Int, runs: Int, traceInputs: [String]) {
    let traces = TraceCache()
    let optima = OptimumCache()
    let cells = spec.cells()
    for cell in cells {
      _ = try spec.config(for: cell).resolveRunnable(
        catalog: catalog, policies: policies, traces: traces, optima: optima)
    }
    return (cells.count, spec.runs(cells: cells).count, traces.paths)
  }

  /// Simulates one run: its cell's scenario with the run's seed (a fleet
  /// run's baseline from `baselines` when a cell with the same baseline key
  /// already computed it for this seed).
  public func simulate(_ run: PlannedRun) -> RunMetrics {
    guard case .fleet(var scenario) = scenarios[run.cell.index]!, let key = baselineKey(of: run)
    else { return scenarios[run.cell.index]!.run(seed: run.seed) }
    scenario.seed = run.seed
    scenario.computesLowerBound = run.replicate < boundReplicates[run.cell.index, default: 0]
    return RunnableScenario.scored(
      Simulation.run(
        scenario, baseline: { compute in baselines.value(key, compute: compute) },
        lowerBound: { program in bounds.value(program) { program.solve().cost } }), scenario)
  }

  /// Which baseline a fleet run pairs with: its cell's baseline key and
  /// its seed (nil for deadline jobs, which carry their own).
  func baselineKey(of run: PlannedRun) -> String? {
    baselineKeys[run.cell.index].map { "\($0) \(run.seed)" }
  }

  /// Parameters the on-demand-only baseline (naive placement, no spot)
  /// cannot depend on, from each parameter's `baselineReads`.
  /// `BaselineCacheTests` checks, on every paper cell, that cells equal but
  /// for these have bit-identical baselines.
  static var baselineIgnores: Set<String> { ScenarioParameter.baselineIgnores }

  /// A hash of what a cell's runs compute from: its parameters but the
  /// scenario's name, and the structured parts (dictionaries in key order,
  /// so equal content always hashes the same).
  static func content(
    of config: ScenarioConfig, parameters: [String: String], structure: String? = nil
  ) -> String {
    var text = ""
    for key in parameters.keys.sorted() where key != "name" {
      text += "\(key)=\(parameters[key]!)\n"
    }
    text += structure ?? Self.structure(of: config)
    return SHA256.hex(Array(text.utf8))
  }

  /// The structured parts of a cell's content: its fleet, workload kinds
  /// and named fleets (dictionaries in key order).
  static func structure(of config: ScenarioConfig) -> String {
    var text = "accelerators=\(config.accelerators)\n"
    for (kind, profile) in config.fleet.kinds.sorted(by: { "\($0.key)" < "\($1.key)" }) {
      text += "kind \(kind)=\(profile)\n"
    }
    for name in config.fleet.namedFleets.keys.sorted() {
      text += "fleet \(name)=\(config.fleet.namedFleets[name]!)\n"
    }
    return text
  }
}
