import ArgumentParser
import Experiments
import Foundation
import Reporting

extension Synkti {
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write Markdown reports with confidence intervals and gnuplot figures.",
      discussion: """
        Writes <out>/<experiment>/README.md for the chosen sweep: provenance, \
        the spec in brief, tables of mean ± 95% CI (Student t) per axis and per \
        cell, savings as paired differences against the spec's baseline, and \
        figures (PNG + PDF, with their .dat and .gp beside them).

        Without --experiment or --sweep, reports the latest sweep of every \
        experiment in the database and writes <out>/README.md, an index with \
        one row per experiment. Figures that need per-task data (the \
        completion-time CDF, the price timeline) re-simulate replicate 0 from \
        its seed, using the spec file --spec names, else \
        Experiments/paper/<experiment>.yaml, else the YAML file under \
        Experiments/ whose text is the spec the sweep stored; a file whose \
        text differs from the stored spec is not used.

        Each report's key (a hash of what it read: the sweep, its runs, the \
        spec and catalog files, whether gnuplot draws, the synkti binary) is \
        kept in <out>/.report-keys; a report whose key has \
        not changed and whose files are as they were written is left alone \
        and said "unchanged" (--force writes it anyway), so rerunning after \
        a docs commit costs almost nothing.

        Examples:
          synkti report
          synkti report --experiment five-axis --out /tmp/reports
        """)

    @Option(help: "Results database.") var db = "Results/synkti.sqlite"
    @Option(help: "Experiment name (default: every experiment).") var experiment: String?
    @Option(help: "Sweep id, or latest.") var sweep = "latest"
    @Option(help: "Output directory.") var out = "Reports"
    @Option(
      help:
        "Spec file for re-simulated figures (default: Experiments/paper/<experiment>.yaml, else the file under Experiments/ with the stored spec's text)."
    )
    var spec: String?
    @Flag(help: "Write every report, even those whose inputs have not changed.")
    var force = false
    @OptionGroup var catalog: CatalogOption

    func run() throws {
      try reportingInputErrors(database: db) {
        let store = try ResultsStore.openExisting(db)
        var ids: [Int64] = []
        if experiment == nil && sweep == "latest" {
          var names: [String] = []
          for s in try store.sweeps().reversed() {
            guard let name = try store.experimentName(ofSweep: s.id!), !names.contains(name) else {
              continue
            }
            names.append(name)
            ids.append(s.id!)
          }
          ids.reverse()
        } else {
          ids = [try SweepSelection.resolve(sweep, experiment: experiment, in: store, db: db)]
        }
        guard !ids.isEmpty else {
          throw ExperimentsError.invalidRequest("\(db): no sweeps to report")
        }
        let catalog = try? self.catalog.load()
        var reported: [SweepData] = []
        var keys: [String] = []
        var keyFile = ReportKey.File(directory: out)
        let gnuplot = Gnuplot.isAvailable
        // Every sweep record, read once for the keys.
        let records = Dictionary(
          uniqueKeysWithValues: try store.sweeps().compactMap { s in s.id.map { ($0, s) } })
        for id in ids {
          let name = try store.experimentName(ofSweep: id) ?? ""
          guard let record = records[id] else {
            throw ExperimentsError.invalidRequest("\(db): no sweep \(id)")
          }
          // Found once: the key and the report read the same file.
          let specFile = locator.file(of: name, hash: try store.spec(ofSweep: id)?.hash)
          let key = try ReportKey.of(
            store: store, sweep: record, specFile: specFile,
            catalogFiles: catalog?.inputFiles ?? [], gnuplot: gnuplot)
          keys.append(key)
          let readme = (out as NSString).appendingPathComponent("\(name)/README.md")
          // Nothing it reads has changed: the report stands (`--force`
          // writes it anyway).
          if !force, Identifier.isValid(name), keyFile.isCurrent(readme, key: key) {
            print("unchanged \(readme) (sweep \(id))")
            continue
          }
          let data = try SweepData.load(store, sweep: id)
          reported.append(data)
          let (spec, note) = specFor(data, in: specFile, catalog: catalog)
          let report = ExperimentReport(data: data, spec: spec, catalog: catalog, specNote: note)
          let path = try ReportWriter(report: report).write(into: out)
          try keyFile.record(readme, key: key)
          print("wrote \(path) (sweep \(id), \(data.runCount) runs)")
        }
        // Reporting every experiment: the index lists them all.
        if experiment == nil && sweep == "latest" {
          let index = (out as NSString).appendingPathComponent("README.md")
          let indexKey = ReportKey.index(of: keys)
          if !force, keyFile.isCurrent(index, key: indexKey) {
            print("unchanged \(index) (\(ids.count) experiments)")
            return
          }
          // The index reads every sweep: load those whose reports stood.
          let loaded = Set(reported.map { $0.sweep.id })
          for id in ids where !loaded.contains(id) {
            reported.append(try SweepData.load(store, sweep: id))
          }
          reported.sort { ids.firstIndex(of: $0.sweep.id!)! < ids.firstIndex(of: $1.sweep.id!)! }
          let summary = ReportIndex(sweeps: reported)
          try summary.markdown().write(toFile: index, atomically: true, encoding: .utf8)
          if let forest = summary.forestPlot(), Gnuplot.isAvailable {
            // Stamped with the latest among the reports' stamps.
            try Gnuplot.render(forest, in: out, pdfDate: reported.map(\.figureStamp).max())
          }
          try keyFile.record(index, key: indexKey)
          print("wrote \(index) (\(reported.count) experiments)")
        }
      }
    }

    /// Where the spec file re-simulated figures read is found.
    var locator: SpecLocator { SpecLocator(explicit: spec) }

    /// The sweep's spec, loaded from `file` where its text is the one the
    /// sweep ran, or why there is none.
    func specFor(_ data: SweepData, in file: String, catalog: AcceleratorCatalog?) -> (
      ExperimentSpec?, String?
    ) {
      guard let catalog else { return (nil, "no accelerator catalog found") }
      guard FileManager.default.fileExists(atPath: file) else {
        return (nil, "spec file \(file) not found")
      }
      guard let text = try? String(contentsOfFile: file, encoding: .utf8),
        ExperimentSpec.hash(of: text) == data.specHash
      else { return (nil, "\(file) differs from the spec this sweep ran (hash mismatch)") }
      do {
        return (
          try ExperimentSpec.load(
            file, catalog: catalog, size: data.sweep.size == "default" ? nil : data.sweep.size), nil
        )
      } catch {
        return (nil, "\(error)")
      }
    }
  }
}
