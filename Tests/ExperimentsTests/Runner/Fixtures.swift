import Experiments
import Foundation

/// A small spec (a few ms per run) and a scratch directory per test.
enum RunnerFixtures {
  static let catalog = try! AcceleratorCatalog.load(Paths.catalog)

  /// The base scenario of the small specs (a few ms per run).
  static let baseBlock = """
    base:
      horizon_hours: 48
      tasks: 30
      accelerator: A10G
      memory_gib: 16
      work_hours: uniform(1,6)
      deadline_slack: 3
    """

  static let specText = """
    name: small
    \(baseBlock)
    grid:
      policy: [greedy, "on-demand-fallback:1", uniform-progress]
      migration: [naive, optimal]
      preemption_rate: [0.05, 0.3]
    exclude:
      - {policy: uniform-progress, migration: optimal}
    include:
      - {policy: greedy, migration: none, preemption_rate: 0.3}
    replicates: 3
    seed: 7
    """

  /// A fresh directory under the system temporary directory.
  static func scratch() -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("synkti-tests-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func spec(_ text: String = specText, in directory: String) throws -> ExperimentSpec {
    let file = (directory as NSString).appendingPathComponent("spec.yaml")
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    return try ExperimentSpec.load(file, catalog: catalog)
  }

  static let provenance = Provenance(gitCommit: "abc123", gitDirty: false, host: "test")

  static func options(jobs: Int, resume: Bool = false, maxRuns: Int? = nil) -> SweepOptions {
    SweepOptions(jobs: jobs, resume: resume, maxRuns: maxRuns, provenance: provenance)
  }
}
