import Experiments
import Foundation
import Testing

/// The dry run's estimate counts each shared solve once: a fleet run's
/// on-demand baseline per (baseline key, seed), a deadline job's optimum
/// per window, however many policies share it.
@Suite struct EstimateTests {
  @Test func fleetBaselinesAreSolvedOncePerSeed() throws {
    let spec = try RunnerFixtures.spec(in: RunnerFixtures.scratch())
    let plan = try SweepPlan(spec: spec, size: nil, catalog: RunnerFixtures.catalog)
    let e = try #require(SweepRunner.estimate(plan, runs: plan.runs, jobs: 1))
    // Policy, migration and reclaim rate leave the baseline alone: the 11
    // cells share one baseline per replicate.
    #expect(plan.runs.count == 33)
    #expect(e.sharedSolves == 3)
    #expect(e.sampled == 8)
    let expected = e.secondsPerRun * 33 + e.secondsPerSharedSolve * 3
    #expect(abs(e.seconds - expected) <= 1e-12 * max(1, expected))
  }

  @Test func deadlineOptimaAreSolvedOncePerWindow() throws {
    let text = """
      name: optima
      base:
        model: deadline-job
        accelerator: V100
        market: trace:\(Paths.fixtures)/aws
        trace_zone: us-test-1a
        work_hours: constant(0.1)
        restart_overhead_hours: 0.02
      grid:
        policy: [greedy, uniform-progress, optimal-offline]
        deadline_hours: [0.3, 0.35]
      """
    let spec = try RunnerFixtures.spec(text, in: RunnerFixtures.scratch())
    let plan = try SweepPlan(spec: spec, size: nil, catalog: RunnerFixtures.catalog)
    let e = try #require(SweepRunner.estimate(plan, runs: plan.runs, jobs: 1))
    #expect(plan.runs.count == 6)
    #expect(e.sharedSolves == 2)
  }
}
