import Experiments

extension ExperimentReport {
  /// The axes that name a fleet strategy: `policy` and `migration`, those
  /// the sweep varies.
  static func strategyAxes(_ data: SweepData) -> [String] {
    ["policy", "migration"].filter { data.axes.contains($0) }
  }

  /// A cell's strategy, e.g. "`greedy` · `optimal`" (the spec's base policy
  /// when no axis varies).
  static func strategy(of cell: CellData, axes: [String]) -> String {
    axes.isEmpty ? "every run" : axes.map { "`\(cell.values[$0] ?? "")`" }.joined(separator: " · ")
  }

  /// Each fleet strategy's gap to the offline lower bound of its runs'
  /// paths (`bound: true`): (cost + unfinished or late work at on-demand) ÷ bound −
  /// 1, pooled over the other axes and replicates, with the condition
  /// where it is largest. Nil when no run carries a bound.
  func boundGapSection(_ data: SweepData) -> String? {
    let metric = Metric.gapToBound.rawValue
    let cells = data.cells.filter { !$0.series(metric).isEmpty }
    guard !cells.isEmpty else { return nil }
    let axes = Self.strategyAxes(data)
    let others = data.axes.filter { !axes.contains($0) && data.values(of: $0).count > 1 }
    var groups: [String: [CellData]] = [:]
    var order: [String] = []
    for cell in cells {
      let key = Self.strategy(of: cell, axes: axes)
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(cell)
    }
    var out = "## Gap to the lower bound\n\n"
    out +=
      "How much room any policy or migration strategy has left. Each run's bound is the least any schedule could pay to complete every completable task, by its deadline where one can be met, on that run's own realised path (the same workload, prices, availability and spot limits): a linear program solved by COIN-OR CLP (`docs/model.md`, \"The fleet lower bound\"). The gap is (cost + the run's unfinished or late work at on-demand) ÷ bound − 1; it overstates the room where boots, restores and reclaims cost every schedule something, which the bound does not charge. Per strategy, pooled over \(others.isEmpty ? "replicates" : others.map { "`\($0)`" }.joined(separator: ", ") + " and replicates"): mean and 95% CI, and the condition where the mean gap is largest.\n\n"
    var rows: [[String]] = []
    var best: (strategy: String, mean: Double)?
    for key in order {
      let group = groups[key]!
      let gaps = group.flatMap { $0.series(metric) }.map { 100 * ($0 - 1) }
      let mean = gaps.reduce(0, +) / Double(gaps.count)
      if best == nil || mean < best!.mean { best = (key, mean) }
      let widest = group.max { a, b in
        Self.mean(a.runs, metric) < Self.mean(b.runs, metric)
      }!
      let condition = others.map {
        "`\($0)` \(Format.axisValueMarkdown(widest.values[$0] ?? "", of: $0))"
      }.joined(separator: ", ")
      rows.append([
        key, "\(gaps.count)", Format.interval(gaps),
        Format.number(100 * (Self.mean(widest.runs, metric) - 1), 1),
        condition.isEmpty ? "—" : condition,
        Format.number(Self.mean(group.flatMap(\.runs), Metric.lowerBoundCost.rawValue), 2),
      ])
    }
    out +=
      MarkdownTable(
        header: [
          axes.isEmpty ? "runs" : axes.joined(separator: " · "), "n", "gap to bound %",
          "largest mean gap %", "where", "bound $ (mean)",
        ], rows: rows
      ).render() + "\n"
    if let best {
      out +=
        "The strategy closest to the bound is \(best.strategy), \(Format.number(best.mean, 1)) % above it on average: what is left for a better policy or migration strategy on these paths is at most that.\n\n"
    }
    return out
  }
}
