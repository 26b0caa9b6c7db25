import Experiments
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
}
