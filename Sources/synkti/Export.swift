import ArgumentParser
import Experiments
import Foundation

extension Synkti {
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print every run of a sweep with its parameters, seed and metrics.",
      discussion: """
        Rows come in a stable order — grid order of the cells, then replicate — \
        so two exports of equal sweeps are equal apart from the timing columns \
        (sweep_id, wall_ms). Each row carries its status (done or failed) and, \
        for a failed run, the reason; undefined metrics are empty in CSV and \
        null in JSON. A sweep that is unfinished or had failed runs is said so \
        on stderr.

        Parameters a spec left unset are filled with the values the model \
        used, resolved from the accelerator types, the catalog's network and \
        the workload kinds (for the sweep's spec, read from --spec when its \
        text is the one stored); the column derived_parameters names them \
        per row. --as-stored prints the runs as stored instead: reports' \
        results hashes are over `export --omit-timing --as-stored`. \
        `export --schema` prints the columns as a JSON Schema.

        The database is opened read-only: export never creates, migrates or \
        changes it. A live database is the .sqlite file together with its \
        -wal file; --to writes one self-contained copy (VACUUM INTO) to ship.

        Examples:
          synkti export --format csv > runs.csv
          synkti export --sweep 3 --format json
          synkti export --to /tmp/results-copy.sqlite
        """)

    @Option(help: "Results database.") var db = "Results/synkti.sqlite"
    @Option(help: "Sweep id, or latest.") var sweep = "latest"
    @Option(help: "Only with --sweep latest: the latest sweep of this experiment.")
    var experiment: String?
    @Option(help: "csv or json.") var format = "csv"
    @Flag(
      name: .customLong("omit-timing"),
      help: "Leave out sweep_id, wall_ms and reused_from_sweep, to compare sweeps row for row.")
    var omitTiming = false
    @Option(help: "Instead of printing runs, write a self-contained copy of the database here.")
    var to: String?
    @Flag(help: "Print the runs as stored: unset parameters stay empty, no derived_parameters.")
    var asStored = false
    @Option(
      help:
        "The sweep's spec file, to resolve derived parameters (default: Experiments/paper/NAME.yaml)."
    )
    var spec: String?
    @Flag(help: "Print the export's columns as a JSON Schema and exit.")
    var schema = false
    @OptionGroup var catalog: CatalogOption

    func validate() throws {
      guard ["csv", "json"].contains(format) else {
        throw ValidationError("--format must be csv or json, got '\(format)'")
      }
      guard sweep == "latest" || Int64(sweep) != nil else {
        throw ValidationError("--sweep must be a sweep id or latest, got '\(sweep)'")
      }
    }

    func run() throws {
      if schema {
        print(ExportSchema.text, terminator: "")
        return
      }
      try reportingInputErrors(database: db) {
        let store = try ResultsStore.openReadOnly(db)
        if let to {
          try store.copy(to: to)
          printError("wrote \(to): a self-contained copy of \(db)")
          return
        }
        let id = try SweepSelection.resolve(sweep, experiment: experiment, in: store, db: db)
        if let record = try store.sweep(id) {
          let failed = try store.failedRunCount(sweep: id)
          if record.status != .finished || failed > 0 {
            printError(
              "note: sweep \(id) is \(record.status)"
                + (failed > 0
                  ? " with \(failed) failed runs (status failed, see failure_reason)" : ""))
          }
        }
        var table = try store.export(sweep: id)
        if !asStored, let stored = try store.spec(ofSweep: id), let record = try store.sweep(id) {
          let file = spec ?? "Experiments/paper/\(stored.name).yaml"
          // Without a catalog the runs are still exported, as stored.
          let reason: String?
          do {
            reason = ExportDerived.fill(
              &table, spec: file, storedHash: stored.hash, size: record.size,
              catalog: try self.catalog.load())
          } catch {
            reason = "no accelerator catalog (\(error))"
          }
          if let reason { printError("note: parameters left unset are not filled in: \(reason)") }
        }
        if omitTiming { table = table.dropping(ExportTable.timingColumns) }
        print(format == "csv" ? table.csv() : table.json(), terminator: "")
      }
    }
  }

  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Merge shard databases of one sweep into one database.",
      discussion: """
        Every input must hold sweeps of the same spec (hash), commit and size. \
        Runs are keyed by their index, so merging again, or overlapping shards, \
        never duplicates a row. Missing runs are reported by shard, with exit \
        code 1; rerun the missing shard (with --resume) and merge again.

        Example:
          synkti merge Results/synkti.sqlite Results/shards/five-axis-*.sqlite
        """)

    @Argument(help: "Output database (created if needed).") var output: String
    @Argument(help: "Shard databases.") var inputs: [String]

    func validate() throws {
      guard !inputs.isEmpty else { throw ValidationError("name at least one input database") }
      guard !inputs.contains(output) else {
        throw ValidationError("the output cannot also be an input")
      }
    }

    func run() throws {
      let report = try reportingInputErrors(database: output) { () throws -> MergeReport in
        // A shard that never ran has no file: merge the rest and report it.
        let present = inputs.filter { FileManager.default.fileExists(atPath: $0) }
        for input in inputs where !present.contains(input) {
          printError("warning: \(input): no such database; its runs will be reported missing")
        }
        guard !present.isEmpty else {
          throw ExperimentsError.database(
            file: inputs[0], reason: "no such database (none of the inputs exist)")
        }
        // Validate every input before creating the output.
        for input in present { _ = try ResultsStore.openReadOnly(input) }
        try ResultsStore.checkWritable(output)
        let lock = try SweepLock.acquire(
          besides: output, owner: SweepLock.owner("synkti merge into \(output)"), wait: false)
        defer { withExtendedLifetime(lock) {} }
        let store = try ResultsStore.open(output)
        let report = try store.merge(present)
        try store.checkpoint(truncate: true)
        return report
      }
      print(
        "merged \(inputs.filter { FileManager.default.fileExists(atPath: $0) }.count) databases into sweep \(report.sweepID) of \(output): \(report.added) runs added, \(report.duplicates) duplicates skipped, \(report.totalRuns - report.missing.count)/\(report.totalRuns) present"
      )
      if !report.isComplete {
        printError(
          "incomplete: \(report.missing.count) runs missing, from shard(s) \(report.missingShards.map(String.init).joined(separator: ", ")); rerun them (with --resume) and merge again"
        )
        throw ExitCode(1)
      }
    }
  }
}

/// Resolves `--sweep ID|latest`.
enum SweepSelection {
  static func resolve(_ text: String, experiment: String?, in store: ResultsStore, db: String)
    throws
    -> Int64
  {
    if text == "latest" {
      guard let id = try store.latestSweepID(experiment: experiment) else {
        throw ExperimentsError.invalidRequest(
          "\(db): no sweep\(experiment.map { " of experiment \($0)" } ?? "") in this database")
      }
      return id
    }
    guard let id = Int64(text), try store.sweep(id) != nil else {
      throw ExperimentsError.invalidRequest("\(db): no sweep \(text)")
    }
    return id
  }
}
