import Experiments

/// The rules that keep a summary cell from misleading: which cells may be
/// starred, and rows that stand for several identical cells.
extension ExperimentReport {
  /// What ★ and ✗ mean, for a table of `what` (cells or values).
  func starRule(of what: String) -> String {
    "★ marks the \(what) with the highest mean savings (every one, when they tie) among those that miss at most \(Format.number(100 * maxDeadlineMissRate, 0))% of deadlines (`max_deadline_miss_rate`) and leave unfinished at most \(Format.number(100 * Self.unfinishedWorkTolerance, 0))% more of the work than `\(baseline)`; ✗ marks the others, which are never starred."
      + (data.cells.contains { Self.boundReason($0.values) != nil }
        ? " ⊥ marks a bound, an oracle no one can deploy (`optimal-offline`, `noisy-oracle` at noise 0): a reference, never starred."
        : "")
      + (nuisanceAxes.isEmpty
        ? ""
        : " Nuisance axes (\(nuisanceAxes.map { "`\($0)`" }.joined(separator: ", ")), declared in the spec) are conditions sampled, not choices: ★ goes to the best \(what) of each of their values, and never to a value of theirs.")
  }

  /// Why a cell (or an axis value) with these values is a bound rather
  /// than a result — an oracle no one can deploy — or nil.
  static func boundReason(_ values: [String: String]) -> String? {
    if values["policy"] == "optimal-offline" { return "⊥ bound (knows the future)" }
    if values["forecaster"] == "noisy-oracle",
      values["forecast_noise"].map({ Double($0) == 0 }) ?? true
    {
      return "⊥ bound (exact forecasts)"
    }
    return nil
  }

  /// Missed deadlines per task over `runs` (nil without tasks).
  static func missRate(_ runs: [RunData]) -> Double? {
    let misses = runs.reduce(0) { $0 + $1[Metric.deadlineMisses.rawValue] }
    let tasks = runs.reduce(0) {
      $0 + ($1.has(Metric.tasks.rawValue) ? $1[Metric.tasks.rawValue] : 1)
    }
    return tasks > 0 ? misses / tasks : nil
  }

  /// The miss rate of `runs` when it exceeds `allowed` (the spec's
  /// `max_deadline_miss_rate`), else nil: the one rule by which tables and
  /// figures call a cell infeasible.
  static func missRate(_ runs: [RunData], above allowed: Double) -> Double? {
    guard let rate = missRate(runs), rate > allowed + 1e-12 else { return nil }
    return rate
  }

  /// Mean unfinished work per run (0 when no run reports it).
  static func unfinishedWork(_ runs: [RunData]) -> Double {
    mean(runs, Metric.unfinishedWorkHours.rawValue)
  }

  /// Mean of `metric` over the runs that have it (0 when none do).
  static func mean(_ runs: [RunData], _ metric: String) -> Double {
    let values = runs.filter { $0.has(metric) }.map { $0[metric] }
    return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
  }

  /// Unfinished work a cell may leave beyond its baseline's, as a share of
  /// the baseline's whole work: tasks still running at the horizon differ
  /// by minutes between policies, and savings already charge that work at
  /// the baseline's price (equal-work savings), so only a real shortfall
  /// disqualifies.
  static let unfinishedWorkTolerance = 0.01

  /// Why `runs` may not be starred, or nil when they may: they miss more
  /// deadlines than the spec allows, or leave more work unfinished than
  /// `baselineRuns` (the baseline's runs on the same conditions, if any).
  func disqualification(_ runs: [RunData], baselineRuns: [RunData]?) -> String? {
    if let rate = Self.missRate(runs, above: maxDeadlineMissRate) {
      return "✗ \(Format.number(100 * rate, 0))% missed"
    }
    if let baselineRuns, !baselineRuns.isEmpty,
      Self.unfinishedWork(runs)
        > Self.unfinishedWork(baselineRuns) + 1e-9 + Self.unfinishedWorkTolerance
        * (Self.unfinishedWork(baselineRuns)
          + Self.mean(baselineRuns, Metric.completedWorkHours.rawValue))
    {
      return "✗ more work unfinished than `\(baseline)`"
    }
    return nil
  }

  /// Stars the best of the eligible rows and marks the others' failures:
  /// ★ on the first column of every eligible row whose value is the
  /// highest (all when several tie) within its group (rows of equal
  /// `groups` entries: one group when nil); the disqualification on the
  /// rest. With `starred` false, nothing is starred.
  static func markBest(
    _ rows: inout [[String]], _ values: [Double?], failures: [String?], groups: [String]? = nil,
    starred: Bool = true
  ) {
    for (i, failure) in failures.enumerated() { if let failure { rows[i][0] += " " + failure } }
    guard starred else { return }
    let group = groups ?? Array(repeating: "", count: values.count)
    var top: [String: Double] = [:]
    for i in values.indices where failures[i] == nil {
      if let v = values[i] { top[group[i]] = max(top[group[i]] ?? -.infinity, v) }
    }
    for (i, v) in values.enumerated() where failures[i] == nil {
      guard let v, let best = top[group[i]], abs(v - best) <= 1e-9 * max(1, abs(best)) else {
        continue
      }
      rows[i][0] += " ★"
    }
  }

  /// Cells identical in every metric, run by run, merged into one: for each
  /// axis in turn, cells equal on every other axis and in their runs become
  /// one cell whose value for that axis lists theirs (`a, b`). A merged
  /// row therefore stands for every combination its columns list.
  static func mergingIdentical(_ data: SweepData) -> (data: SweepData, merged: Bool) {
    var cells = data.cells
    var merged = false
    for axis in data.axes.reversed() {
      var result: [CellData] = []
      // The cells of `result` by their other values, in order: the first
      // with equal runs is the one to merge into.
      var byOthers: [[String: String]: [Int]] = [:]
      for cell in cells {
        var others = cell.values
        others[axis] = nil
        if let at = byOthers[others]?.first(where: { result[$0].runs == cell.runs }),
          let value = cell.values[axis]
        {
          result[at].values[axis] = (result[at].values[axis] ?? "") + "`, `" + value
          result[at].key += "|" + cell.key
          merged = true
        } else {
          byOthers[others, default: []].append(result.count)
          result.append(cell)
        }
      }
      cells = result
    }
    var out = data
    out.cells = cells
    return (out, merged)
  }
}
