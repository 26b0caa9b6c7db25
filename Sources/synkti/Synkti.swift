import ArgumentParser
import Experiments
import Foundation

@main
struct Synkti: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "synkti",
    abstract: "Simulate GPU workloads on spot and on-demand capacity, with evidence.",
    discussion: """
      Synkti is a deterministic discrete-event simulator of tasks on volatile spot \
      capacity: grace-period checkpoints, optimal (Kuhn–Munkres) migration after \
      reclaims, spot market models and pluggable policies.

      Start with:
        synkti simulate --scenario Experiments/headline.yaml --seed 1
        synkti sweep Experiments/paper/headline.yaml     (or: make experiments)
        synkti report                                    (writes Reports/)
        synkti catalog --sources
      """,
    version: SynktiVersion.current,
    subcommands: [
      Simulate.self, Sweep.self, Report.self, Compare.self, Export.self, Merge.self, Assign.self,
      Catalog.self, TraceWindows.self, Fingerprint.self, Forecast.self,
    ])

  /// Exit codes are the same for every command: 0 success, 1 a regression
  /// (compare), missing shards (merge) or a sweep stopped by failed runs, 2
  /// bad input. ArgumentParser reports usage and validation errors as 64
  /// (EX_USAGE); here they are bad input too, so they exit 2.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as ExperimentsError {
      // Input and data errors from any command: one line, exit 2.
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      Foundation.exit(2)
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
