import Experiments
import Foundation

/// The change of one metric in one cell between two sweeps.
public struct MetricDelta: Sendable, Equatable {
  /// Cell key.
  public var cell: String
  /// Metric name.
  public var metric: String
  /// Runs paired (same cell, same seed).
  public var pairs: Int
  /// Mean in the base sweep.
  public var baseMean: Double
  /// Mean in the head sweep.
  public var headMean: Double
  /// Paired differences head − base.
  public var delta: Summary
  /// Relative change of the mean, in percent of |base| (nil when base is 0).
  public var relativePercent: Double?
  /// Whether the paired CI excludes zero.
  public var significant: Bool
  /// Significant, in the worse direction, and beyond the threshold.
  public var regression: Bool
  /// Significant, in the better direction, and beyond the threshold.
  public var improvement = false
  /// The spec's nuisance axes the row pools over (its cell leaves them out):
  /// conditions sampled, such as trace windows, paired window by window.
  public var pooledOver: [String] = []
}

/// Commit-to-commit comparison of two sweeps, run by run.
public enum Comparison {
  /// Metrics where a larger value is an improvement.
  public static let higherIsBetter: Set<String> = [
    Metric.savingsPercent.rawValue, Metric.completed.rawValue,
  ]

  /// Metrics compared by default.
  public static let defaultMetrics = [
    Metric.totalCost.rawValue, Metric.savingsPercent.rawValue, Metric.completionMean.rawValue,
    Metric.completionP95.rawValue, Metric.deadlineMisses.rawValue,
    Metric.workLostHours.rawValue,
  ]

  /// Pairs runs with identical cell key and seed and compares `metrics`,
  /// one row per cell — or, over the base spec's `nuisance:` axes (trace
  /// windows: conditions sampled, one run each), one row per cell without
  /// them, pooling its pairs: a window alone has no interval.
  /// - Parameter threshold: relative change (%) a significant worsening must
  ///   exceed to count as a regression.
  /// - Throws: `ReportingError.nothingInCommon` when no run pairs up.
  public static func compare(
    base: SweepData, head: SweepData, metrics: [String] = defaultMetrics, threshold: Double = 1
  ) throws -> [MetricDelta] {
    var deltas: [MetricDelta] = []
    let nuisance = Set(ExperimentSpec.nuisanceAxes(inText: base.specText))
    let kept = base.axes.filter { !nuisance.contains($0) }
    let headCells = Dictionary(head.cells.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    var order: [String] = []
    var pooled: [String: [(RunData, RunData)]] = [:]
    for cell in base.cells {
      guard let other = headCells[cell.key] else { continue }
      let headRuns = Dictionary(other.runs.map { ($0.seed, $0) }, uniquingKeysWith: { a, _ in a })
      let pairs = cell.runs.compactMap { run in headRuns[run.seed].map { (run, $0) } }
      guard !pairs.isEmpty else { continue }
      let key = nuisance.isEmpty ? cell.key : kept.isEmpty ? "all" : base.key(of: cell, over: kept)
      if pooled[key] == nil { order.append(key) }
      pooled[key, default: []] += pairs
    }
    let pooledOver = base.axes.filter(nuisance.contains)
    for key in order {
      let pairs = pooled[key]!
      for metric in metrics {
        let a = pairs.map { $0.0[metric] }
        let b = pairs.map { $0.1[metric] }
        let delta = Summary.paired(a, b)
        let baseMean = a.reduce(0, +) / Double(a.count)
        let headMean = b.reduce(0, +) / Double(b.count)
        let relative = baseMean != 0 ? 100 * (headMean - baseMean) / abs(baseMean) : nil
        let worse = higherIsBetter.contains(metric) ? delta.mean < 0 : delta.mean > 0
        let significant = delta.excludesZero
        let beyond = relative.map { abs($0) > threshold } ?? (delta.mean != 0)
        deltas.append(
          MetricDelta(
            cell: key, metric: metric, pairs: pairs.count, baseMean: baseMean,
            headMean: headMean, delta: delta, relativePercent: relative, significant: significant,
            regression: significant && worse && beyond,
            improvement: significant && !worse && beyond && delta.mean != 0,
            pooledOver: pooledOver))
      }
    }
    guard !deltas.isEmpty else {
      throw ReportingError.nothingInCommon(
        base: "\(base.sweep.id ?? 0)", head: "\(head.sweep.id ?? 0)")
    }
    return deltas
  }

  /// A Markdown table of the deltas that changed significantly (every one
  /// with `all`), each marked regression, improvement or significant.
  public static func markdown(_ deltas: [MetricDelta], all: Bool = true) -> String {
    let shown = all ? deltas : deltas.filter(\.significant)
    let axes = deltas.first?.pooledOver ?? []
    let pooled =
      axes.isEmpty
      ? ""
      : "Pooled over the spec's nuisance axes (\(axes.map { "`\($0)`" }.joined(separator: ", "))): each row pairs its cell's runs in every one of their values.\n\n"
    guard !shown.isEmpty else { return pooled + "No metric changed significantly in any cell.\n" }
    let rows = shown.map { d in
      [
        "`\(d.cell)`", d.metric, "\(d.pairs)", Format.number(d.baseMean, 3),
        Format.number(d.headMean, 3), Format.interval(d.delta, 3),
        d.relativePercent.map { Format.number($0, 2) + "%" } ?? "—",
        d.regression
          ? "regression"
          : d.improvement ? "improvement" : d.significant ? "significant" : "unchanged",
      ]
    }
    return pooled
      + MarkdownTable(
        header: [
          "cell", "metric", "pairs", "base", "head", "Δ (paired, 95% CI)", "Δ %", "verdict",
        ],
        rows: rows, labels: 2
      ).render()
  }

  /// Whether two sweeps' paired runs (same key: cell and seed) all have
  /// the same identity: then no metric can differ. Runs stored before the
  /// results cache have none and never count as identical.
  public static func identicalModel(_ base: [String: String?], _ head: [String: String?]) -> Bool {
    let paired = base.keys.filter { head[$0] != nil }
    return !paired.isEmpty
      && paired.allSatisfy { key in base[key]! != nil && base[key]! == head[key]! }
  }

  /// One line counting what changed.
  public static func summary(_ deltas: [MetricDelta], threshold: Double) -> String {
    let regressions = deltas.filter(\.regression).count
    let improvements = deltas.filter(\.improvement).count
    let significant = deltas.filter(\.significant).count
    return
      "\(deltas.count) comparisons: \(regressions) regressions, \(improvements) improvements, \(significant - regressions - improvements) other significant changes (within \(threshold)%), \(deltas.count - significant) unchanged"
  }

  /// CSV of the deltas.
  public static func csv(_ deltas: [MetricDelta]) -> String {
    var out =
      "cell,metric,pairs,base_mean,head_mean,delta_mean,delta_ci95_halfwidth,relative_percent,significant,regression\n"
    for d in deltas {
      out +=
        "\"\(d.cell)\",\(d.metric),\(d.pairs),\(d.baseMean),\(d.headMean),\(d.delta.mean),\(d.delta.halfWidth.map { "\($0)" } ?? ""),\(d.relativePercent.map { "\($0)" } ?? ""),\(d.significant),\(d.regression)\n"
    }
    return out
  }

  /// JSON array of the deltas.
  public static func json(_ deltas: [MetricDelta]) -> String {
    func n(_ v: Double?) -> String { v.map { $0.isFinite ? "\($0)" : "null" } ?? "null" }
    let items = deltas.map { d in
      "  {\"cell\": \"\(d.cell)\", \"metric\": \"\(d.metric)\", \"pairs\": \(d.pairs), \"base_mean\": \(n(d.baseMean)), \"head_mean\": \(n(d.headMean)), \"delta_mean\": \(n(d.delta.mean)), \"delta_ci95_halfwidth\": \(n(d.delta.halfWidth)), \"relative_percent\": \(n(d.relativePercent)), \"significant\": \(d.significant), \"regression\": \(d.regression)}"
    }
    return "[\n" + items.joined(separator: ",\n") + "\n]\n"
  }
}
