import Simulation
import Testing

/// Replays a fixed schedule (one mode per tick), unguarded.
struct Replay: DeadlinePolicy {
  let modes: [DeadlineMode]
  var name: String { "replay" }
  var guarded: Bool { false }
  func decide(_ state: DeadlineState, job: DeadlineJob, tick: Double) -> DeadlineMode {
    modes[state.tick]
  }
}

@Suite struct OfflineOptimumTests {
  /// Every schedule of the window's ticks, simulated: the cheapest cost that
  /// meets the deadline, and the outcomes of every schedule at that cost.
  func bruteForce(_ job: DeadlineJob, _ w: TraceWindow) -> (
    cost: Double, outcomes: [DeadlineOutcome]
  )? {
    let n = w.available.count
    var total = 1
    for _ in 0..<n { total *= 3 }
    var cheapest: [[DeadlineMode]] = []
    var best = Double.infinity
    for code in 0..<total {
      var c = code
      let modes = (0..<n).map { _ -> DeadlineMode in
        defer { c /= 3 }
        return DeadlineMode(rawValue: c % 3)!
      }
      // Spot only while available (the simulator would idle instead).
      if zip(modes, w.available).contains(where: { $0 == .spot && !$1 }) { continue }
      let o = DeadlineJobSimulator.run(Replay(modes: modes), job: job, window: w)
      if o.missed { continue }
      if o.cost < best - 1e-9 {
        best = o.cost
        cheapest = [modes]
      } else if abs(o.cost - best) <= 1e-9 {
        cheapest.append(modes)
      }
    }
    guard best.isFinite else { return nil }
    return (
      best, cheapest.map { DeadlineJobSimulator.run(Replay(modes: $0), job: job, window: w) }
    )
  }

  /// Random small windows; overheads up to 3.5 ticks, so up to four
  /// overhead phases.
  @Test func matchesExhaustiveSearchOnSmallWindows() {
    var rng = Xoshiro256StarStar(seed: 21)
    var compared = 0
    var countsCompared = 0
    for _ in 0..<60 {
      let ticks = 9
      let job = DeadlineJob(
        work: rng.nextUniform(0.2, 0.45), deadline: 0.9, restartOverhead: rng.nextUniform(0, 0.35),
        onDemandPrice: 3)
      let w = TraceWindow(
        tick: 0.1, available: (0..<ticks).map { _ in rng.nextUnit() < 0.6 },
        price: (0..<ticks).map { _ in rng.nextUniform(0.5, 2.5) })
      let oracle = bruteForce(job, w)
      let optimum = OfflineOptimum.solve(job: job, window: w)
      #expect((oracle == nil) == (optimum == nil))
      guard let oracle, let optimum else { continue }
      #expect(abs(oracle.cost - optimum.cost) < 1e-9, "oracle \(oracle.cost), dp \(optimum.cost)")
      compared += 1
      // The counts along the optimum are those of a cheapest schedule.
      #expect(
        oracle.outcomes.contains {
          $0.restarts == optimum.restarts && $0.preemptions == optimum.preemptions
            && abs($0.spotHours - optimum.spotHours) < 1e-9
            && abs($0.onDemandHours - optimum.onDemandHours) < 1e-9
            && abs($0.spotCost - optimum.spotCost) < 1e-9
        })
      if optimum.restarts > 1 || optimum.preemptions > 0 { countsCompared += 1 }
    }
    #expect(compared > 30)
    #expect(countsCompared > 5)
  }

  @Test func neverCostsMoreThanAnyPolicyThatMeetsTheDeadline() throws {
    var rng = Xoshiro256StarStar(seed: 8)
    for _ in 0..<100 {
      let job = DeadlineJob(
        work: 4, deadline: rng.nextUnit() < 0.5 ? 4.6 : 6, restartOverhead: 0.2, onDemandPrice: 3)
      var up = true
      let available: [Bool] = (0..<70).map { _ in
        if rng.nextUnit() < 0.1 { up.toggle() }
        return up
      }
      let w = TraceWindow(
        tick: 0.1, available: available, price: (0..<70).map { _ in rng.nextUniform(0.6, 1.4) })
      let optimum = try #require(OfflineOptimum.solve(job: job, window: w))
      for policy in DeadlinePolicies.all {
        let o = DeadlineJobSimulator.run(policy, job: job, window: w)
        if !o.missed { #expect(optimum.cost <= o.cost + 1e-9, "\(policy.name)") }
      }
    }
  }

  @Test func aPolicyThatIsOptimalIsReturnedAsIs() throws {
    // Always available at one price: Greedy runs spot from the start, which
    // no schedule beats, so the optimum is Greedy's own run, bit for bit.
    let job = DeadlineJob(work: 1, deadline: 2, restartOverhead: 0.2, onDemandPrice: 3)
    let w = TraceWindow(
      tick: 0.1, available: Array(repeating: true, count: 20), price: Array(repeating: 1, count: 20)
    )
    let greedy = DeadlineJobSimulator.run(DeadlineGreedy(), job: job, window: w)
    #expect(try #require(OfflineOptimum.solve(job: job, window: w)) == greedy)
  }
}
