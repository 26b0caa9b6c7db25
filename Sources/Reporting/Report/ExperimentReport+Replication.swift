import Experiments

extension ExperimentReport {
  /// Where a cell stands against the adaptive target, as the sweep judged
  /// it: paired against the cell that differs only in `policy` (set to the
  /// baseline), else against each run's on-demand cost for an
  /// `on-demand-only` baseline and `total_cost`; a baseline cell is the
  /// reference. Nil without a rule, or when the cell has no partner.
  func standing(_ cell: CellData, in data: SweepData) -> (
    AdaptiveReplication.Standing, isBaseline: Bool
  )? {
    guard let rule = adaptive else { return nil }
    let own = cell.byReplicate(rule.metric)
    guard rule.reference == .baseline else {
      return (rule.standing(values: own, partner: nil), false)
    }
    if cell.values["policy"] == baseline {
      return (.init(replicates: own.count, halfwidthPercent: 0, met: true), true)
    }
    if let base = baselineCell(of: cell, in: data) {
      return (rule.standing(values: own, partner: base.byReplicate(rule.metric)), false)
    }
    guard baseline == "on-demand-only", rule.metric == Metric.totalCost.rawValue else { return nil }
    return (
      rule.standing(values: own, partner: cell.byReplicate(Metric.baselineCost.rawValue)), false
    )
  }

  /// The target column's text for a cell: the half-width reached and
  /// whether it met the target (or why there is none).
  func targetText(_ cell: CellData, in data: SweepData) -> String {
    guard let rule = adaptive, let (standing, isBaseline) = standing(cell, in: data) else {
      return "—"
    }
    if isBaseline { return "baseline" }
    let reached = standing.halfwidthPercent.map { Format.number($0, 2) + "%" } ?? "—"
    if standing.met { return "met (±\(reached))" }
    return cell.runs.count >= rule.maximum
      ? "not met at max (±\(reached))" : "not met (±\(reached))"
  }

  /// The provenance's `runs` row: cells × replicates, or the range of n an
  /// adaptive rule chose.
  func runsText(_ data: SweepData) -> String {
    guard let rule = adaptive else {
      return "\(data.runCount) = \(data.cells.count) cells × \(data.replicates) replicates"
    }
    let counts = data.cells.map(\.runs.count)
    let met = data.cells.filter { standing($0, in: data)?.0.met == true }.count
    return
      "\(data.runCount) over \(data.cells.count) cells, n = \(counts.min() ?? 0)…\(counts.max() ?? 0) (adaptive: \(rule.summary)); \(met) of \(data.cells.count) cells met the target"
  }
}
