@testable import Experiments
import Foundation
import Simulation
import Testing

/// Fleet cells of a replicate that differ only in parameters the
/// on-demand baseline ignores share one baseline run (`SweepPlan.simulate`).
@Suite struct BaselineCacheTests {
  static let fleetSpecs = ["headline", "five-axis", "checkpointing"]

  func plan(_ name: String) throws -> SweepPlan {
    let catalog = try AcceleratorCatalog.load(Paths.catalog)
    return try SweepPlan(
      spec: ExperimentSpec.load(Paths.experiment("paper/\(name).yaml"), catalog: catalog),
      size: nil,
      catalog: catalog)
  }

  @Test(arguments: fleetSpecs)
  func cachedAndRecomputedBaselinesAgreeBitForBitOnEveryPaperCell(_ name: String) throws {
    let plan = try plan(name)
    // Replicate 0 of every cell, in grid order: most take their baseline
    // from an earlier cell of the same key.
    let runs = plan.runs.filter { $0.replicate == 0 }
    var shared = 0
    var keys = Set<String>()
    for run in runs {
      guard case .fleet(var scenario) = plan.scenarios[run.cell.index]! else {
        Issue.record("\(name): not a fleet cell")
        continue
      }
      if !keys.insert(plan.baselineKeys[run.cell.index]!).inserted { shared += 1 }
      let cached = plan.simulate(run)
      scenario.seed = run.seed
      let recomputed = Simulation.baseline(of: scenario)
      #expect(
        cached.baselineCost.bitPattern == recomputed.totalCost.bitPattern,
        "\(name) \(run.cell.key)")
      #expect(cached == Simulation.run(scenario), "\(name) \(run.cell.key)")
    }
    // The cache is used: most cells share their baseline.
    #expect(shared > runs.count / 2, "\(name): \(shared) of \(runs.count) shared")
  }

  /// On every fleet cell of every paper spec, the baseline key from each
  /// parameter's `baselineReads` equals the key from the list the runner
  /// used to keep by hand.
  @Test func derivedBaselineKeysEqualTheHandKeptOnEveryPaperFleetCell() throws {
    let handKept = ParameterApplicabilityTests.handKeptBaselineIgnores.union(
      ParameterApplicabilityTests.ignoredSince)
    let catalog = try AcceleratorCatalog.load(Paths.catalog)
    let folder = Paths.experiment("paper")
    var checked = 0
    for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    where file.hasSuffix(".yaml") {
      let spec = try ExperimentSpec.load(folder + "/" + file, catalog: catalog)
      let plan = try SweepPlan(spec: spec, size: nil, catalog: catalog)
      for cell in plan.cells {
        guard let key = plan.baselineKeys[cell.index] else { continue }
        let config = try spec.config(for: cell)
        let old = SweepPlan.content(
          of: config, parameters: plan.parameters[cell.index]!.filter { !handKept.contains($0.key) })
        #expect(key == old, "\(file) \(cell.key)")
        checked += 1
      }
    }
    #expect(checked > 1000)
  }

  /// The sweep path of a proactive fleet on the fixture traces: its runs
  /// carry their forecasters' quality, as one run outside a sweep does,
  /// and share the reactive cell's baseline.
  @Test func proactiveFleetRunsAreScoredAndShareTheirBaselines() throws {
    let text = """
      name: proactive
      base:
        accelerator: V100
        market: "trace:\(Paths.fixtures)/aws"
        horizon_hours: 0.3
        tasks: 3
        work_hours: constant(0.1)
        memory_gib: 16
        train_until_hour: 0.1
        trace_start_hour: 0.11
      grid:
        proactive_threshold: ["null", 0.2]
        forecaster: [empirical-survival, noisy-oracle]
      replicates: 2
      seed: 3
      """
    let spec = try RunnerFixtures.spec(text, in: RunnerFixtures.scratch())
    let plan = try SweepPlan(spec: spec, size: nil, catalog: RunnerFixtures.catalog)
    #expect(Set(plan.baselineKeys.values).count == 1)
    for run in plan.runs {
      guard case .fleet(var scenario) = plan.scenarios[run.cell.index]! else {
        Issue.record("not a fleet cell")
        continue
      }
      let swept = plan.simulate(run)
      scenario.seed = run.seed
      #expect(
        swept == RunnableScenario.scored(Simulation.run(scenario), scenario), "\(run.cell.key)")
      #expect((swept.forecastBrier10 != nil) == (scenario.proactive != nil), "\(run.cell.key)")
    }
  }

  static func spec(policies: String) -> String {
    RunnerFixtures.specText.replacingOccurrences(
      of: #"policy: [greedy, "on-demand-fallback:1", uniform-progress]"#,
      with: "policy: \(policies)"
    )
  }

  func plan(policies: String) throws -> SweepPlan {
    let spec = try RunnerFixtures.spec(Self.spec(policies: policies), in: RunnerFixtures.scratch())
    return try SweepPlan(spec: spec, size: nil, catalog: RunnerFixtures.catalog)
  }

  func options(_ fingerprint: String?) -> SweepOptions {
    SweepOptions(jobs: 2, provenance: RunnerFixtures.provenance, modelFingerprint: fingerprint)
  }

  @Test func baselinesAreStoredAndReusedAcrossSweeps() throws {
    let store = try ResultsStore.inMemory()
    let greedy = try plan(policies: "[greedy]")
    _ = try SweepRunner(store: store).run(greedy, options: options("m1"))
    // Greedy's cells differ only in migration and reclaim rate: one
    // baseline per replicate (3), stored with the runs' own values.
    let ids = SweepRunner.baselineIdentities(of: greedy.runs, in: greedy, fingerprint: "m1")
    #expect(Set(ids.values).count == 3)
    let stored = try store.cachedBaselines(Array(ids.values))
    #expect(stored.count == 3)
    for run in greedy.runs {
      let metrics = greedy.simulate(run)
      #expect(stored[ids[greedy.baselineKey(of: run)!]!]!.totalCost == metrics.baselineCost)
    }
    // New policies: new runs, but their baselines come from the store, and
    // the sweep equals one computed from scratch bit for bit.
    let others = try plan(policies: #"["on-demand-fallback:1", uniform-progress]"#)
    let cached = try SweepRunner(store: store).run(others, options: options("m1"))
    // (The spec's `include:` greedy cell is the one thing reused as a run.)
    #expect(cached.ran == others.runs.count - 3 && cached.reused == 3)
    let fresh = try ResultsStore.inMemory()
    let computed = try SweepRunner(store: fresh).run(
      try plan(policies: #"["on-demand-fallback:1", uniform-progress]"#), options: options(nil))
    #expect(
      try store.export(sweep: cached.sweepID).dropping(ExportTable.timingColumns)
        == fresh.export(sweep: computed.sweepID).dropping(ExportTable.timingColumns))
  }

  @Test func aStoredBaselineIsReadNotRecomputed() throws {
    // A planted value proves the runs read the store: a recomputed
    // baseline could not equal it.
    let store = try ResultsStore.inMemory()
    let greedy = try plan(policies: "[greedy]")
    let ids = SweepRunner.baselineIdentities(of: greedy.runs, in: greedy, fingerprint: "m1")
    let first = greedy.runs[0]
    let planted = ids[greedy.baselineKey(of: first)!]!
    try store.saveBaselines([
      planted: Simulation.BaselineOutcome(totalCost: 1234.5, completedWorkHours: 1)
    ])
    let outcome = try SweepRunner(store: store).run(greedy, options: options("m1"))
    let table = try store.export(sweep: outcome.sweepID)
    let column = Dictionary(uniqueKeysWithValues: table.columns.enumerated().map { ($1, $0) })
    let replicateZero = table.rows.filter { $0[column["replicate"]!] == "0" }
    #expect(!replicateZero.isEmpty)
    #expect(replicateZero.allSatisfy { $0[column["baseline_cost"]!] == "1234.5" })
    // Without the cache, the planted value is ignored.
    let again = try SweepRunner(store: store).run(
      try plan(policies: "[greedy]"),
      options: SweepOptions(
        jobs: 2, provenance: RunnerFixtures.provenance, modelFingerprint: "m1", useCache: false))
    let recomputed = try store.export(sweep: again.sweepID)
    #expect(recomputed.rows.allSatisfy { $0[column["baseline_cost"]!] != "1234.5" })
  }
}
