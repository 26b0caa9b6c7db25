import ArgumentParser
import Experiments
import Foundation
import Reporting

extension Synkti {
  struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Compare two sweeps run by run: what moved between two commits, and is it real?",
      discussion: """
        BASE and HEAD are sweep ids or git revisions (HEAD~1, a tag, a hash \
        prefix). A revision stands for the latest sweep at that commit (of \
        --experiment, if given), else the latest sweep of the same model at \
        any commit: compare builds and runs nothing, and reads each commit's \
        model fingerprint from git (the model sources and the catalog as \
        committed). When both revisions have the same fingerprint (a \
        docs-only commit, say), it says "identical model, no runs needed" \
        and exits 0 without a database. \
        Runs pair up when cell parameters and seed are identical; each metric's \
        change is a paired difference with its 95% CI, marked significant when \
        the CI excludes zero. Over a spec's nuisance axes (`nuisance: \
        [trace_start_hour]`: trace windows, one run each) a row pools its \
        cell's pairs in every window, since one window alone has no interval. Exit code 1 when a metric significantly worsens \
        by more than --threshold percent, so it can gate CI.

        The Markdown output names both sweeps (id, commit, start, size, runs \
        computed and reused), shows only the rows that changed significantly \
        (--all: every row) and ends with a count of regressions and \
        improvements; CSV and JSON list every row. When every paired run has \
        the same identity on both sides (the same model fingerprint, cell and \
        seed: a docs-only commit, say), it says so: nothing can have changed.

        Example:
          synkti compare HEAD~1 HEAD --experiment headline --metric total_cost --threshold 2
        """)

    @Argument(help: "Base sweep id or git revision.") var base: String
    @Argument(help: "Head sweep id or git revision.") var head: String
    @Option(help: "Results database.") var db = "Results/synkti.sqlite"
    @Option(help: "Only sweeps of this experiment.") var experiment: String?
    @Option(
      name: .customLong("metric"),
      help: ArgumentHelp(
        "Metric to compare (repeatable; default: \(Comparison.defaultMetrics.joined(separator: ", "))).",
        discussion:
          "Any metric column: \(ExportTable.metricColumns.sorted().joined(separator: ", "))."
      ))
    var metrics: [String] = []
    @Flag(help: "Show every row, not only those that changed significantly.") var all = false
    @Option(help: "Relative worsening (%) beyond which a significant change fails.")
    var threshold = 1.0
    @Option(help: "md, csv or json.") var format = "md"
    @OptionGroup var catalog: CatalogOption

    func validate() throws {
      guard ["md", "csv", "json"].contains(format) else {
        throw ValidationError("--format must be md, csv or json, got '\(format)'")
      }
      let known = ExportTable.metricColumns
      for m in metrics where !known.contains(m) {
        throw ValidationError(
          "unknown metric '\(m)'; known: \(known.sorted().joined(separator: ", "))")
      }
    }

    func run() throws {
      let models = try reportingInputErrors { try (model(of: base), model(of: head)) }
      if let a = models.0, let b = models.1, a.fingerprint == b.fingerprint {
        let line =
          "identical model: \(base) (`\(a.commit.prefix(12))`) and \(head) (`\(b.commit.prefix(12))`) have model fingerprint `\(a.fingerprint.prefix(16))…`, so every run of one is a run of the other; no runs needed"
        switch format {
        case "csv": print(Comparison.csv([]), terminator: "")
        case "json": print(Comparison.json([]), terminator: "")
        default: print(line)
        }
        return
      }
      let (deltas, header) = try reportingInputErrors(database: db) {
        () throws -> ([MetricDelta], [String]) in
        let store = try ResultsStore.openExisting(db)
        let (baseID, baseNote) = try resolve(base, store, model: models.0)
        let (headID, headNote) = try resolve(head, store, model: models.1)
        do {
          let baseData = try SweepData.load(store, sweep: baseID)
          let headData = try SweepData.load(store, sweep: headID)
          let deltas = try Comparison.compare(
            base: baseData, head: headData,
            metrics: metrics.isEmpty ? Comparison.defaultMetrics : metrics, threshold: threshold)
          var header: [String] = []
          for (side, data) in [("base", baseData), ("head", headData)] {
            let s = data.sweep
            let origins = try store.runOrigins(sweep: s.id!)
            let note = side == "base" ? baseNote : headNote
            header.append(
              "- \(side): sweep \(s.id!) of `\(data.experiment)`, commit `\(s.gitCommit.prefix(12))`\(s.gitDirty ? " (dirty)" : ""), started \(s.startedAt), size \(s.size), \(origins.computed) runs computed, \(origins.reused) reused\(note.map { " (\($0))" } ?? "")"
            )
          }
          let a = try store.runIdentities(sweep: baseID)
          let b = try store.runIdentities(sweep: headID)
          if Comparison.identicalModel(a, b) {
            header.append(
              "- identical model: every paired run has the same identity (model fingerprint, cell, seed) on both sides, so no metric can differ"
            )
          }
          return (deltas, header)
        } catch let error as ReportingError {
          throw ExperimentsError.invalidRequest(error.description)
        }
      }
      switch format {
      case "csv": print(Comparison.csv(deltas), terminator: "")
      case "json": print(Comparison.json(deltas), terminator: "")
      default:
        print(header.joined(separator: "\n") + "\n")
        print(Comparison.markdown(deltas, all: all))
        print(Comparison.summary(deltas, threshold: threshold))
      }
      if deltas.contains(where: \.regression) { throw ExitCode(1) }
    }

    /// A revision's commit and model fingerprint (nil for a sweep id of
    /// the database, or when git cannot say).
    func model(of text: String) throws -> (commit: String, fingerprint: String)? {
      if Int64(text) != nil, FileManager.default.fileExists(atPath: db),
        let store = try? ResultsStore.openExisting(db),
        (try? store.sweep(Int64(text)!)) != nil
      {
        return nil
      }
      guard let commit = Provenance.commit(of: text) else { return nil }
      return ModelFingerprint.atCommit(commit, inputs: try catalog.load().inputFiles).map {
        (commit, $0)
      }
    }

    /// A sweep id; or, for a revision, the latest sweep at its commit, else
    /// the latest finished sweep of its model (with a note saying so).
    func resolve(
      _ text: String, _ store: ResultsStore, model: (commit: String, fingerprint: String)?
    ) throws -> (Int64, String?) {
      let sweeps = try store.sweeps()
      if let id = Int64(text), sweeps.contains(where: { $0.id == id }) { return (id, nil) }
      let wanted = (model?.commit ?? Provenance.commit(of: text) ?? text).lowercased()
      func ofExperiment(_ sweep: SweepRecord) throws -> Bool {
        guard let experiment else { return true }
        return try store.experimentName(ofSweep: sweep.id!) == experiment
      }
      for sweep in sweeps.reversed() where sweep.gitCommit.lowercased().hasPrefix(wanted) {
        if try ofExperiment(sweep) { return (sweep.id!, nil) }
      }
      if let model {
        for sweep in sweeps.reversed()
        where sweep.modelFingerprint == model.fingerprint && sweep.status == .finished {
          if try ofExperiment(sweep) {
            return (sweep.id!, "no sweep at `\(model.commit.prefix(12))`; same model as \(text)")
          }
        }
      }
      throw ExperimentsError.invalidRequest(
        ReportingError.noSweep(
          revision: text + (model.map { " (model `\($0.fingerprint.prefix(12))…`)" } ?? ""),
          known: Array(Set(sweeps.map { String($0.gitCommit.prefix(12)) })).sorted()
        ).description + "; run `make experiments` at that commit, or compare sweep ids")
    }
  }
}
