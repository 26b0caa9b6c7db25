import Experiments
import Simulation

/// One run as the reporter sees it.
public struct RunData: Sendable, Equatable {
  /// Replicate number.
  public var replicate: Int
  /// The run's seed (decimal text).
  public var seed: String
  /// Metric name → value.
  public var metrics: [String: Double]
  /// The share of a deadline job's work on each accelerator type, as
  /// stored (`work_share_by_type`; nil where the run has none).
  public var workShares: [TypeWorkShare]?

  /// Creates a run.
  public init(
    replicate: Int, seed: String, metrics: [String: Double], workShares: [TypeWorkShare]? = nil
  ) {
    self.replicate = replicate
    self.seed = seed
    self.metrics = metrics
    self.workShares = workShares
  }

  /// A metric's value (0 when absent). `normalized_cost` is derived: cost ÷
  /// the on-demand baseline of the same replicate.
  public subscript(_ metric: String) -> Double {
    if metric == "normalized_cost" {
      let base = metrics[Metric.baselineCost.rawValue] ?? 0
      return base > 0 ? (metrics[Metric.totalCost.rawValue] ?? 0) / base : 0
    }
    return metrics[metric] ?? 0
  }

  /// Whether the run has a value for `metric` (nullable metrics may not).
  public func has(_ metric: String) -> Bool {
    metric == "normalized_cost"
      ? (metrics[Metric.baselineCost.rawValue] ?? 0) > 0 : metrics[metric] != nil
  }
}

/// One cell and its runs, in replicate order.
public struct CellData: Sendable, Equatable {
  /// Grid position.
  public var index: Int
  /// Canonical key (`axis=value;...`).
  public var key: String
  /// Axis values in axis order.
  public var values: [String: String]
  /// Runs by replicate.
  public var runs: [RunData]

  /// Creates a cell.
  public init(index: Int, key: String, values: [String: String], runs: [RunData]) {
    self.index = index
    self.key = key
    self.values = values
    self.runs = runs
  }

  /// The values of `metric` over replicates (runs without it are skipped).
  public func series(_ metric: String) -> [Double] {
    runs.filter { $0.has(metric) }.map { $0[metric] }
  }

  /// The values of `metric` by replicate (runs without it are left out).
  public func byReplicate(_ metric: String) -> [Int: Double] {
    var result: [Int: Double] = [:]
    for run in runs where run.has(metric) { result[run.replicate] = run[metric] }
    return result
  }
}

/// A sweep loaded for reporting.
public struct SweepData: Sendable {
  /// The sweep row.
  public var sweep: SweepRecord
  /// Experiment name.
  public var experiment: String
  /// The spec text stored with the experiment, and its hash.
  public var specText: String
  public var specHash: String
  /// Axis keys in grid order.
  public var axes: [String]
  /// Cells in grid order.
  public var cells: [CellData] { didSet { positions = Self.positions(of: cells) } }
  /// Each cell's index in `cells` by its values, so that pairing a cell
  /// looks it up instead of scanning every cell.
  private var positions: [[String: String]: Int] = [:]
  /// Runs stored as failed (a non-finite metric); they are in no cell.
  public var failedRuns = 0
  /// Runs copied from earlier sweeps with the same identity, by the sweep
  /// that computed them (the results cache).
  public var reusedFrom: [Int64: Int] = [:]
  /// The sweeps that computed this sweep's runs (itself included), with
  /// how many each computed, oldest first: what the report's provenance
  /// names, so a rerun that reuses every run reports the same origin.
  public var origins: [(sweep: SweepRecord, runs: Int)] = []
  /// SHA-256 of the sweep's export without its timing columns: equal for
  /// sweeps with equal results.
  public var resultsHash = ""

  /// Creates sweep data from its parts (tests, other sources).
  public init(
    sweep: SweepRecord, experiment: String, specText: String, specHash: String, axes: [String],
    cells: [CellData]
  ) {
    self.sweep = sweep
    self.experiment = experiment
    self.specText = specText
    self.specHash = specHash
    self.axes = axes
    self.cells = cells
    self.positions = Self.positions(of: cells)
  }

  /// The first position of each distinct set of values.
  private static func positions(of cells: [CellData]) -> [[String: String]: Int] {
    var result: [[String: String]: Int] = [:]
    for (i, cell) in cells.enumerated() where result[cell.values] == nil { result[cell.values] = i }
    return result
  }

  /// Loads sweep `id` from `store`.
  public static func load(_ store: ResultsStore, sweep id: Int64) throws -> SweepData {
    guard let sweep = try store.sweep(id), let spec = try store.spec(ofSweep: id) else {
      throw ExperimentsError.invalidRequest("\(store.path): no sweep \(id)")
    }
    let table = try store.export(sweep: id)
    let column = Dictionary(uniqueKeysWithValues: table.columns.enumerated().map { ($1, $0) })
    let metricNames = table.columns.filter { ExportTable.metricColumns.contains($0) }
    var cells: [CellData] = []
    var axes: [String] = []
    var failed = 0
    var reusedFrom: [Int64: Int] = [:]
    for row in table.rows {
      if let source = row[column["reused_from_sweep"]!].flatMap({ Int64($0) }) {
        reusedFrom[source, default: 0] += 1
      }
      if row[column["status"]!] == "failed" {
        failed += 1
        continue
      }
      let index = Int(row[column["cell_index"]!]!)!
      let key = row[column["cell_key"]!]!
      if cells.last?.index != index {
        var values: [String: String] = [:]
        for pair in key.split(separator: ";") {
          let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
          if kv.count == 2 {
            values[kv[0]] = kv[1]
            if !axes.contains(kv[0]) { axes.append(kv[0]) }
          }
        }
        cells.append(CellData(index: index, key: key, values: values, runs: []))
      }
      var metrics: [String: Double] = [:]
      for name in metricNames { metrics[name] = row[column[name]!].flatMap(Double.init) }
      let shares = column[Metric.workShareByType.rawValue].flatMap { row[$0] }
        .flatMap(TypeWorkShare.decode)
      cells[cells.count - 1].runs.append(
        RunData(
          replicate: Int(row[column["replicate"]!]!)!, seed: row[column["seed"]!]!,
          metrics: metrics, workShares: shares))
    }
    var data = SweepData(
      sweep: sweep, experiment: spec.name, specText: spec.text, specHash: spec.hash, axes: axes,
      cells: cells)
    data.failedRuns = failed
    data.reusedFrom = reusedFrom
    let computed = table.rows.count - reusedFrom.values.reduce(0, +)
    var origins: [(SweepRecord, Int)] = computed > 0 ? [(sweep, computed)] : []
    for (source, count) in reusedFrom {
      if let record = try store.sweep(source) { origins.append((record, count)) }
    }
    data.origins = origins.sorted { ($0.0.id ?? 0) < ($1.0.id ?? 0) }
    data.resultsHash = table.dropping(ExportTable.timingColumns).contentHash
    return data
  }

  /// The cells whose values include every pair of `match` (other axes pooled).
  public func cells(matching match: [String: String]) -> [CellData] {
    cells.filter { cell in match.allSatisfy { cell.values[$0.key] == $0.value } }
  }

  /// The cell equal to `cell` but for `axis`, set to `value`: what `cell`
  /// is paired with (nil when no such cell ran).
  public func partner(of cell: CellData, setting axis: String, to value: String) -> CellData? {
    var wanted = cell.values
    wanted[axis] = value
    return positions[wanted].map { cells[$0] }
  }

  /// Distinct values of `axis` in grid order.
  public func values(of axis: String) -> [String] {
    var seen: [String] = []
    for cell in cells { if let v = cell.values[axis], !seen.contains(v) { seen.append(v) } }
    return seen
  }

  /// Axes with more than `limit` values (start windows, say) are pooled:
  /// the cells that differ only in them merge into one, their runs
  /// concatenated in grid order.
  /// `also` names axes pooled whatever their size.
  public func pooling(axesWithMoreThan limit: Int = 24, also: Set<String> = []) -> (
    data: SweepData, pooled: [String]
  ) {
    let pooled = axes.filter { values(of: $0).count > limit || also.contains($0) }
    guard !pooled.isEmpty else { return (self, []) }
    let kept = axes.filter { !pooled.contains($0) }
    var merged: [CellData] = []
    var position: [String: Int] = [:]
    for cell in cells {
      let key = key(of: cell, over: kept)
      if let i = position[key] {
        merged[i].runs += cell.runs
      } else {
        position[key] = merged.count
        var values = cell.values
        for axis in pooled { values[axis] = nil }
        merged.append(CellData(index: merged.count, key: key, values: values, runs: cell.runs))
      }
    }
    var data = self
    data.axes = kept
    data.cells = merged
    return (data, pooled)
  }

  /// A cell's key over `axes` alone (`axis=value;...`): the key of the
  /// cell it merges into when the other axes are pooled.
  public func key(of cell: CellData, over axes: [String]) -> String {
    axes.map { "\($0)=\(cell.values[$0] ?? "")" }.joined(separator: ";")
  }

  /// The creation date stamped into this sweep's PDFs (`YYYYMMDDHHMMSS`):
  /// the finish of the latest sweep that computed its runs, not the wall
  /// clock, so a rerun from the cache draws the same PDFs.
  public var figureStamp: String {
    let origin = origins.last?.sweep ?? sweep
    return String((origin.finishedAt ?? origin.startedAt).filter(\.isNumber).prefix(14))
  }

  /// Replicates per cell (the most any cell has).
  public var replicates: Int { cells.map(\.runs.count).max() ?? 0 }

  /// Number of runs.
  public var runCount: Int { cells.reduce(0) { $0 + $1.runs.count } }
}
