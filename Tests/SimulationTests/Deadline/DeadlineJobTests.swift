import Simulation
import Testing

@Suite struct DeadlineJobTests {
  // Ticks of 0.1 h; 4.8 h of work + 0.2 h overhead = exactly 50 ticks.
  let job = DeadlineJob(work: 4.8, deadline: 7, restartOverhead: 0.2, onDemandPrice: 3)

  func window(_ available: [Bool], price: Double = 1) -> TraceWindow {
    TraceWindow(
      tick: 0.1, available: available, price: Array(repeating: price, count: available.count))
  }

  @Test func anAlwaysAvailableTraceCostsSpotPriceTimesWorkPlusOverhead() throws {
    let w = window(Array(repeating: true, count: 80), price: 0.9)
    for policy in DeadlinePolicies.all where policy.name != "on-demand-only" {
      let o = DeadlineJobSimulator.run(policy, job: job, window: w)
      #expect(abs(o.cost - 0.9 * 5.0) < 1e-9, "\(policy.name)")
      #expect(!o.missed && o.restarts == 1)
    }
    let optimum = try #require(OfflineOptimum.solve(job: job, window: w))
    #expect(abs(optimum.cost - 0.9 * 5.0) < 1e-9)
  }

  @Test func aNeverAvailableTraceCostsOnDemandTimesWorkPlusOverhead() {
    let w = window(Array(repeating: false, count: 80))
    for policy in [DeadlineGreedy() as any DeadlinePolicy, DeadlineUniformProgress()] {
      let o = DeadlineJobSimulator.run(policy, job: job, window: w)
      #expect(abs(o.cost - 3 * 5.0) < 1e-9, "\(policy.name)")
      #expect(!o.missed && o.spotHours == 0)
    }
    #expect(DeadlineJobSimulator.run(DeadlineSpotOnly(), job: job, window: w).missed)
  }

  @Test func progressStartsAfterTheOverheadAndUnworkedOverheadIsLost() {
    // d = 0.25 h: two spot ticks (0.2 h of overhead worked off), a
    // preemption (the other 0.05 h is lost, and no progress was made), then
    // a fresh start pays 0.25 h again before 0.25 h of work: done at 0.8 h.
    let short = DeadlineJob(work: 0.25, deadline: 5, restartOverhead: 0.25, onDemandPrice: 3)
    let w = window([true, true, false] + Array(repeating: true, count: 20))
    let o = DeadlineJobSimulator.run(DeadlineSpotOnly(), job: short, window: w)
    #expect(o.preemptions == 1 && o.restarts == 2)
    #expect(abs(o.finishedAt! - 0.8) < 1e-9)
    #expect(abs(o.spotHours - 0.7) < 1e-9)  // ticks 0, 1 and 3–7, billed whole
  }

  @Test func guardedPoliciesNeverMissTheDeadline() {
    var rng = Xoshiro256StarStar(seed: 5)
    for _ in 0..<200 {
      var up = rng.nextUnit() < 0.5
      let available: [Bool] = (0..<80).map { _ in
        if rng.nextUnit() < 0.15 { up.toggle() }
        return up
      }
      let w = window(available, price: rng.nextUniform(0.3, 1.2))
      for policy in DeadlinePolicies.all where policy.guarded {
        #expect(!DeadlineJobSimulator.run(policy, job: job, window: w).missed, "\(policy.name)")
      }
    }
  }

  @Test func upFollowsThePapersRules() {
    let p = DeadlineUniformProgress()
    let j = DeadlineJob(work: 48, deadline: 52, restartOverhead: 0.2, onDemandPrice: 3)
    func s(_ t: Double, _ done: Double, _ mode: DeadlineMode, _ spot: Bool) -> DeadlineState {
      DeadlineState(tick: 0, time: t, done: done, mode: mode, overheadLeft: 0, spotAvailable: spot)
    }
    // Line at t = 10: 48 × 10 / 52 = 9.23 h.
    #expect(p.decide(s(10, 9, .idle, false), job: j, tick: 0.05) == .onDemand)
    #expect(p.decide(s(10, 9.5, .idle, false), job: j, tick: 0.05) == .idle)
    #expect(p.decide(s(10, 9, .idle, true), job: j, tick: 0.05) == .spot)
    // On on-demand: back to spot only when (t + 2d)·c₀/D = 9.6 < done.
    #expect(p.decide(s(10, 9.5, .onDemand, true), job: j, tick: 0.05) == .onDemand)
    #expect(p.decide(s(10, 9.7, .onDemand, true), job: j, tick: 0.05) == .spot)
  }
}

@Suite struct TraceWindowTests {
  @Test func randomStartWindowsFitAndAreSeeded() {
    let a = TraceWindow.randomStarts(
      count: 98, hours: 70, traceTicks: 20_158, tick: 195.0 / 3600, seed: 1)
    #expect(a.count == 98 && a == a.sorted())
    #expect(
      a
        == TraceWindow.randomStarts(
          count: 98, hours: 70, traceTicks: 20_158, tick: 195.0 / 3600, seed: 1))
    #expect(a.allSatisfy { $0 + 70 <= 20_158 * 195.0 / 3600 })
    #expect(Set(a).count == 98)
  }
}
