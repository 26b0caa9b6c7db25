import Simulation
import Testing

@Suite struct PolicyTests {
  func task(progress: Double, preemptions: Int = 0, deadline: Double? = 20, on: Capacity? = nil)
    -> TaskSnapshot
  {
    TaskSnapshot(
      spec: TaskSpec(id: 0, arrival: 0, work: 10, memoryGiB: 1, deadline: deadline),
      progress: progress, preemptions: preemptions, capacity: on)
  }

  func context(now: Double, spot: Bool = true, next: Double? = nil, overhead: Double = 0.5)
    -> PolicyContext
  {
    PolicyContext(
      now: now, spotAvailable: spot, nextSpotAvailable: next, onDemandSpeed: 1,
      restartOverhead: overhead)
  }

  @Test func greedyWaitsForSpotAndFallsBackOnlyWhenItNeverReturns() {
    let p = GreedyPolicy()
    #expect(p.place(task(progress: 0), context: context(now: 1)) == .spot)
    #expect(
      p.place(task(progress: 0), context: context(now: 1, spot: false, next: 3)) == .wait(until: 3))
    #expect(p.place(task(progress: 0), context: context(now: 1, spot: false)) == .onDemand)
  }

  @Test func fallbackSwitchesAfterKPreemptions() {
    let p = OnDemandFallbackPolicy(maxPreemptions: 2)
    #expect(p.place(task(progress: 0, preemptions: 1), context: context(now: 1)) == .spot)
    #expect(p.place(task(progress: 0, preemptions: 2), context: context(now: 1)) == .onDemand)
  }

  @Test func uniformProgressGoesOnDemandWhenSlackCannotCoverARestart() {
    let p = UniformProgressPolicy()
    // Deadline 20, 10 h left at speed 1, overhead 0.5: slack = 20 − 9.2 − 10 − 0.5 = 0.3 < 0.5.
    #expect(p.place(task(progress: 0), context: context(now: 9.2)) == .onDemand)
    // Plenty of slack: spot.
    #expect(p.place(task(progress: 0), context: context(now: 1)) == .spot)
  }

  @Test func uniformProgressWithoutSpotFollowsTheLine() {
    let p = UniformProgressPolicy()
    // At t = 4 the line is 10 × 4/20 = 2 h of work.
    #expect(p.place(task(progress: 1), context: context(now: 4, spot: false, next: 6)) == .onDemand)
    #expect(
      p.place(task(progress: 3), context: context(now: 4, spot: false, next: 6)) == .wait(until: 6))
  }

  @Test func uniformProgressReturnsToSpotWhenWellAhead() {
    let p = UniformProgressPolicy()
    // (t + 2d)·c₀/D = (4 + 1) × 10/20 = 2.5 < 3 → back to spot.
    #expect(
      p.review(task(progress: 3, on: .onDemand), context: context(now: 4)) == .move(to: .spot))
    #expect(p.review(task(progress: 2, on: .onDemand), context: context(now: 4)) == .keep)
    #expect(p.review(task(progress: 3, on: .spot), context: context(now: 4)) == .keep)
  }

  @Test func registryBuildsPoliciesByNameAndRejectsUnknownOnes() throws {
    let registry = PolicyRegistry.standard
    #expect(try registry.make("greedy").name == "greedy")
    let fallback = try registry.make("on-demand-fallback:3") as? OnDemandFallbackPolicy
    #expect(fallback?.maxPreemptions == 3)
    #expect(throws: SimulationError.self) { try registry.make("nope") }
    #expect(throws: SimulationError.self) { try registry.make("on-demand-fallback:k=1.5") }
  }

  @Test func customPoliciesRegisterByName() throws {
    struct SpotAfterNoon: SchedulingPolicy {
      var name: String { "spot-after-noon" }
      func place(_ task: TaskSnapshot, context: PolicyContext) -> PlacementDecision {
        context.now >= 12 ? .spot : .onDemand
      }
    }
    var registry = PolicyRegistry.standard
    registry.register("spot-after-noon") { _ in SpotAfterNoon() }
    #expect(registry.names.contains("spot-after-noon"))
    #expect(try registry.make("spot-after-noon").name == "spot-after-noon")
  }
}
