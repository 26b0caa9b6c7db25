import Experiments
import Foundation
import Testing

/// `--resume` of a spec whose latest finished sweep already holds exactly
/// the runs it would store (same model, cells and seeds) starts no sweep.
@Suite struct UpToDateTests {
  func plan(_ spec: ExperimentSpec) throws -> SweepPlan {
    try SweepPlan(spec: spec, size: nil, catalog: RunnerFixtures.catalog)
  }

  func options(commit: String, fingerprint: String?, resume: Bool = true, force: Bool = false)
    -> SweepOptions
  {
    SweepOptions(
      jobs: 2, resume: resume, force: force,
      provenance: Provenance(gitCommit: commit, gitDirty: false, host: "test"),
      modelFingerprint: fingerprint)
  }

  @Test func anUpToDateSweepAtAnotherCommitIsLeftAsItIs() throws {
    let spec = try RunnerFixtures.spec(in: RunnerFixtures.scratch())
    let store = try ResultsStore.inMemory()
    let first = try SweepRunner(store: store).run(
      plan(spec), options: options(commit: "c1", fingerprint: "m1"))
    let again = try SweepRunner(store: store).run(
      plan(spec), options: options(commit: "c2", fingerprint: "m1"))
    #expect(first.ran == 33)
    #expect(again.upToDate && again.alreadyComplete && again.ran == 0 && again.reused == 0)
    #expect(again.sweepID == first.sweepID)
    #expect(try store.sweeps().count == 1)
  }

  /// Another model, --force, no --resume, or a spec with another cell: a
  /// sweep runs (copying what it can).
  @Test func anythingElseStartsASweep() throws {
    let directory = RunnerFixtures.scratch()
    let spec = try RunnerFixtures.spec(in: directory)
    let store = try ResultsStore.inMemory()
    _ = try SweepRunner(store: store).run(
      plan(spec), options: options(commit: "c1", fingerprint: "m1"))
    for o in [
      options(commit: "c2", fingerprint: "m2"),
      options(commit: "c2", fingerprint: "m1", force: true),
      options(commit: "c2", fingerprint: "m1", resume: false),
    ] {
      let outcome = try SweepRunner(store: store).run(plan(spec), options: o)
      #expect(!outcome.upToDate && !outcome.alreadyComplete)
    }
    #expect(try store.sweeps().count == 4)
  }
}
