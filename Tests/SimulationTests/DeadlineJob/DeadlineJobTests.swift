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
      let o = DeadlineSimulator.run(policy, job: job, window: w)
      #expect(abs(o.cost - 0.9 * 5.0) < 1e-9, "\(policy.name)")
      #expect(!o.missed && o.restarts == 1)
    }
    let optimum = try #require(SingleZoneOptimum.solve(job: job, window: w))
    #expect(abs(optimum.cost - 0.9 * 5.0) < 1e-9)
  }

  @Test func aNeverAvailableTraceCostsOnDemandTimesWorkPlusOverhead() {
    let w = window(Array(repeating: false, count: 80))
    for policy in [Greedy() as any DeadlinePolicy, UniformProgress(.firstZone)] {
      let o = DeadlineSimulator.run(policy, job: job, window: w)
      #expect(abs(o.cost - 3 * 5.0) < 1e-9, "\(policy.name)")
      #expect(!o.missed && o.spotHours == 0)
    }
    #expect(DeadlineSimulator.run(SpotOnly(), job: job, window: w).missed)
  }

  @Test func progressStartsAfterTheOverheadAndUnworkedOverheadIsLost() {
    // d = 0.25 h: two spot ticks (0.2 h of overhead worked off), a
    // preemption (the other 0.05 h is lost, and no progress was made), then
    // a fresh start pays 0.25 h again before 0.25 h of work: done at 0.8 h.
    let short = DeadlineJob(work: 0.25, deadline: 5, restartOverhead: 0.25, onDemandPrice: 3)
    let w = window([true, true, false] + Array(repeating: true, count: 20))
    let o = DeadlineSimulator.run(SpotOnly(), job: short, window: w)
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
        #expect(!DeadlineSimulator.run(policy, job: job, window: w).missed, "\(policy.name)")
      }
    }
  }

  @Test func upFollowsThePapersRules() {
    let p = UniformProgress(.firstZone)
    let j = DeadlineJob(work: 48, deadline: 52, restartOverhead: 0.2, onDemandPrice: 3)
    /// What Uniform Progress decides at t hours (tick 0.05 h) with `done`
    /// hours done, on `place` the tick before, with or without spot now.
    func decide(_ t: Double, _ done: Double, _ place: Place?, _ spot: Bool) -> Place? {
      let k = Int((t / 0.05).rounded())
      let slice = TraceWindow(
        tick: 0.05, available: Array(repeating: spot, count: k + 1),
        price: Array(repeating: 1, count: k + 1))
      let w = DeadlineWindow.oneZone(slice, onDemandPrice: 3)
      return p.decide(
        DeadlineView(window: w, tick: k, done: done, place: place, home: place, overheadLeft: 0),
        job: j)
    }
    // Line at t = 10: 48 × 10 / 52 = 9.23 h.
    #expect(decide(10, 9, nil, false) == .onDemand(region: 0))
    #expect(decide(10, 9.5, nil, false) == nil)
    #expect(decide(10, 9, nil, true) == .spot(zone: 0))
    // On on-demand: back to spot only when (t + 2d)·c₀/D = 9.6 < done.
    #expect(decide(10, 9.5, .onDemand(region: 0), true) == .onDemand(region: 0))
    #expect(decide(10, 9.7, .onDemand(region: 0), true) == .spot(zone: 0))
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
