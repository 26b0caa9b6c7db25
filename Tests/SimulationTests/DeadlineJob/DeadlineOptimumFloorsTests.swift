import Testing

@testable import Simulation

@Suite struct DeadlineOptimumFloorsTests {
  /// Two zones, five ticks of half an hour; on-demand $3.
  static let window = DeadlineWindow(
    tick: 0.5,
    available: [[true, false, true, true, false], [false, true, true, false, false]],
    price: [[1.0, 9, 1.2, 0.8, 9], [9, 0.7, 1.1, 9, 9]], zoneRegion: [0, 0], onDemandPrice: [3],
    regionContinent: [0], transferHours: (inRegion: 0, crossRegion: 0, crossContinent: 0),
    egress: [[0]])

  @Test func theCostFloorSumsTheCheapestTicksLeft() {
    // Cheapest place per tick: 1.0, 0.7, 1.1, 0.8, 3 (on-demand).
    let floor = DeadlineOptimum.CostFloor(window: Self.window, ticks: 5)
    // From tick 1, 0.6 h bills two ticks: 0.7 and 0.8.
    #expect(abs(floor.atLeast(hours: 0.6, from: 1) - (0.7 + 0.8) * 0.5) < 1e-12)
    // From tick 0, four ticks: 0.7, 0.8, 1.0, 1.1.
    #expect(abs(floor.atLeast(hours: 2, from: 0) - (0.7 + 0.8 + 1.0 + 1.1) * 0.5) < 1e-12)
    #expect(floor.atLeast(hours: 0, from: 3) == 0)
    #expect(floor.atLeast(hours: 1.5, from: 3) == .infinity)  // two ticks left
  }

  @Test func theStartsFloorCountsEachStartsOverhead() {
    // Zone 0 runs over ticks 2–3, zone 1 over 1–2: from tick 1, one start
    // covers at most two ticks, two starts cover three (1, 2, 3).
    let floor = DeadlineOptimum.CostFloor(window: Self.window, ticks: 5)
    let starts = DeadlineOptimum.StartsFloor(window: Self.window, ticks: 5, restartOverhead: 0.25)
    // 1.2 h of work from tick 1, idle: spot does at most 1.5 − 2 × 0.25 =
    // 1 h with two starts, so 0.2 h more is on-demand after its overhead;
    // the spot hours (1.5) cost at least the three cheapest ticks left.
    let twoStarts = (0.7 + 0.8 + 1.1) * 0.5 + 3 * (0.2 + 0.25)
    // With one start spot does 0.75 h; on-demand 0.45 h + 0.25 h.
    let oneStart = (0.7 + 0.8) * 0.5 + 3 * (0.45 + 0.25)
    let value = starts.atLeast(
      work: 1.2, from: 1, zone: nil, overhead: 0, onDemandOverhead: 0.25, ticksPriced: floor)
    #expect(abs(value - min(twoStarts, oneStart, 3 * (1.2 + 0.25))) < 1e-12)
  }
}

@Suite struct PricedWorkFloorTests {
  @Test func theFloorIsTheLeastDollarsLessThePriceOfWork() {
    // One zone, three one-hour ticks: spot at $1, none, spot at $0.5;
    // on-demand $3; d = 0.25 h. At $2 per hour of work the best is spot in
    // ticks 0 and 2 (0.75 h each after the overhead): 1 + 0.5 − 2 × 1.5 =
    // −1.5 (on-demand in tick 1 would bill 3 for 1 h at $2: a loss).
    let window = DeadlineWindow(
      tick: 1, available: [[true, false, true]], price: [[1, 9, 0.5]], zoneRegion: [0],
      onDemandPrice: [3], regionContinent: [0],
      transferHours: (inRegion: 0, crossRegion: 0, crossContinent: 0), egress: [[0]])
    let job = DeadlineJob(work: 1.5, deadline: 3, restartOverhead: 0.25, onDemandPrice: 3)
    let graph = DeadlineOptimum.PricedWorkFloor.graph(job: job, window: window)
    let floor = DeadlineOptimum.PricedWorkFloor(graph: graph, window: window, ticks: 3, prices: [2])
    let start = floor.row(of: .start, tick: 0)
    #expect(abs(floor.value[start!] - -1.5) < 1e-12)
    // 1.5 h of work cost at least 2 × 1.5 − 1.5 = 1.5, which is the optimum.
    #expect(abs(floor.atLeast(work: 1.5, row: start) - 1.5) < 1e-12)
    #expect(abs((DeadlineOptimum.solve(job: job, window: window)?.cost ?? -1) - 1.5) < 1e-12)
    // A state the search never reaches proves nothing.
    #expect(
      floor.atLeast(work: 1, row: floor.row(of: .init(place: 7, home: 7, overhead: 0), tick: 0))
        == 0)
  }

  @Test func rolloutsAreDeadlineMeetingSchedulesNoCheaperThanTheOptimum() {
    var rollouts = 0
    for seed in UInt64(1)...40 {
      let w = MultiZoneJobTests.window(zones: 3, regions: 2, ticks: 30, tick: 0.5, seed: seed)
      let job = DeadlineJob(work: 6, deadline: 14, restartOverhead: 0.25, onDemandPrice: 2.5)
      let ticks = DeadlineJob.ticks(job.deadline, w.tick)
      let floor = DeadlineOptimum.PricedWorkFloor(job: job, window: w, ticks: ticks)
      guard let optimum = DeadlineOptimum.solve(job: job, window: w) else { continue }
      #expect(
        floor.atLeast(work: job.work, row: floor.row(of: .start, tick: 0)) <= optimum.cost + 1e-9)
      for j in floor.prices.indices {
        guard let o = floor.rollout(price: j, job: job, window: w, ticks: ticks) else { continue }
        rollouts += 1
        #expect(o.cost >= optimum.cost - 1e-9, "seed \(seed) price \(j)")
        #expect((o.finishedAt ?? .infinity) <= job.deadline + 1e-9, "seed \(seed) price \(j)")
        #expect(o.spotHours + o.onDemandHours >= job.work - 1e-9)
      }
    }
    #expect(rollouts > 100)
  }
}
