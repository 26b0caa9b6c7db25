import Experiments
import Foundation
import Simulation

extension ExperimentReport {
  /// Where a run's cost above its window's optimum went, in dollars: the
  /// price of its spot hours (its mean spot price against the optimum's,
  /// over its own spot hours), the spot hours beyond the optimum's
  /// (restarts, transfers and redone work, at the optimum's mean spot
  /// price), and the on-demand, egress and probes above the optimum's.
  /// The five sum to the difference in total cost, since a deadline job's
  /// cost is its spot, on-demand, egress and probes.
  struct GapSources: Equatable {
    var price: Double
    var hours: Double
    var onDemand: Double
    var egress: Double
    var probes: Double

    /// The parts of `run`'s cost above `optimum`'s, the same window's.
    init(_ run: RunData, optimum: RunData) {
      let hours = run[Metric.spotInstanceHours.rawValue]
      let optimumHours = optimum[Metric.spotInstanceHours.rawValue]
      let spot = run[Metric.spotCost.rawValue]
      // Without spot hours on one side, the other side's mean price
      // stands for both: the whole spot difference is then hours.
      let optimumPrice =
        optimumHours > 0
        ? optimum[Metric.spotCost.rawValue] / optimumHours : (hours > 0 ? spot / hours : 0)
      let price = hours > 0 ? spot / hours : optimumPrice
      // The same zones at the same prices differ by rounding only: no part.
      let dearer = abs(price - optimumPrice) <= 1e-9 * optimumPrice ? 0 : price - optimumPrice
      self.price = dearer * hours
      self.hours = (hours - optimumHours) * optimumPrice
      func above(_ metric: Metric) -> Double { run[metric.rawValue] - optimum[metric.rawValue] }
      onDemand = above(.onDemandCost)
      egress = above(.egressCost)
      probes = above(.probeCost)
    }

    /// The parts in their column order.
    var parts: [Double] { [price, hours, onDemand, egress, probes] }
  }

  /// The per-condition split's CSV, beside the report when it pools.
  public static let gapSourcesCSV = "gap-sources.csv"

  /// Each policy's gap to the optimum split by where it went
  /// (`GapSources`), as % of the optimum's cost, mean and 95 % CI over the
  /// windows, per condition (pooled per policy when there are more than
  /// `poolAbove` conditions); and whether it was pooled. Nil without an
  /// optimum to pair with: runs pair by position, as the gap table's do.
  func gapSourcesTable(poolAbove: Int = foldAbove) -> (table: MarkdownTable, pooled: Bool)? {
    let cells = Self.optimumCells(windowsPooled)
    let conditions = Self.conditions(among: cells, in: windowsPooled)
    // The optimum of the cells measured: the multi-zone one where those
    // are multi-zone (a single-zone include's optimum is its zone's).
    let multiZone = cells.contains { $0.values["trace_zones"] == nil }
    let index = Self.referenceIndex(
      windowsPooled.cells.filter { !multiZone || $0.values["trace_zones"] == nil },
      over: conditions, in: windowsPooled, of: DeadlinePolicies.optimumName)
    // Per row (policy and condition), each window's parts, % of optimum.
    var rows: [(label: [String], parts: [[Double]])] = []
    for cell in cells {
      guard let optimum = index[windowsPooled.key(of: cell, over: conditions)],
        optimum.count == cell.runs.count
      else { continue }
      let policy = self.policy(of: cell)
      let parts = zip(cell.runs, optimum).compactMap { run, best -> [Double]? in
        let cost = best[Metric.totalCost.rawValue]
        guard cost > 0 else { return nil }
        return GapSources(run, optimum: best).parts.map { 100 * $0 / cost }
      }
      rows.append((["`\(policy)`"] + conditions.map { "`\(cell.values[$0] ?? "")`" }, parts))
    }
    guard !rows.isEmpty else { return nil }
    let pooled = rows.count > poolAbove
    if pooled {
      var order: [String] = []
      var merged: [String: [[Double]]] = [:]
      for row in rows {
        if merged[row.label[0]] == nil { order.append(row.label[0]) }
        merged[row.label[0], default: []] += row.parts
      }
      rows = order.map { ([$0], merged[$0] ?? []) }
    }
    let header =
      ["policy"] + (pooled ? [] : conditions) + [
        pooled ? "runs" : "windows", "gap %", "spot price %", "spot hours %", "on-demand %",
        "egress %", "probes %",
      ]
    return (
      MarkdownTable(
        header: header,
        rows: rows.map { row in
          row.label + ["\(row.parts.count)", Format.interval(row.parts.map { $0.reduce(0, +) })]
            + (0..<5).map { i in Format.interval(row.parts.map { $0[i] }) }
        }),
      pooled
    )
  }

  /// The gap to the optimum split by where it went (`gapSourcesTable`).
  func gapSourcesSection() -> String? {
    guard let (table, pooled) = gapSourcesTable() else { return nil }
    return "## Where the gap goes\n\n"
      + "Each run's cost above the optimum of the same window, split exactly into five parts, each as % of the optimum's cost (mean and 95% CI over the windows\(pooled ? ", pooled per policy over every condition; per condition in [\(Self.gapSourcesCSV)](\(Self.gapSourcesCSV))" : "")): *spot price*, its mean spot price above the optimum's over its own spot hours (positive: the optimum ran in cheaper zones); *spot hours*, its spot hours beyond the optimum's at the optimum's mean price (positive: restarts, transfers and redone work; negative: it ran on-demand where the optimum ran spot); and the on-demand, egress and probes it paid above the optimum's. The parts sum to the gap.\n\n"
      + table.render() + "\n"
  }
}
