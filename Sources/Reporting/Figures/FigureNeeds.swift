import Experiments

/// What a figure needs of a sweep, declared beside it, so that the report
/// decides which figures an experiment gets from the declarations alone:
/// the models whose runs it draws, the grid axes it plots along (each must
/// take two values or more) and the stored metrics it reads (some run must
/// hold each). A figure whose model or axes the experiment does not have is
/// not for this experiment; one that is, but cannot be drawn, is named in
/// the report with the reason.
struct FigureNeeds: Sendable {
  /// The figure's name (its file stem), as the report names it.
  var name: String
  /// The models whose runs it draws.
  var models: Set<ModelKind>
  /// Only for deadline jobs that may move between zones (a window of
  /// `trace_zones` or `zone_order`, not one `trace_zone`).
  var multiZoneOnly = false
  /// Grid axes (scenario keys) it plots along or draws a series per value of.
  var axes: [String]
  /// Stored metrics it reads.
  var metrics: [Metric] = []
  /// Why the figure can come out empty even with its needs met (its
  /// drawing leaves out some series: optima, policies past the miss rate).
  var whenEmpty: String

  /// What the report knows of the sweep's runs: their model (nil when the
  /// spec is not at hand) and whether the deadline job may move.
  struct Sweep {
    var model: ModelKind?
    var multiZone: Bool
  }

  /// Whether the figure is for this sweep, and if so whether it can be drawn.
  enum Verdict: Equatable {
    case applies
    case notThisExperiment
    case cannotDraw(String)
  }

  /// The verdict on `data`.
  func verdict(_ data: SweepData, _ sweep: Sweep) -> Verdict {
    if let model = sweep.model, !models.contains(model) { return .notThisExperiment }
    if multiZoneOnly && !sweep.multiZone { return .notThisExperiment }
    guard axes.allSatisfy(data.axes.contains) else { return .notThisExperiment }
    if let single = axes.first(where: { data.values(of: $0).count < 2 }) {
      return .cannotDraw("`\(single)` takes one value in the stored runs")
    }
    if let missing = metrics.first(where: { metric in
      !data.cells.contains { !$0.series(metric.rawValue).isEmpty }
    }) {
      // Without the model, a metric no run stores says the figure is for
      // the other model.
      guard sweep.model != nil else { return .notThisExperiment }
      return .cannotDraw("no run stores `\(missing.rawValue)`")
    }
    return .applies
  }
}
