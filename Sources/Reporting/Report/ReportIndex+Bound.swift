import Experiments

/// The index's "room left" table: per fleet experiment whose runs carry a
/// lower bound, the strategy closest to it with its gap and CI, and the
/// condition where that strategy's gap is largest.
extension ReportIndex {
  /// The table, or nil when no experiment carries bounds.
  func boundSection() -> String? {
    let metric = Metric.gapToBound.rawValue
    var rows: [[String]] = []
    for data in sweeps {
      let cells = data.cells.filter { !$0.series(metric).isEmpty }
      guard !cells.isEmpty else { continue }
      let axes = ExperimentReport.strategyAxes(data)
      var groups: [String: [CellData]] = [:]
      for cell in cells {
        groups[ExperimentReport.strategy(of: cell, axes: axes), default: []].append(cell)
      }
      // A strategy that misses more deadlines than the spec allows is
      // cheap by missing them: it is not the room left.
      let allowed = ExperimentSpec.maxDeadlineMissRate(inText: data.specText)
      let eligible = groups.filter {
        ExperimentReport.missRate($0.value.flatMap(\.runs), above: allowed) == nil
      }
      let excluded = groups.count - eligible.count
      // Where every strategy misses deadlines, the closest of them, said so.
      let candidates = eligible.isEmpty ? groups : eligible
      let gaps = candidates.mapValues {
        $0.flatMap { $0.series(metric) }.map { 100 * ($0 - 1) }
      }
      guard
        let best = gaps.min(by: {
          (Summary($0.value).mean, $0.key) < (Summary($1.value).mean, $1.key)
        })
      else { continue }
      let others = data.axes.filter { !axes.contains($0) && data.values(of: $0).count > 1 }
      let widest = groups[best.key]!.max { a, b in
        ExperimentReport.mean(a.runs, metric) < ExperimentReport.mean(b.runs, metric)
      }!
      rows.append([
        "[\(data.experiment)](\(data.experiment)/README.md)",
        best.key
          + (eligible.isEmpty
            ? " (misses deadlines beyond `max_deadline_miss_rate`, as every strategy here does)"
            : excluded > 0 ? " (\(excluded) that miss deadlines left out)" : ""),
        "\(best.value.count)",
        Format.interval(best.value),
        Format.number(100 * (ExperimentReport.mean(widest.runs, metric) - 1), 1),
        others.isEmpty
          ? "—"
          : others.map { "`\($0)` \(Format.axisValueMarkdown(widest.values[$0] ?? "", of: $0))" }
            .joined(separator: ", "),
      ])
    }
    guard !rows.isEmpty else { return nil }
    var out = "## Room left: fleet runs against their lower bound\n\n"
    out +=
      "Per fleet experiment run with `bound: true`: the strategy (policy · migration) closest to the offline lower bound of each run's own path among those that miss at most the spec's `max_deadline_miss_rate` of deadlines (a run that misses one is charged the on-demand work that would have met it), its gap ((cost + unfinished or late work at on-demand) ÷ bound − 1, mean and 95% CI over every condition and replicate), and the condition where its mean gap is largest: the most a better policy or migration strategy could save there (`docs/model.md`, \"The fleet lower bound\").\n\n"
    out +=
      MarkdownTable(
        header: ["experiment", "closest strategy", "n", "gap %", "largest gap %", "where"],
        rows: rows, labels: 2
      ).render() + "\n"
    return out
  }
}
