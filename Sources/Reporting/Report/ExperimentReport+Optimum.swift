import Experiments

extension ExperimentReport {
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

  /// Each policy's gap to the optimum per condition, over the windows: mean
  /// cost ÷ optimum − 1 with its 95 % CI, the worst window, and what the
  /// policy paid to move (moves, egress) and to look (probes). Nil when no
  /// run was measured against an optimum.
  func optimumGapSection(_ windowsPooled: SweepData) -> String? {
    let cells = Self.optimumCells(windowsPooled)
    guard !cells.isEmpty else { return nil }
    // Conditions: the axes that vary among these cells.
    let conditions = windowsPooled.axes.filter { axis in
      axis != "policy" && Set(cells.compactMap { $0.values[axis] }).count > 1
    }
    var out = "## Gap to the optimum\n\n"
    out +=
      "Per policy and condition, over the trace windows: cost ÷ the exact optimum of the same window and job, minus 1 (mean and 95% CI), the worst window, and per run the moves between zones, the egress paid and the probes bought (`probe_interval_hours`: 0 is free probing, where every zone is seen every tick at no cost).\n\n"
    let rows = cells.map { cell -> [String] in
      let ratios = cell.series(Metric.gapToOptimal.rawValue)
      // A policy set in the spec's base is not an axis value.
      let policy = cell.values["policy"] ?? spec?.base.policy ?? "—"
      return ["`\(policy)`"]
        + conditions.map { "`\(cell.values[$0] ?? "")`" } + [
          "\(ratios.count)", Format.interval(ratios.map { 100 * ($0 - 1) }),
          Format.number(ratios.max() ?? 0, 3),
          Format.number(Self.mean(cell.runs, Metric.zoneMigrations.rawValue), 1),
          Format.number(Self.mean(cell.runs, Metric.egressCost.rawValue), 2),
          Format.number(Self.mean(cell.runs, Metric.probes.rawValue), 0),
          Format.number(Self.mean(cell.runs, Metric.probeCost.rawValue), 2),
        ]
    }
    out +=
      MarkdownTable(
        header: ["policy"] + conditions + [
          "windows", "gap to optimum %", "worst window ÷ optimum", "moves", "egress $", "probes",
          "probes $",
        ], rows: rows
      ).render() + "\n"
    return out
  }
}
