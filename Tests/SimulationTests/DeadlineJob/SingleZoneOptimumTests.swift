import Simulation
import Testing

/// Replays a fixed schedule (one mode per tick on the window's one zone),
/// unguarded.
struct Replay: DeadlinePolicy {
  let modes: [DeadlineMode]
  var name: String { "replay" }
  var guarded: Bool { false }
  func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    switch modes[v.tick] {
    case .idle: return nil
    case .spot: return .spot(zone: 0)
    case .onDemand: return .onDemand(region: 0)
    }
  }
}

/// One tick of the single-zone rules, written out for the oracle below:
/// a start (a mode other than the last) pays the restart overhead.
func step(
  mode: DeadlineMode, previous: DeadlineMode, overheadLeft: inout Double, tick: Double,
  restartOverhead: Double
) -> (progress: Double, restarted: Bool) {
  guard mode != .idle else {
    overheadLeft = 0
    return (0, false)
  }
  var restarted = false
  if mode != previous {
    overheadLeft = restartOverhead
    restarted = true
  }
  let overhead = Swift.min(overheadLeft, tick)
  overheadLeft -= overhead
  return (tick - overhead, restarted)
}

@Suite struct SingleZoneOptimumTests {
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
      let o = DeadlineSimulator.run(Replay(modes: modes), job: job, window: w)
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
      best, cheapest.map { DeadlineSimulator.run(Replay(modes: $0), job: job, window: w) }
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
      let optimum = SingleZoneOptimum.solve(job: job, window: w)
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

  /// The optimum by the plainest exact search: every mode in every tick,
  /// stepped by the simulator's own rule, one Pareto frontier of (work,
  /// cost) per (mode, ticks on the instance); no canonical schedules, no
  /// cross-state dominance, no bounds.
  func referenceOptimum(_ job: DeadlineJob, _ w: TraceWindow) -> Double? {
    struct State: Hashable {
      var mode: DeadlineMode
      var ran: Int  // ticks on the instance, capped once the overhead is off
    }
    let dt = w.tick
    let d = job.restartOverhead
    let cap = Int((d / dt).rounded(.up)) + 1
    let ticks = Swift.min(w.available.count, Int((job.deadline / dt - 1e-9).rounded(.up)))
    var frontier: [State: [(work: Double, cost: Double)]] = [State(mode: .idle, ran: 0): [(0, 0)]]
    var best = Double.infinity
    for k in 0..<ticks {
      let time = Double(k) * dt
      var next: [State: [(work: Double, cost: Double)]] = [:]
      for (state, points) in frontier {
        var previous = state.mode
        var ran = state.ran
        if previous == .spot && !w.available[k] { (previous, ran) = (.idle, 0) }
        for action in DeadlineMode.allCases where action != .spot || w.available[k] {
          var overheadLeft = previous == .idle ? 0 : Swift.max(0, d - Double(ran) * dt)
          let (progress, _) = step(
            mode: action, previous: previous, overheadLeft: &overheadLeft, tick: dt,
            restartOverhead: d)
          let price = action == .spot ? w.price[k] : action == .onDemand ? job.onDemandPrice : 0
          let after =
            action == .idle
            ? State(mode: .idle, ran: 0)
            : State(mode: action, ran: Swift.min(action == previous ? ran + 1 : 1, cap))
          for point in points {
            let cost = point.cost + price * dt
            if point.work + progress >= job.work - 1e-9 {
              let finish = time + (dt - progress) + (job.work - point.work)
              if finish <= job.deadline + 1e-9 { best = Swift.min(best, cost) }
            } else {
              next[after, default: []].append((point.work + progress, cost))
            }
          }
        }
      }
      frontier = next.mapValues { points in
        var kept: [(work: Double, cost: Double)] = []
        for p in points.sorted(by: {
          $0.work > $1.work || ($0.work == $1.work && $0.cost < $1.cost)
        })
        where p.cost < (kept.last?.cost ?? .infinity) {
          kept.append(p)
        }
        return kept
      }
    }
    return best.isFinite ? best : nil
  }

  /// Windows of 40 ticks, long availability runs and gaps, spot prices on
  /// both sides of on-demand's (so the rules that hold only where spot is
  /// cheaper are tested where they do not apply too).
  /// Half-hour ticks where a cheapest schedule fills the spot left exactly:
  /// the work left then exceeds the spot capacity by rounding alone (7e-16
  /// h), which once cut the optimum as infeasible (up to 2.9 % dearer).
  @Test func matchesAPlainSearchWhenTheWorkExactlyFillsTheSpotLeft() {
    for seed in UInt64(1)...120 {
      var g = Xoshiro256StarStar(seed: seed)
      let available = (0..<40).map { _ in g.nextUnit() < 0.6 }
      let price = (0..<40).map { _ in g.nextUniform(0.3, 1.5) }
      let w = TraceWindow(tick: 0.5, available: available, price: price)
      let job = DeadlineJob(
        work: 8 + Double(seed % 5), deadline: 16, restartOverhead: 0.2 + 0.05 * Double(seed % 4),
        onDemandPrice: 2.5)
      let reference = referenceOptimum(job, w)
      let optimum = SingleZoneOptimum.solve(job: job, window: w)
      #expect(abs((reference ?? -1) - (optimum?.cost ?? -1)) < 1e-9, "seed \(seed)")
    }
  }

  @Test func matchesAPlainSearchOnLongerWindows() {
    var rng = Xoshiro256StarStar(seed: 34)
    var compared = 0
    var withOnDemand = 0
    for _ in 0..<150 {
      let job = DeadlineJob(
        work: rng.nextUniform(1.5, 3.2), deadline: 4, restartOverhead: rng.nextUniform(0.05, 0.35),
        onDemandPrice: 3)
      var up = rng.nextUnit() < 0.5
      let available: [Bool] = (0..<40).map { _ in
        if rng.nextUnit() < 0.2 { up.toggle() }
        return up
      }
      let w = TraceWindow(
        tick: 0.1, available: available, price: (0..<40).map { _ in rng.nextUniform(0.5, 3.6) })
      let reference = referenceOptimum(job, w)
      let optimum = SingleZoneOptimum.solve(job: job, window: w)
      #expect((reference == nil) == (optimum == nil))
      guard let reference, let optimum else { continue }
      #expect(abs(reference - optimum.cost) < 1e-9, "reference \(reference), dp \(optimum.cost)")
      compared += 1
      if optimum.onDemandHours > 0 { withOnDemand += 1 }
    }
    #expect(compared > 100)
    #expect(withOnDemand > 50)
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
      let optimum = try #require(SingleZoneOptimum.solve(job: job, window: w))
      for policy in DeadlinePolicies.all {
        let o = DeadlineSimulator.run(policy, job: job, window: w)
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
    let greedy = DeadlineSimulator.run(Greedy(), job: job, window: w)
    #expect(try #require(SingleZoneOptimum.solve(job: job, window: w)) == greedy)
  }
}
