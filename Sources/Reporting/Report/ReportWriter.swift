import Experiments
import Foundation
import Simulation

/// Writes `<out>/<experiment>/README.md` and its figures.
public struct ReportWriter {
  /// The report.
  public var report: ExperimentReport
  /// Traces its re-simulated figures read, each parsed once.
  let traces = TraceCache()

  /// Creates a writer.
  public init(report: ExperimentReport) { self.report = report }

  /// The figures whose declared needs (`Figures.declared`) the sweep
  /// meets, then those of the spec's comparisons, then the re-simulated
  /// ones when the spec is at hand; and why any figure meant for this
  /// experiment was not drawn.
  public func figures() -> (figures: [GnuplotFigure], skipped: [String]) {
    let data = report.data
    let sweep = self.sweep
    var figures: [GnuplotFigure] = []
    var skipped: [String] = []
    for figure in Figures.declared {
      switch figure.needs.verdict(data, sweep) {
      case .notThisExperiment: continue
      case .cannotDraw(let reason):
        skipped.append("\(figure.needs.name) not drawn: \(reason).")
      case .applies:
        let drawn = figure.draw(data)
        if drawn.isEmpty {
          skipped.append("\(figure.needs.name) not drawn: \(figure.needs.whenEmpty).")
        } else if let (series, x, metric) = figure.mayCoincide,
          Figures.seriesCoincide(data, series: series, x: x, metric: metric)
        {
          // Lines on top of each other: each only when its series differ.
          skipped += drawn.map {
            "\($0.name) not drawn: every `\(series)` has the same mean \(metric) at every `\(x)`, so its lines would lie on top of each other."
          }
        } else {
          figures += drawn
        }
      }
    }
    // Paired differences for the spec's comparisons replace absolute lines
    // of the compared strategies drawn over each other.
    let pooled = report.windowsPooled
    let comparisons = report.comparisons
    let differences = Figures.pairedDifferences(pooled, comparisons: comparisons)
    let maps = Figures.regimeMaps(pooled, comparisons: comparisons)
    let sensitivity = Figures.forecastSensitivity(pooled, comparisons: comparisons)
    figures += differences.figures + maps.figures + sensitivity.figures
    skipped += differences.skipped + maps.skipped + sensitivity.skipped
    let byType = workByTypeFigures()
    figures += byType.figures
    skipped += byType.notes
    guard Figures.resimulated.verdict(data, sweep) == .applies else { return (figures, skipped) }
    if let spec = report.spec, let catalog = report.catalog {
      let (cdf, cdfNote) = completionCDF(spec, catalog)
      if let cdf { figures.append(cdf) }
      if let cdfNote { skipped.append(cdfNote) }
      let (timeline, timelineNote) = timeline(spec, catalog)
      if let timeline { figures.append(timeline) }
      if let timelineNote { skipped.append(timelineNote) }
    } else if let note = report.specNote {
      skipped.append("Completion-time CDF and price timeline not drawn: \(note)")
    }
    return (figures, skipped)
  }

  /// The sweep's model, from its spec's first cell (nil without the spec),
  /// and whether its deadline job may move between zones: the key that
  /// chose its window is `trace_zones` or `zone_order`, not `trace_zone`.
  var sweep: FigureNeeds.Sweep {
    guard let spec = report.spec, let first = spec.cells().first,
      let config = try? spec.config(for: first)
    else { return FigureNeeds.Sweep(model: nil, multiZone: false) }
    return FigureNeeds.Sweep(
      model: config.model,
      multiZone: config.model == .deadlineJob && config.deadlineJob.traceZone == nil)
  }

  /// Why a figure that re-simulates a cell was not drawn.
  typealias NotDrawn = Figures.NotDrawn

  /// A cell of the spec rebuilt from stored data.
  func cell(_ data: CellData) -> Cell {
    Cell(
      index: data.index,
      values: report.data.axes.compactMap { axis in data.values[axis].map { (axis, $0) } })
  }

  /// Replicate 0 of the fleet cell `data`, simulated again (the figures
  /// that need event times: completion CDFs, price timelines), or why not.
  func simulate(_ spec: ExperimentSpec, _ catalog: AcceleratorCatalog, _ data: CellData)
    -> Result<Simulator, NotDrawn>
  {
    let config: ScenarioConfig
    var scenario: Scenario
    do {
      config = try spec.config(for: cell(data))
      guard config.model == .fleet else {
        return .failure(
          NotDrawn(reason: "it re-simulates fleet runs; this experiment runs deadline jobs"))
      }
      scenario = try config.resolve(catalog: catalog, traces: traces)
    } catch {
      return .failure(NotDrawn(reason: "cell \(data.key) of the spec no longer resolves: \(error)"))
    }
    scenario.seed = spec.seed(replicate: 0)
    // The stored seed of replicate 0 must be the one we re-derive.
    guard data.runs.first?.seed == String(scenario.seed) else {
      return .failure(
        NotDrawn(
          reason: "the stored seed of cell \(data.key) is not the spec's (the spec changed since)"))
    }
    var simulator = Simulator(scenario)
    _ = simulator.run()
    return .success(simulator)
  }

  /// The completion-time CDF per value of the first of the compared axes
  /// (then `policy`) whose values' distributions differ; values with the
  /// same times share one curve.
  func completionCDF(_ spec: ExperimentSpec, _ catalog: AcceleratorCatalog) -> (
    GnuplotFigure?, String?
  ) {
    let data = report.data
    var axes: [String] = []
    for axis in report.comparisons.map(\.axis) + ["policy"]
    where data.axes.contains(axis) && !axes.contains(axis) {
      axes.append(axis)
    }
    guard !axes.isEmpty else {
      return (nil, "Completion-time CDF not drawn: no policy or compared axis to draw curves for.")
    }
    var closest: (axis: String, distance: Double)?
    for axis in axes {
      let anchor = largestDifference(along: axis)
      let (series, notDrawn) = completionTimes(spec, catalog, by: axis, at: anchor)
      if series.isEmpty {
        return (
          nil, "Completion-time CDF not drawn: \(notDrawn?.reason ?? "no run completed a job")."
        )
      }
      // Curves this close would draw as one: say so instead.
      let distance = Figures.largestDistance(series.map(\.times))
      if series.count >= 2, distance < Figures.coincidingDistance {
        if distance > closest?.distance ?? -1 { closest = (axis, distance) }
        continue
      }
      if series.count >= 2 {
        let condition = anchor.map { cell in
          data.axes.filter { $0 != axis }.compactMap { a in cell.values[a].map { "\(a) = \($0)" } }
            .joined(separator: ", ")
        }
        return (Figures.completionCDF(series, axis: axis, condition: condition), nil)
      }
    }
    if let closest {
      return (
        nil,
        "Completion-time CDF not drawn: the values of `\(closest.axis)` complete replicate 0's jobs at nearly the same times (the CDFs differ by at most \(Format.number(closest.distance, 3)) in fraction of jobs, Kolmogorov–Smirnov distance), so the curves would coincide."
      )
    }
    return (
      nil,
      "Completion-time CDF not drawn: every value of \(axes.map { "`\($0)`" }.joined(separator: " and ")) completes replicate 0's jobs at the same times."
    )
  }

  /// The cell of the first comparison on `axis` whose paired difference
  /// in mean total cost against its partner is largest in size: where the
  /// comparison matters most (nil without a comparison on `axis`).
  func largestDifference(along axis: String) -> CellData? {
    guard let c = report.comparisons.first(where: { $0.axis == axis }) else { return nil }
    let top = report.effects(c, in: report.data).max {
      abs($0.difference.mean) < abs($1.difference.mean)
    }
    return top.flatMap { effect in report.data.cells.first { $0.values == effect.values } }
  }

  /// Replicate 0's completion times, for each value of `axis`, of the cell
  /// with `anchor`'s other values (else of the value's first cell), values
  /// with equal times merged into one labelled series.
  func completionTimes(
    _ spec: ExperimentSpec, _ catalog: AcceleratorCatalog, by axis: String, at anchor: CellData?
  ) -> (series: [(label: String, times: [Double])], notDrawn: NotDrawn?) {
    var series: [(label: String, times: [Double])] = []
    var notDrawn: NotDrawn?
    for value in report.data.values(of: axis) {
      let chosen =
        anchor.flatMap { report.data.partner(of: $0, setting: axis, to: value) }
        ?? report.data.cells.first(where: { $0.values[axis] == value })
      guard let first = chosen else { continue }
      let simulator: Simulator
      switch simulate(spec, catalog, first) {
      case .success(let ran): simulator = ran
      case .failure(let reason):
        notDrawn = notDrawn ?? reason
        continue
      }
      guard !simulator.completionTimes.isEmpty else { continue }
      let times = simulator.completionTimes
      if let same = series.firstIndex(where: { $0.times == times }) {
        series[same].label += ", " + value
      } else {
        series.append((value, times))
      }
    }
    return (series, notDrawn)
  }

  /// The price and reclaim timeline, only where the spot price moves.
  func timeline(_ spec: ExperimentSpec, _ catalog: AcceleratorCatalog) -> (
    GnuplotFigure?, String?
  ) {
    let data = report.data
    let first = data.cells.first { $0.values["policy"] != "on-demand-only" } ?? data.cells[0]
    let simulator: Simulator
    switch simulate(spec, catalog, first) {
    case .success(let ran): simulator = ran
    case .failure(let notDrawn): return (nil, "Price timeline not drawn: \(notDrawn.reason).")
    }
    guard let market = simulator.marketPaths.first else {
      return (nil, "Price timeline not drawn: the run has no spot market path.")
    }
    let price = market.path.price
    guard Set(price.values).count > 1 else {
      return (
        nil,
        "Price timeline not drawn: the spot price is constant in this market (\(Figures.short(first.values["market"] ?? "poisson"))), so it would be a flat line."
      )
    }
    let label = first.key.replacingOccurrences(of: ";", with: ", ")
    let config = try? spec.config(for: cell(first))
    // The zone's name: a trace names its own; a synthetic zone its region's.
    let scenario = (try? config?.resolve(catalog: catalog, traces: traces)) ?? nil
    let names =
      (scenario?.market as? TraceMarket)?.traces.map(\.zone)
      ?? scenario?.geography?.zones.map(\.name) ?? []
    let zone = market.zone < names.count ? names[market.zone] : nil
    return (
      Figures.timeline(
        price: price, horizon: config?.fleet.horizonHours ?? 72,
        reclaims: simulator.reclaimWarnings,
        label: label, accelerator: market.accelerator, zone: zone ?? "zone \(market.zone)"), nil
    )
  }

  /// Removes figure files (`.png`, `.pdf`, `.dat`, `.gp`) of figures this
  /// report no longer draws, so the folder holds only what its README shows.
  func removeStaleFigures(in folder: String, keeping names: Set<String>) throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: folder)
    for file in files {
      let ext = (file as NSString).pathExtension
      let stem = (file as NSString).deletingPathExtension
      guard ["png", "pdf", "dat", "gp"].contains(ext), !names.contains(stem) else { continue }
      try FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(file))
    }
  }

  /// Writes the report into `<directory>/<experiment>/`; figures are drawn
  /// when gnuplot is available (else listed as skipped). Returns the README path.
  @discardableResult
  public func write(into directory: String) throws -> String {
    let folder = try Self.folder(of: report.data.experiment, in: directory)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var (figures, skipped) = figures()
    if Gnuplot.isAvailable {
      for figure in figures {
        try Gnuplot.render(figure, in: folder, pdfDate: report.data.figureStamp)
      }
      try removeStaleFigures(in: folder, keeping: Set(figures.map(\.name)))
    } else {
      skipped.append(
        "Figures not drawn: gnuplot is not installed (`make deps` installs gnuplot-nox).")
      figures = []
    }
    // Long per-cell tables go to CSVs beside the report; short ones stay
    // in it (and stale CSVs go).
    let tables = report.cellTables()
    for (name, table) in [
      (ExperimentReport.costCSV, tables.cost),
      (ExperimentReport.reliabilityCSV, tables.reliability),
    ] {
      let path = (folder as NSString).appendingPathComponent(name)
      if tables.folded {
        try ExperimentReport.csv(table).write(toFile: path, atomically: true, encoding: .utf8)
      } else if FileManager.default.fileExists(atPath: path) {
        try FileManager.default.removeItem(atPath: path)
      }
    }
    let gaps = report.optimumGapTable()
    let gapPath = (folder as NSString).appendingPathComponent(ExperimentReport.optimumCSV)
    if let gaps, gaps.folded {
      try ExperimentReport.csv(gaps.table).write(toFile: gapPath, atomically: true, encoding: .utf8)
    } else if FileManager.default.fileExists(atPath: gapPath) {
      try FileManager.default.removeItem(atPath: gapPath)
    }
    // The split of the gap per condition, where the report pools it.
    let sourcesPath = (folder as NSString).appendingPathComponent(ExperimentReport.gapSourcesCSV)
    if let sources = report.gapSourcesTable(poolAbove: .max),
      sources.table.rows.count > ExperimentReport.foldAbove
    {
      try ExperimentReport.csv(sources.table).write(
        toFile: sourcesPath, atomically: true, encoding: .utf8)
    } else if FileManager.default.fileExists(atPath: sourcesPath) {
      try FileManager.default.removeItem(atPath: sourcesPath)
    }
    let readme = (folder as NSString).appendingPathComponent("README.md")
    let markdown = report.markdown(figures: figures, skipped: skipped)
    try markdown.write(toFile: readme, atomically: true, encoding: .utf8)
    // The same tables for a paper.
    try LatexTables.document(fromMarkdown: markdown, experiment: report.data.experiment).write(
      toFile: (folder as NSString).appendingPathComponent("tables.tex"), atomically: true,
      encoding: .utf8)
    return readme
  }

  /// The report folder of `experiment` under `directory`; refuses a name
  /// that is not an identifier or a folder that would resolve outside
  /// `directory` (a database written by an older version, a hostile name).
  static func folder(of experiment: String, in directory: String) throws -> String {
    guard Identifier.isValid(experiment) else {
      throw ExperimentsError.invalidValue(
        file: directory, key: "experiment", value: experiment, expected: Identifier.rule)
    }
    // --out may itself be a link; the report folder, if it exists, must
    // resolve inside it (a link planted there must not lead elsewhere).
    let root = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path
    let folder = (root as NSString).appendingPathComponent(experiment)
    let resolved =
      FileManager.default.fileExists(atPath: folder)
      ? URL(fileURLWithPath: folder).resolvingSymlinksInPath().path : folder
    guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
      throw ExperimentsError.invalidValue(
        file: directory, key: "experiment", value: experiment,
        expected: "a report folder inside --out; \(folder) leads to \(resolved)")
    }
    return (directory as NSString).appendingPathComponent(experiment)
  }

}
