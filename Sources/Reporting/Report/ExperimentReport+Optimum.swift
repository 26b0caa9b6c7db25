import Foundation
import Experiments
import Simulation

extension ExperimentReport {
  /// The per-condition gap table's CSV, beside the report when it folds.
  public static let optimumCSV = "gap-to-optimum.csv"

  /// The deadline-job cells measured against the exact optimum: the
  /// multi-zone cells, or all when no cell is a single-zone include (those
  /// are measured against their own zone's optimum and have their section).
  static func optimumCells(_ data: SweepData) -> [CellData] {
    let measured = data.cells.filter {
      !$0.series(Metric.gapToOptimal.rawValue).isEmpty && $0.values["policy"] != "optimal-offline"
    }
    let multiZone = measured.filter { $0.values["trace_zones"] == nil }
    return multiZone.isEmpty ? measured : multiZone
  }

  /// The axes other than the policy that vary among `cells`: a row's
  /// condition in the gap tables.
  static func conditions(among cells: [CellData], in data: SweepData) -> [String] {
    data.axes.filter { axis in
      axis != "policy" && Set(cells.compactMap { $0.values[axis] }).count > 1
    }
  }

  /// The policy a cell ran: its axis value, else the spec's base policy
  /// (a policy set in the base is not an axis value), read from the sweep's
  /// stored spec text where the spec file was not loaded.
  func policy(of cell: CellData) -> String {
    cell.values["policy"] ?? spec?.base.policy ?? basePolicy ?? "—"
  }

  /// Each policy's gap to the optimum per condition, over the windows, and
  /// whether it is `folded` (longer than `foldAbove` rows: the report then
  /// shows it pooled per policy and the CSV holds it). Nil when no run was
  /// measured against an optimum.
  public func optimumGapTable() -> (table: MarkdownTable, folded: Bool)? {
    let cells = Self.optimumCells(windowsPooled)
    guard !cells.isEmpty else { return nil }
    let conditions = Self.conditions(among: cells, in: windowsPooled)
    let lost = Self.losesWork(cells)
    let held = Self.holdsToReference(cells)
    let index = Self.referenceIndex(cells, over: conditions, in: windowsPooled)
    let rows = cells.map { cell -> [String] in
      ["`\(policy(of: cell))`"] + conditions.map { "`\(cell.values[$0] ?? "")`" }
        + Self.gapColumns(cell.runs, lost: lost)
        + (held
          ? [
            Self.windowsAbove(
              cell.runs, Self.referenceRuns(of: cell, index, over: conditions, in: windowsPooled))
          ] : [])
    }
    return (
      MarkdownTable(
        header: ["policy"] + conditions + Self.gapHeader(lost: lost, held: held), rows: rows),
      rows.count > Self.foldAbove
    )
  }

  /// The gap table's columns after the conditions; with `lost`, the work
  /// reclaims lost (periodic checkpoints) too; with `held`, the windows
  /// dearer than the reference by more than the margin.
  static func gapHeader(lost: Bool, held: Bool = false) -> [String] {
    [
      "windows", "gap to optimum %", "median %", "worst window ÷ optimum", "moves", "egress $",
      "probes", "probes $",
    ] + (lost ? ["work lost h"] : [])
      + (held
        ? ["windows more than \(Format.number(100 * referenceMargin, 0)) % above `\(reference)`"]
        : [])
  }

  /// Whether any run of `cells` lost work to a reclaim.
  static func losesWork(_ cells: [CellData]) -> Bool {
    cells.contains { $0.runs.contains { $0[Metric.workLostHours.rawValue] > 0 } }
  }

  /// The gap columns of `runs`: their count, mean gap % with its CI, the
  /// median gap % (one window far off moves the mean, not the median), the
  /// worst ratio, and per run the moves, egress and probes (and, with
  /// `lost`, the hours of work reclaims lost).
  static func gapColumns(_ runs: [RunData], lost: Bool) -> [String] {
    let ratios = runs.filter { $0.has(Metric.gapToOptimal.rawValue) }
      .map { $0[Metric.gapToOptimal.rawValue] }
    return [
      "\(ratios.count)", Format.interval(ratios.map { 100 * ($0 - 1) }),
      threeDigits(100 * (median(ratios) - 1)),
      Format.number(ratios.max() ?? 0, 3),
      Format.number(mean(runs, Metric.zoneMigrations.rawValue), 1),
      Format.number(mean(runs, Metric.egressCost.rawValue), 2),
      Format.number(mean(runs, Metric.probes.rawValue), 0),
      Format.number(mean(runs, Metric.probeCost.rawValue), 2),
    ] + (lost ? [Format.number(mean(runs, Metric.workLostHours.rawValue), 2)] : [])
  }

  /// The published baseline each policy is held to window by window, and
  /// the margin: #26 asks of `synkti-value` that it never cost more than 2 %
  /// above `up-eager-failover` (UP(S)) in any window.
  static let reference = "up-eager-failover"
  static let referenceMargin = 0.02

  /// Whether the reference policy is among `cells` (the column then shows).
  static func holdsToReference(_ cells: [CellData]) -> Bool {
    cells.contains { $0.values["policy"] == reference }
  }

  /// The runs of `policy` (by default the reference) per condition, keyed
  /// by `cell`'s values of every axis in `conditions`
  /// (`SweepData.key(of:over:)`): one lookup per row rather than a search
  /// of every cell.
  static func referenceIndex(
    _ cells: [CellData], over conditions: [String], in data: SweepData,
    of policy: String = reference
  ) -> [String: [RunData]] {
    Dictionary(
      cells.filter { $0.values["policy"] == policy }.map {
        (data.key(of: $0, over: conditions), $0.runs)
      },
      uniquingKeysWith: { first, _ in first })
  }

  /// The reference's runs under `cell`'s condition, from `index`; nil for
  /// the reference itself, or where it did not run.
  static func referenceRuns(
    of cell: CellData, _ index: [String: [RunData]], over conditions: [String], in data: SweepData
  ) -> [RunData]? {
    guard cell.values["policy"] != reference else { return nil }
    return index[data.key(of: cell, over: conditions)]
  }

  /// How many of `runs` cost more than `referenceMargin` above the
  /// reference's run they pair with — by position, the window and
  /// replicate order both cells share, as the Findings pair them — as
  /// "k of n"; "—" without a reference of as many runs.
  static func windowsAbove(_ runs: [RunData], _ reference: [RunData]?) -> String {
    guard let reference, reference.count == runs.count, !runs.isEmpty else { return "—" }
    let total = Metric.totalCost.rawValue
    let above = zip(runs, reference).filter { $0[total] > (1 + referenceMargin) * $1[total] }
    return "\(above.count) of \(runs.count)"
  }

  /// Each policy's gap to the optimum per condition, over the windows: mean
  /// cost ÷ optimum − 1 with its 95 % CI, the worst window, and what the
  /// policy paid to move (moves, egress) and to look (probes); pooled per
  /// policy when the table folds. Nil when no run was measured against an
  /// optimum.
  func optimumGapSection() -> String? {
    guard let (table, folded) = optimumGapTable() else { return nil }
    let cells = Self.optimumCells(data)
    let lost = Self.losesWork(cells)
    let held = Self.holdsToReference(cells)
    var out = "## Gap to the optimum\n\n"
    out +=
      "Per policy and condition, over the trace windows: cost ÷ the exact optimum of the same window and job, minus 1 (mean and 95% CI, and the median window), the worst window, and per run the moves between zones, the egress paid and the probes bought (`probe_interval_hours`: 0 is free probing, where every zone is seen every tick at no cost)\(lost ? ", and the hours of work reclaims lost where a type's grace period was too short to write the checkpoint (`work_lost_hours`)" : "")\(held ? "; and in how many windows (and replicates) the policy cost more than \(Format.number(100 * Self.referenceMargin, 0)) % above `\(Self.reference)` on the same window, the published baseline #26 holds `synkti-value` to in every window" : "").\n\n"
    guard folded else { return out + table.render() + "\n" }
    out +=
      "\(table.rows.count) conditions: the table is in [\(Self.optimumCSV)](\(Self.optimumCSV)). Pooled per policy over every condition and window (a pooled gap weighs every run alike):\n\n"
    var policies: [String] = []
    var runs: [String: [RunData]] = [:]
    // The reference's runs in the same order, nil once a condition lacks it.
    var references: [String: [RunData]?] = [:]
    let conditions = data.axes.filter { $0 != "policy" }
    let index = Self.referenceIndex(cells, over: conditions, in: data)
    for cell in cells {
      let policy = self.policy(of: cell)
      if runs[policy] == nil {
        policies.append(policy)
        references[policy] = .some([])
      }
      runs[policy, default: []] += cell.runs
      let reference = Self.referenceRuns(of: cell, index, over: conditions, in: data)
      let before = references[policy] ?? nil
      references[policy] = reference.flatMap { r in
        r.count == cell.runs.count ? before.map { $0 + r } : nil
      }
    }
    let pooled = policies.map {
      ["`\($0)`"] + Self.gapColumns(runs[$0] ?? [], lost: lost)
        + (held ? [Self.windowsAbove(runs[$0] ?? [], references[$0] ?? nil)] : [])
    }
    return out
      + MarkdownTable(
        header: ["policy"]
          + Self.gapHeader(lost: lost, held: held).map {
            $0 == "windows"
              ? "runs" : $0.replacingOccurrences(of: "windows more", with: "runs more")
          },
        rows: pooled
      )
      .render() + "\n"
  }

  /// `x` to three significant digits, at most two decimals (`277`,
  /// `19.0`, `4.40`), as the mean beside it reads.
  static func threeDigits(_ x: Double) -> String {
    guard x.isFinite, abs(x) >= 1 else { return Format.number(x, 2) }
    return Format.number(x, Swift.max(0, 2 - Int(log10(abs(x)).rounded(.down))))
  }

  /// The middle value of `xs` (between the middle two when even: the
  /// metrics' `percentile` at 0.5); 1 (no gap) when empty.
  static func median(_ xs: [Double]) -> Double {
    xs.isEmpty ? 1 : percentile(xs.sorted(), 0.5)
  }
}
