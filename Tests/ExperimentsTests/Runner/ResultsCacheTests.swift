import Experiments
import Foundation
import Testing

@Suite struct ResultsCacheTests {
  func plan(_ spec: ExperimentSpec) throws -> SweepPlan {
    try SweepPlan(spec: spec, size: nil, catalog: RunnerFixtures.catalog)
  }

  func options(fingerprint: String?, force: Bool = false, useCache: Bool = true) -> SweepOptions {
    SweepOptions(
      jobs: 2, force: force, provenance: RunnerFixtures.provenance,
      modelFingerprint: fingerprint, useCache: useCache)
  }

  @Test func aCachedRerunEqualsAComputedOneBitForBit() throws {
    let spec = try RunnerFixtures.spec(in: RunnerFixtures.scratch())
    let store = try ResultsStore.inMemory()
    let first = try SweepRunner(store: store).run(plan(spec), options: options(fingerprint: "m1"))
    let second = try SweepRunner(store: store).run(plan(spec), options: options(fingerprint: "m1"))
    #expect(first.ran == 33 && first.reused == 0)
    #expect(second.ran == 0 && second.reused == 33 && second.status == .finished)
    let computed = try store.export(sweep: first.sweepID)
    let cached = try store.export(sweep: second.sweepID)
    #expect(
      cached.dropping(ExportTable.timingColumns) == computed.dropping(ExportTable.timingColumns))
    let column = cached.columns.firstIndex(of: "reused_from_sweep")!
    #expect(cached.rows.allSatisfy { $0[column] == "\(first.sweepID)" })
    #expect(computed.rows.allSatisfy { $0[column] == nil })
  }

  @Test func reuseNamesTheLatestSweepThatComputedARunNeverACopy() throws {
    let spec = try RunnerFixtures.spec(in: RunnerFixtures.scratch())
    let store = try ResultsStore.inMemory()
    let first = try SweepRunner(store: store).run(plan(spec), options: options(fingerprint: "m1"))
    let copy = try SweepRunner(store: store).run(plan(spec), options: options(fingerprint: "m1"))
    let recomputed = try SweepRunner(store: store).run(
      plan(spec), options: options(fingerprint: "m1", useCache: false))
    let rerun = try SweepRunner(store: store).run(plan(spec), options: options(fingerprint: "m1"))
    #expect(copy.reused == 33 && recomputed.ran == 33 && rerun.reused == 33)
    let table = try store.export(sweep: rerun.sweepID)
    let column = table.columns.firstIndex(of: "reused_from_sweep")!
    #expect(table.rows.allSatisfy { $0[column] == "\(recomputed.sweepID)" })
    #expect(first.sweepID != recomputed.sweepID)
  }

  @Test func anotherModelForceOrNoCacheComputesEverything() throws {
    let spec = try RunnerFixtures.spec(in: RunnerFixtures.scratch())
    let store = try ResultsStore.inMemory()
    _ = try SweepRunner(store: store).run(plan(spec), options: options(fingerprint: "m1"))
    for o in [
      options(fingerprint: "m2"), options(fingerprint: "m1", force: true),
      options(fingerprint: "m1", useCache: false), options(fingerprint: nil),
    ] {
      let outcome = try SweepRunner(store: store).run(plan(spec), options: o)
      #expect(outcome.ran == 33 && outcome.reused == 0)
    }
  }

  @Test func addingAnAxisValueComputesOnlyTheNewCells() throws {
    let directory = RunnerFixtures.scratch()
    let store = try ResultsStore.inMemory()
    let first = try SweepRunner(store: store).run(
      plan(RunnerFixtures.spec(in: directory)), options: options(fingerprint: "m1"))
    // A third preemption rate: 5 more cells (greedy×2, fallback×2,
    // uniform-progress×1) of 3 replicates; the 33 old runs are reused.
    let wider = RunnerFixtures.specText.replacingOccurrences(
      of: "preemption_rate: [0.05, 0.3]", with: "preemption_rate: [0.05, 0.3, 0.6]")
    let second = try SweepRunner(store: store).run(
      plan(RunnerFixtures.spec(wider, in: directory)), options: options(fingerprint: "m1"))
    #expect(first.ran == 33)
    #expect(second.reused == 33 && second.ran == 15)
  }

  @Test func theFingerprintFollowsModelCodeNotDocs() throws {
    let root = RunnerFixtures.scratch()
    let manager = FileManager.default
    func write(_ path: String, _ text: String) throws {
      let file = (root as NSString).appendingPathComponent(path)
      try manager.createDirectory(
        atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: file, atomically: true, encoding: .utf8)
    }
    try write("Sources/Assignment/A.swift", "let a = 1\n")
    try write("Sources/Simulation/Policy.swift", "let threshold = 0.5\n")
    try write("Sources/Experiments/Scenarios/S.swift", "let s = 1\n")
    try write("Sources/Experiments/Storage/Store.swift", "let store = 1\n")
    try write("README.md", "# readme\n")
    let before = try #require(ModelFingerprint.sources(packageRoot: root))
    try write("README.md", "# readme, edited\n")
    try write("Reports/x/README.md", "regenerated\n")
    try write("Sources/Experiments/Storage/Store.swift", "let store = 2\n")
    #expect(ModelFingerprint.sources(packageRoot: root) == before)
    try write("Sources/Simulation/Policy.swift", "let threshold = 0.6\n")
    #expect(ModelFingerprint.sources(packageRoot: root) != before)
    // This build's own sources are found, so sweeps here can reuse runs.
    #expect(ModelFingerprint.current() != nil)
  }

  /// `synkti compare REV REV` reads a commit's fingerprint from git: it must
  /// be the one a build of that commit computes from its files.
  @Test func aCommitsFingerprintFromGitEqualsTheBuildsOwn() throws {
    let root = RunnerFixtures.scratch()
    let outside = RunnerFixtures.scratch() + "/egress.csv"
    try "zone,price\n".write(toFile: outside, atomically: true, encoding: .utf8)
    func write(_ path: String, _ text: String) throws {
      let file = (root as NSString).appendingPathComponent(path)
      try FileManager.default.createDirectory(
        atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: file, atomically: true, encoding: .utf8)
    }
    let git = [
      "-C", root, "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false",
    ]
    func commit(_ message: String) throws {
      _ = try #require(Provenance.git(git + ["add", "-A"]))
      _ = try #require(Provenance.git(git + ["commit", "-q", "-m", message]))
    }
    _ = try #require(Provenance.git(["init", "-q", root]))
    try write("Sources/Assignment/A.swift", "let a = 1\n")
    try write("Sources/Simulation/Deep/Policy.swift", "let threshold = 0.5\n")
    try write("Sources/Experiments/S.swift", "let s = \"ü\"\n")
    try write("Sources/Experiments/Storage/Store.swift", "let store = 1\n")
    try write("Experiments/catalog.yaml", "accelerators: []\n")
    try commit("one")
    let inputs = [root + "/Experiments/catalog.yaml", outside]
    let first = try #require(ModelFingerprint.of(packageRoot: root, inputs: inputs))
    #expect(ModelFingerprint.atCommit("HEAD", inputs: inputs, git: ["-C", root]) == first)
    // Docs and storage code: the same model.
    try write("README.md", "# docs\n")
    try write("Sources/Experiments/Storage/Store.swift", "let store = 2\n")
    try write("Sources/Experiments/Runner/SweepRunner.swift", "let runner = 2\n")
    #expect(ModelFingerprint.of(packageRoot: root, inputs: inputs) == first)
    try commit("docs")
    #expect(ModelFingerprint.atCommit("HEAD", inputs: inputs, git: ["-C", root]) == first)
    // A policy and the catalog: another model, and each commit keeps its own.
    try write("Sources/Simulation/Deep/Policy.swift", "let threshold = 0.6\n")
    try commit("policy")
    let second = try #require(ModelFingerprint.of(packageRoot: root, inputs: inputs))
    #expect(second != first)
    #expect(ModelFingerprint.atCommit("HEAD", inputs: inputs, git: ["-C", root]) == second)
    #expect(ModelFingerprint.atCommit("HEAD~2", inputs: inputs, git: ["-C", root]) == first)
    try write("Experiments/catalog.yaml", "accelerators: [] # edited\n")
    try commit("catalog")
    #expect(ModelFingerprint.atCommit("HEAD", inputs: inputs, git: ["-C", root]) != second)
    #expect(ModelFingerprint.atCommit("nonsense", inputs: inputs, git: ["-C", root]) == nil)
  }
}
