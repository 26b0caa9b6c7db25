import ArgumentParser
import Experiments
import Foundation

extension Synkti {
  struct Fingerprint: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the model fingerprint that keys the results cache.",
      discussion: """
        A run is identified by (model fingerprint, cell parameters, seed), and \
        a sweep copies any run an earlier sweep computed with the same identity. \
        The fingerprint is a SHA-256 of the sources of Sources/Assignment, \
        Sources/Simulation and Sources/Experiments (but Experiments/Storage and \
        the runner's bookkeeping: SweepRunner, Provenance, ModelFingerprint) and \
        of the catalog's files (the catalog and its egress tables); README, \
        docs, reports, tests and the CLI do not enter it. Traces enter each \
        run's identity separately.

        Without REVISION: this build's fingerprint, fixed when the binary was \
        built from its sources (a warning on stderr says when the checkout's \
        model sources have been edited since). With REVISION: the fingerprint a build of that commit would \
        have, read from git objects (nothing is checked out or built).

        Examples:
          synkti fingerprint
          synkti fingerprint HEAD~1
        """)

    @Argument(help: "A git revision (default: this build's sources).") var revision: String?
    @OptionGroup var catalog: CatalogOption

    func run() throws {
      let catalog = try reportingInputErrors { try self.catalog.load() }
      guard let revision else {
        guard let value = ModelFingerprint.current(inputs: catalog.inputFiles) else {
          throw ExperimentsError.invalidRequest(
            "cannot read the catalog's files \(catalog.inputFiles.joined(separator: ", ")): no fingerprint"
          )
        }
        if let warning = ModelFingerprint.staleBuildWarning() { printError(warning) }
        print(value)
        return
      }
      guard let commit = Provenance.commit(of: revision) else {
        throw ExperimentsError.invalidRequest("'\(revision)' is not a commit of this repository")
      }
      guard
        let value = ModelFingerprint.atCommit(commit, inputs: catalog.inputFiles)
      else {
        throw ExperimentsError.invalidRequest(
          "cannot read the model at \(commit.prefix(12)) from git (its sources, or the catalog \(catalog.inputFiles.joined(separator: ", ")) as committed)"
        )
      }
      print(value)
    }
  }
}
