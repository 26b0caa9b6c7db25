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
        prefix), matched against the commits sweeps recorded; with a revision, \
        the latest sweep at that commit (of --experiment, if given) is used. \
        Runs pair up when cell parameters and seed are identical; each metric's \
        change is a paired difference with its 95% CI, marked significant when \
        the CI excludes zero. Exit code 1 when a metric significantly worsens \
        by more than --threshold percent, so it can gate CI.

        Example:
          synkti compare HEAD~1 HEAD --experiment headline --metric total_cost --threshold 2
        """)

    @Argument(help: "Base sweep id or git revision.") var base: String
    @Argument(help: "Head sweep id or git revision.") var head: String
    @Option(help: "Results database.") var db = "Results/synkti.sqlite"
    @Option(help: "Only sweeps of this experiment.") var experiment: String?
    @Option(
      name: .customLong("metric"),
      help: "Metric to compare (repeatable; default: cost, savings, completion, misses, work lost)."
    )
    var metrics: [String] = []
    @Option(help: "Relative worsening (%) beyond which a significant change fails.")
    var threshold = 1.0
    @Option(help: "md, csv or json.") var format = "md"

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
      let deltas = try reportingInputErrors { () throws -> [MetricDelta] in
        let store = try ResultsStore.openExisting(db)
        let baseID = try resolve(base, store)
        let headID = try resolve(head, store)
        do {
          return try Comparison.compare(
            base: SweepData.load(store, sweep: baseID), head: SweepData.load(store, sweep: headID),
            metrics: metrics.isEmpty ? Comparison.defaultMetrics : metrics, threshold: threshold)
        } catch let error as ReportingError {
          throw ExperimentsError.invalidRequest(error.description)
        }
      }
      switch format {
      case "csv": print(Comparison.csv(deltas), terminator: "")
      case "json": print(Comparison.json(deltas), terminator: "")
      default:
        print(Comparison.markdown(deltas))
        let significant = deltas.filter(\.significant).count
        print(
          "\(deltas.count) comparisons, \(significant) significant, \(deltas.filter(\.regression).count) regressions (threshold \(threshold)%)"
        )
      }
      if deltas.contains(where: \.regression) { throw ExitCode(1) }
    }

    /// A sweep id, or the latest sweep whose commit matches a revision.
    func resolve(_ text: String, _ store: ResultsStore) throws -> Int64 {
      let sweeps = try store.sweeps()
      if let id = Int64(text), sweeps.contains(where: { $0.id == id }) { return id }
      let commit = Provenance.git(["rev-parse", "--verify", "--quiet", text + "^{commit}"])?
        .trimmingCharacters(in: .whitespacesAndNewlines)
      let wanted = (commit?.isEmpty == false ? commit! : text).lowercased()
      for sweep in sweeps.reversed() where sweep.gitCommit.lowercased().hasPrefix(wanted) {
        if let experiment, try store.experimentName(ofSweep: sweep.id!) != experiment { continue }
        return sweep.id!
      }
      throw ExperimentsError.invalidRequest(
        ReportingError.noSweep(
          revision: text, known: Array(Set(sweeps.map { String($0.gitCommit.prefix(12)) })).sorted()
        ).description)
    }
  }
}
