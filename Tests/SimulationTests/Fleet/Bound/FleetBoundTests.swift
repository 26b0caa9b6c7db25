import Simulation
import SynktiTestSupport
import Testing

/// The fleet lower bound: hand-solved programs, a brute-force oracle over
/// whole-slot schedules, and the bound under every run of realised paths.
@Suite struct FleetBoundTests {
  /// Spot at 1, 3 and 2 $/h with no capacity in the third hour, on-demand
  /// at 5 $/h: two hours of work cost 1 + 3 = 4 (spot in hours 0 and 1).
  @Test func handSolvedSingleTask() {
    let bound = FleetBound(
      slotLengths: [1, 1, 1],
      pools: [
        .init(price: [1, 3, 2], availableHours: [1, 1, 0], speed: 1),
        .init(price: [5, 5, 5], availableHours: [1, 1, 1], speed: 1),
      ],
      classes: [.init(count: 1, work: 2, slots: 0..<3, pools: [0, 1])])
    #expect(bound.solve().cost.map { abs($0 - 4) < 1e-9 } == true)
  }

  /// A faster type does the same work in fewer paid hours: 3 h of work at
  /// speed 1.5 takes 2 GPU-hours at 2 $/h = 4, cheaper than 3 h at 1.5.
  @Test func speedDividesThePaidHours() {
    let bound = FleetBound(
      slotLengths: [1, 1, 1],
      pools: [
        .init(price: [1.5, 1.5, 1.5], availableHours: [1, 1, 1], speed: 1),
        .init(price: [2, 2, 2], availableHours: [1, 1, 1], speed: 1.5),
      ],
      classes: [.init(count: 1, work: 3, slots: 0..<3, pools: [0, 1])])
    #expect(bound.solve().cost.map { abs($0 - 4) < 1e-9 } == true)
  }

  /// Two tasks, one spot GPU: the second pays on-demand.
  @Test func poolLimitsBindAcrossTasks() {
    let bound = FleetBound(
      slotLengths: [1],
      pools: [
        .init(price: [1], availableHours: [1], speed: 1, gpuLimit: 1),
        .init(price: [4], availableHours: [1], speed: 1),
      ],
      classes: [.init(count: 2, work: 1, slots: 0..<1, pools: [0, 1])])
    #expect(bound.solve().cost.map { abs($0 - 5) < 1e-9 } == true)
  }

  /// Work that cannot fit its slots has no bound.
  @Test func infeasibleWorkHasNoBound() {
    let bound = FleetBound(
      slotLengths: [1, 1],
      pools: [.init(price: [1, 1], availableHours: [1, 1], speed: 1)],
      classes: [.init(count: 1, work: 3, slots: 0..<2, pools: [0])])
    #expect(bound.solve().cost == nil)
  }

  /// The least cost of whole-slot schedules, by exhaustive search: each
  /// task in each of its slots idles or runs in one pool it fits.
  static func bruteForce(_ b: FleetBound, tasks: [(work: Int, slots: Range<Int>)]) -> Double? {
    var best: Double?
    var used = [[Int]](
      repeating: [Int](repeating: 0, count: b.slotLengths.count), count: b.pools.count)
    func go(_ i: Int, _ t: Int, _ done: Double, _ cost: Double) {
      if i == tasks.count {
        best = Swift.min(best ?? .infinity, cost)
        return
      }
      if t == b.slotLengths.count {
        if done >= Double(tasks[i].work) - 1e-9 { go(i + 1, 0, 0, cost) }
        return
      }
      go(i, t + 1, done, cost)
      guard tasks[i].slots.contains(t) else { return }
      for q in b.pools.indices where b.pools[q].availableHours[t] >= 1 {
        if let limit = b.pools[q].gpuLimit, used[q][t] >= limit { continue }
        used[q][t] += 1
        go(i, t + 1, done + b.pools[q].speed, cost + b.pools[q].price[t])
        used[q][t] -= 1
      }
    }
    go(0, 0, 0, 0)
    return best
  }

  /// On whole-slot instances (integral work, whole hours of capacity, no
  /// overheads) the program's constraint matrix is totally unimodular, so
  /// the bound is the offline optimum: it equals the exhaustive search.
  @Test(arguments: 0..<40) func equalsTheBruteForceOptimumWithoutOverheads(seed: UInt64) {
    var g = Xoshiro256StarStar(seed: seed)
    let slots = 4
    func price() -> [Double] { (0..<slots).map { _ in Double(Int.random(in: 1...6, using: &g)) } }
    func up() -> [Double] {
      (0..<slots).map { _ in Double.random(in: 0..<1, using: &g) < 0.7 ? 1 : 0 }
    }
    // Unlimited pools and an on-demand price among the spot prices, so
    // that dominated pools are dropped from some slots.
    let onDemand = Double(Int.random(in: 3...7, using: &g))
    let pools: [FleetBound.Pool] = [
      .init(price: price(), availableHours: up(), speed: 1, gpuLimit: 1),
      .init(
        price: price(), availableHours: up(), speed: 1,
        gpuLimit: [nil, 1, 2].randomElement(using: &g)!),
      .init(
        price: Array(repeating: onDemand, count: slots), availableHours: [1, 1, 1, 1], speed: 1),
    ]
    let tasks: [(work: Int, slots: Range<Int>)] = (0..<3).map { _ in
      let a = Int.random(in: 0..<3, using: &g)
      let e = Int.random(in: (a + 1)...slots, using: &g)
      return (Int.random(in: 1...(e - a), using: &g), a..<e)
    }
    let bound = FleetBound(
      slotLengths: Array(repeating: 1, count: slots), pools: pools,
      classes: tasks.map {
        .init(count: 1, work: Double($0.work), slots: $0.slots, pools: [0, 1, 2])
      })
    let lp = bound.solve().cost
    let oracle = Self.bruteForce(bound, tasks: tasks)
    #expect(lp != nil && oracle != nil)
    if let lp, let oracle {
      #expect(abs(lp - oracle) < 1e-6, "seed \(seed): LP \(lp), search \(oracle)")
    }
  }

  /// A task alone on always-available spot, with no boot, no reclaims and no
  /// idle tail, pays exactly its work at the spot price: the bound is the
  /// run's cost. It finishes in the horizon's last, shorter slot, which
  /// the bound must cover.
  @Test func boundIsTheCostWhenNothingIsLost() {
    let s = Scenario(
      horizon: 5.5, fleet: [TestScenarios.gpu(spot: 0.3, hazard: 0, boot: 0)],
      market: ScriptedMarket(price: StepFunction(constant: 0.3), hazard: StepFunction(constant: 0)),
      workload: TestScenarios.workload(tasks: 1, work: .constant(5.25), arrivals: .batch),
      idleTimeout: 0, policy: GreedyPolicy())
    var sim = Simulator(s)
    let m = sim.run()
    let bound = sim.lowerBound()
    #expect(m.completed == 1)
    #expect(abs(m.totalCost - 1.575) < 1e-9)
    #expect(bound.slotLengths == [1, 1, 1, 1, 1, 0.5])
    #expect(bound.solve().cost.map { abs($0 - 1.575) < 1e-9 } == true)
  }

  /// Only what capacity allows: spot has capacity for half of each hour
  /// (ticks of 0.5 h, every other one) and costs 0.2 $/h, on-demand 1 $/h:
  /// 3 h of work in 4 h take the 2 spot hours (0.4) and 1 on-demand hour.
  @Test func spotRunsOnlyWhileItHasCapacity() {
    let availability = AvailabilitySeries(tick: 0.5, available: (0..<8).map { $0 % 2 == 0 })
    let s = Scenario(
      horizon: 4, fleet: [TestScenarios.gpu(onDemand: 1, spot: 0.2, hazard: 0, boot: 0)],
      market: ScriptedMarket(
        price: StepFunction(constant: 0.2), hazard: nil, availability: availability),
      workload: TestScenarios.workload(tasks: 1, work: .constant(3), arrivals: .batch),
      idleTimeout: 0, policy: OnDemandOnlyPolicy())
    var sim = Simulator(s)
    let m = sim.run()
    #expect(m.completed == 1)
    #expect(sim.lowerBound().solve().cost.map { abs($0 - 1.4) < 1e-9 } == true)
  }

  /// A deadline that can be met binds: spot (0.2 $/h) has capacity only
  /// from hour 3, on-demand costs 1 $/h; a task of 2 h arriving at 0 with
  /// deadline slack 1.5 is due at 3, so only on-demand can do it in time:
  /// the bound is 2.0 (0.4 without the deadline, on spot in [3, 5)). A run
  /// that waits for spot finishes late and is charged the task's work at
  /// on-demand, 2.0, on top of what it paid.
  @Test func aDeadlineThatCanBeMetBinds() {
    let availability = AvailabilitySeries(tick: 0.5, available: (0..<12).map { $0 >= 6 })
    func scenario(slack: Double?) -> Scenario {
      Scenario(
        horizon: 6, fleet: [TestScenarios.gpu(onDemand: 1, spot: 0.2, hazard: 0, boot: 0)],
        market: ScriptedMarket(
          price: StepFunction(constant: 0.2), hazard: nil, availability: availability),
        workload: TestScenarios.workload(
          tasks: 1, work: .constant(2), arrivals: .batch, deadlineSlack: slack),
        idleTimeout: 0, policy: GreedyPolicy())
    }
    var late = Simulator(scenario(slack: 1.5))
    let m = late.run()
    #expect(m.completed == 1 && m.deadlineMisses == 1)
    let bound = late.lowerBound().solve().cost
    #expect(bound.map { abs($0 - 2) < 1e-9 } == true, "\(String(describing: bound))")
    #expect(abs(late.shortfallOnDemandCost() - 2) < 1e-9)
    var free = Simulator(scenario(slack: nil))
    _ = free.run()
    #expect(free.lowerBound().solve().cost.map { abs($0 - 0.4) < 1e-9 } == true)
    #expect(free.shortfallOnDemandCost() == 0)
  }

  /// Against the exact offline optimum of one deadline job on one zone
  /// (`SingleZoneOptimum`, itself checked against exhaustive search): the
  /// bound is never above it; with no restart overhead it falls short only
  /// by what the exact model bills of its last, whole tick.
  @Test(arguments: 0..<30) func neverAboveTheExactOptimumOfADeadlineJob(seed: UInt64) {
    var g = Xoshiro256StarStar(seed: seed &+ 7)
    let ticks = 24
    let window = TraceWindow(
      tick: 1, available: (0..<ticks).map { _ in Double.random(in: 0..<1, using: &g) < 0.6 },
      price: (0..<ticks).map { _ in Double(Int.random(in: 1...4, using: &g)) / 10 })
    for overhead in [0.0, 0.5] {
      let job = DeadlineJob(
        work: 7.5, deadline: 18, restartOverhead: overhead, onDemandPrice: 1)
      guard let exact = SingleZoneOptimum.solve(job: job, window: window)?.cost,
        let bound = FleetBound(job: job, window: window).solve().cost
      else {
        Issue.record("seed \(seed): no solution")
        continue
      }
      #expect(bound <= exact + 1e-9, "seed \(seed), d \(overhead): \(bound) > \(exact)")
      if overhead == 0 {
        #expect(exact - bound <= 0.5 * 1 + 1e-9, "seed \(seed): \(exact) vs \(bound)")
      }
    }
  }
}
