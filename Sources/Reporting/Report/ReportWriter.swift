import Experiments
import Foundation
import Simulation

/// Writes `<out>/<experiment>/README.md` and its figures.
public struct ReportWriter {
  /// The report.
  public var report: ExperimentReport

  /// Creates a writer.
  public init(report: ExperimentReport) { self.report = report }

  /// Figures the sweep's axes support, plus the re-simulated ones when the
  /// spec is available; and notes on what was skipped.
  public func figures() -> (figures: [GnuplotFigure], skipped: [String]) {
    let data = report.data
    var figures =
      [
        Figures.savingsVersusRate(data), Figures.migrationVersusBandwidth(data),
        Figures.accelerators(data), Figures.normalizedCostByZone(data), Figures.gapToOptimal(data),
      ].compactMap { $0 } + (isRegional ? Figures.regionalSweeps(data) : [])
    var skipped: [String] = []
    if let spec = report.spec, let catalog = report.catalog {
      if let cdf = completionCDF(spec, catalog) { figures.append(cdf) }
      if let timeline = timeline(spec, catalog) { figures.append(timeline) }
    } else if let note = report.specNote {
      skipped.append("Completion-time CDF and price timeline not drawn: \(note)")
    }
    return (figures, skipped)
  }

  /// Whether the sweep is of multi-region deadline jobs (its spec names
  /// zones for one job to move between).
  var isRegional: Bool {
    guard let spec = report.spec else { return false }
    return spec.base.traceZones != nil || spec.base.regions != nil
      || spec.axes.contains { ["trace_zones", "regions"].contains($0.key) }
  }

  /// A cell of the spec rebuilt from stored data.
  func cell(_ data: CellData) -> Cell {
    Cell(
      index: data.index,
      values: report.data.axes.compactMap { axis in data.values[axis].map { (axis, $0) } })
  }

  func simulate(_ spec: ExperimentSpec, _ catalog: AcceleratorCatalog, _ data: CellData)
    -> Simulator?
  {
    guard let config = try? spec.config(for: cell(data)), config.model == "fleet",
      var scenario = try? config.resolve(catalog: catalog)
    else { return nil }
    scenario.seed = spec.seed(replicate: 0)
    // The stored seed of replicate 0 must be the one we re-derive.
    guard data.runs.first?.seed == String(scenario.seed) else { return nil }
    var simulator = Simulator(scenario)
    _ = simulator.run()
    return simulator
  }

  func completionCDF(_ spec: ExperimentSpec, _ catalog: AcceleratorCatalog) -> GnuplotFigure? {
    let data = report.data
    let policies: [String?] = data.axes.contains("policy") ? data.values(of: "policy") : [nil]
    var series: [(label: String, times: [Double])] = []
    for policy in policies {
      guard let first = data.cells.first(where: { policy == nil || $0.values["policy"] == policy }),
        let simulator = simulate(spec, catalog, first), !simulator.completionTimes.isEmpty
      else { continue }
      series.append((policy ?? "all", simulator.completionTimes))
    }
    return Figures.completionCDF(series)
  }

  func timeline(_ spec: ExperimentSpec, _ catalog: AcceleratorCatalog) -> GnuplotFigure? {
    let data = report.data
    let first = data.cells.first { $0.values["policy"] != "on-demand-only" } ?? data.cells[0]
    guard let simulator = simulate(spec, catalog, first), let market = simulator.marketPaths.first
    else { return nil }
    let label = first.key.replacingOccurrences(of: ";", with: ", ")
    return Figures.timeline(
      price: market.path.price, horizon: (try? spec.config(for: cell(first)).horizonHours) ?? 72,
      reclaims: simulator.reclaimWarnings, label: label)
  }

  /// Writes the report into `<directory>/<experiment>/`; figures are drawn
  /// when gnuplot is available (else listed as skipped). Returns the README path.
  @discardableResult
  public func write(into directory: String) throws -> String {
    let folder = (directory as NSString).appendingPathComponent(report.data.experiment)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var (figures, skipped) = figures()
    if Gnuplot.isAvailable {
      // Stamp PDFs with the finish time of the latest sweep that computed
      // runs, not the wall clock: a rerun from the cache draws the same PDFs.
      let origin = report.data.origins.last?.sweep ?? report.data.sweep
      let stamp = String((origin.finishedAt ?? origin.startedAt).filter(\.isNumber).prefix(14))
      for figure in figures { try Gnuplot.render(figure, in: folder, pdfDate: stamp) }
    } else {
      skipped.append(
        "Figures not drawn: gnuplot is not installed (`make deps` installs gnuplot-nox).")
      figures = []
    }
    let readme = (folder as NSString).appendingPathComponent("README.md")
    try report.markdown(figures: figures, skipped: skipped).write(
      toFile: readme, atomically: true, encoding: .utf8)
    return readme
  }
}
