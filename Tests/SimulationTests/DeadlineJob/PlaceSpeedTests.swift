@testable import Simulation
import SynktiTestSupport
import Testing

/// Places that run at different speeds: accelerator types with their own
/// throughput in the job's unit of work (`DeadlineWindow.speed`).
@Suite struct PlaceSpeedTests {
  /// Zones of two types over two regions: zone 0 type A in region 0, zone 1
  /// type B in region 0, zone 2 type A in region 1; on-demand entries A@0,
  /// B@0, A@1 (A@0 and B@0 share a location: nothing moves between them).
  static func window(ticks: Int, speedA: Double, speedB: Double, seed: UInt64) -> DeadlineWindow {
    var g = Xoshiro256StarStar(seed: seed)
    let available = (0..<3).map { _ in (0..<ticks).map { _ in g.nextUnit() < 0.6 } }
    let price = (0..<3).map { z in
      (0..<ticks).map { _ in g.nextUniform(0.3, 1.5) * (z == 1 ? 1.8 : 1) }
    }
    let location = [0, 0, 1]
    let egress = (0..<3).map { a in (0..<3).map { b in location[a] == location[b] ? 0 : 0.4 } }
    return DeadlineWindow(
      tick: 1, available: available, price: price, zoneRegion: [0, 1, 2],
      onDemandPrice: [2.5, 4.0, 2.75], regionContinent: [0, 0, 0],
      transferHours: (inRegion: 0.2, crossRegion: 0.5, crossContinent: 1.2), egress: egress,
      speed: [speedA, speedB, speedA, speedA, speedB, speedA], location: location)
  }

  @Test func aFasterPlaceDoesMoreWorkPerTickByHand() {
    // Work 3 at speed 2, d = 0.5, ticks of 1 h on on-demand at $4/h:
    // tick 0 does 2 × 0.5 = 1 after the overhead, tick 1 does the other 2
    // and ends exactly at 2 h; both ticks are billed: $8.
    let w = DeadlineWindow(
      tick: 1, available: [[false, false, false]], price: [[1, 1, 1]], zoneRegion: [0],
      onDemandPrice: [4], regionContinent: [0], transferHours: (0, 0, 0), egress: [[0]],
      speed: [1, 2])
    let job = DeadlineJob(work: 3, deadline: 3, restartOverhead: 0.5, onDemandPrice: 4)
    let o = DeadlineSimulator.run(OnDemandOnly(), job: job, window: w)
    #expect(o.finishedAt == 2)
    #expect(o.cost == 8)
    #expect(o.onDemandHours == 2)
  }

  @Test func theGuardCountsTheSpeedOfTheOnDemandItFallsBackTo() {
    // Spot never available; a slow on-demand (speed 0.5) must start early
    // enough: work 1 needs 2 h plus d = 0.5 h, so with a deadline of 4 h
    // the guarded spot-only policy falls back by tick 1 and finishes.
    let w = DeadlineWindow(
      tick: 1, available: [[false, false, false, false]], price: [[1, 1, 1, 1]],
      zoneRegion: [0], onDemandPrice: [1], regionContinent: [0], transferHours: (0, 0, 0),
      egress: [[0]], speed: [1, 0.5])
    let job = DeadlineJob(work: 1, deadline: 4, restartOverhead: 0.5, onDemandPrice: 1)
    for policy in DeadlinePolicies.all where policy.guarded {
      let o = DeadlineSimulator.run(policy, job: job, window: w)
      #expect(!o.missed, "\(policy.name)")
    }
  }

  /// A guarded policy that always wants spot in one zone.
  struct Stubborn: DeadlinePolicy {
    var zone: Int
    var name: String { "stubborn" }
    func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? { .spot(zone: zone) }
  }

  @Test func theGuardFallsBackToTheOnDemandThatFinishesInTime() {
    // Zone 1 is a slow, cheap type (speed 0.05) that keeps spot; its own
    // on-demand could never finish 4 units in time, so the guard must take
    // the fast type's on-demand (region 0), transfer included.
    let ticks = 12
    let w = DeadlineWindow(
      tick: 1,
      available: [Array(repeating: false, count: ticks), Array(repeating: true, count: ticks)],
      price: [Array(repeating: 1, count: ticks), Array(repeating: 0.1, count: ticks)],
      zoneRegion: [0, 1], onDemandPrice: [3, 0.2], regionContinent: [0, 0],
      transferHours: (inRegion: 0.2, crossRegion: 0.5, crossContinent: 1),
      egress: [[0, 1], [1, 0]],
      speed: [1, 0.05, 1, 0.05])
    let job = DeadlineJob(work: 4, deadline: 8, restartOverhead: 0.25, onDemandPrice: 3)
    let o = DeadlineSimulator.run(Stubborn(zone: 1), job: job, window: w)
    #expect(!o.missed)
    #expect(o.onDemandHours > 0 && o.egressCost == 1)
  }

  /// Four ticks of the own type's one zone, which never has spot, with
  /// on-demand at $10/h: the hand windows below add types to it.
  static let neverSpot = DeadlineWindow(
    tick: 1, available: [[false, false, false, false]], price: [[1, 1, 1, 1]],
    zoneRegion: [0], onDemandPrice: [10], regionContinent: [0],
    transferHours: (inRegion: 0, crossRegion: 0.25, crossContinent: 1), egress: [[0]])

  /// A type at speed 2 with spot at $3/h throughout: $1.5 per unit of work.
  static let cheapFast = AcceleratorPlaces(
    available: [true, true, true, true], price: [3, 3, 3, 3], prior: [], onDemandPrice: 12,
    speed: 2)

  @Test func workOnAnotherTypeIsCountedByTheSimulatorAndTheOptimum() {
    // Work 3 with d = 0.5: every schedule worth having runs on the added
    // type.
    let w = Self.neverSpot.adding(Self.cheapFast, continent: 0, egress: 0.5)
    #expect(w.types == [0, 1, 0, 1] && w.location == [0, 1])
    let job = DeadlineJob(work: 3, deadline: 4, restartOverhead: 0.5, onDemandPrice: 10)
    let run = DeadlineSimulator.run(CheapestFeasible(), job: job, window: w)
    // Start at tick 0 (d = 0.5 h, no transfer: no checkpoint yet): 1 unit,
    // then 2 in tick 1; finished at 2 h, billed $6.
    #expect(run.otherTypeWork == 3 && run.finishedAt == 2 && run.cost == 6)
    let best = DeadlineOptimum.solve(job: job, window: w)
    #expect(best?.cost == 6 && best?.otherTypeWork == 3)
    // On the own type alone, all of it is the own type's.
    #expect(DeadlineSimulator.run(OnDemandOnly(), job: job, window: w).otherTypeWork == 0)
  }

  /// Work is counted per type, in the type's own lane: the hand window
  /// above with a first added type that never has spot (type 1) before the
  /// cheap one (type 2). Every unit is done on type 2, by the simulator and
  /// by the optimum alike.
  @Test func workIsCountedPerTypeByTheSimulatorAndTheOptimum() throws {
    let w = Self.neverSpot.adding(
      AcceleratorPlaces(
        available: [false, false, false, false], price: [2, 2, 2, 2], prior: [],
        onDemandPrice: 11, speed: 1),
      continent: 0, egress: 0.5
    ).adding(Self.cheapFast, continent: 0, egress: 0.5)
    #expect(w.typeCount == 3)
    let job = DeadlineJob(work: 3, deadline: 4, restartOverhead: 0.5, onDemandPrice: 10)
    let run = DeadlineSimulator.run(CheapestFeasible(), job: job, window: w)
    #expect(run.workByType == [0, 0, 3] && run.cost == 6)
    let best = try #require(DeadlineOptimum.solve(job: job, window: w))
    #expect(best.workByType == [0, 0, 3] && best.cost == 6)
    #expect(DeadlineSimulator.run(OnDemandOnly(), job: job, window: w).workByType == [3, 0, 0])
  }

  /// On random windows of three types, every finished run's work by type
  /// adds up to the job's work, and its other types' to `otherTypeWork`:
  /// for policies that choose types and for the optimum (whose lanes are
  /// single precision).
  @Test func workByTypeAddsUpToTheWork() throws {
    for seed in UInt64(1)...10 {
      var g = Xoshiro256StarStar(seed: seed)
      let ticks = 12
      let base = Self.window(ticks: ticks, speedA: 1, speedB: 1.5, seed: seed)
      let w = base.adding(
        AcceleratorPlaces(
          available: (0..<ticks).map { _ in g.nextUnit() < 0.7 },
          price: (0..<ticks).map { _ in g.nextUniform(0.5, 1.2) }, prior: [], onDemandPrice: 3,
          speed: 0.8),
        continent: 1, egress: 0.6)
      let job = DeadlineJob(work: 6, deadline: 10, restartOverhead: 0.2, onDemandPrice: 2.5)
      var outcomes = [
        DeadlineSimulator.run(CheapestFeasible(), job: job, window: w),
        DeadlineSimulator.run(ValuePolicy(), job: job, window: w),
      ]
      outcomes.append(try #require(DeadlineOptimum.solve(job: job, window: w)))
      for o in outcomes where !o.missed {
        #expect(o.workByType.count == w.typeCount, "seed \(seed)")
        #expect(o.workByType.allSatisfy { $0 >= 0 }, "seed \(seed)")
        #expect(abs(o.workByType.reduce(0, +) - job.work) < 1e-5, "seed \(seed)")
        #expect(abs(o.workByType.dropFirst().reduce(0, +) - o.otherTypeWork) < 1e-5, "seed \(seed)")
      }
    }
  }

  /// A guarded policy that runs fast spot in zone 0 and jumps to the slow
  /// zone 1 at tick `jump`.
  struct LateJump: DeadlinePolicy {
    var jump: Int
    var name: String { "late-jump" }
    func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
      .spot(zone: v.tick < jump ? 0 : 1)
    }
  }

  @Test func theGuardCountsWhereThePolicysMoveLeavesTheCheckpoint() {
    // Zone 0 (speed 1) and zone 1 (speed 0.1) always have spot, in two
    // regions 0.5 h apart. Work 6, deadline 7.6, d = 0.25: on zone 0 the
    // job keeps 0.1 h of slack, less than the 0.5 h it would take to come
    // back from zone 1, so a policy that leaves for the slow zone must be
    // stopped before the move strands the job.
    let ticks = 9
    let w = DeadlineWindow(
      tick: 1,
      available: [Array(repeating: true, count: ticks), Array(repeating: true, count: ticks)],
      price: [Array(repeating: 1, count: ticks), Array(repeating: 0.05, count: ticks)],
      zoneRegion: [0, 1], onDemandPrice: [3, 0.2], regionContinent: [0, 0],
      transferHours: (inRegion: 0.2, crossRegion: 0.5, crossContinent: 1),
      egress: [[0, 1], [1, 0]],
      speed: [1, 0.1, 1, 0.1])
    let job = DeadlineJob(work: 6, deadline: 7.6, restartOverhead: 0.25, onDemandPrice: 3)
    for jump in 0..<ticks {
      let o = DeadlineSimulator.run(LateJump(jump: jump), job: job, window: w)
      #expect(!o.missed, "jump at \(jump)")
    }
  }

  /// The optimum over places of unequal speeds equals exhaustive search
  /// over every place-per-tick schedule.
  @Test(arguments: [(1.0, 2.0), (1.5, 0.75), (2.5, 1.0)])
  func theOptimumMatchesExhaustiveSearchOverTypes(speedA: Double, speedB: Double) {
    for seed in UInt64(1)...12 {
      let w = Self.window(ticks: 5, speedA: speedA, speedB: speedB, seed: seed)
      let job = DeadlineJob(
        work: 3 + Double(seed % 3) * 0.75, deadline: 5, restartOverhead: 0.3, onDemandPrice: 2.5)
      MultiZoneJobTests.expectTheOptimumMatchesExhaustiveSearch(job: job, window: w, seed: seed)
    }
  }

  /// Every place at speed s with s times the work is the unit-speed job:
  /// the optimum costs the same and finishes at the same time.
  @Test func scalingEverySpeedAndTheWorkTogetherChangesNothing() throws {
    for seed in UInt64(1)...20 {
      let unit = MultiZoneJobTests.window(zones: 3, regions: 2, ticks: 24, tick: 0.5, seed: seed)
      var fast = unit
      fast.speed = fast.speed.map { _ in 2.5 }
      let job = DeadlineJob(
        work: 6 + Double(seed % 4), deadline: 12, restartOverhead: 0.4, onDemandPrice: 2.5)
      var scaled = job
      scaled.work = job.work * 2.5
      let a = DeadlineOptimum.solve(job: job, window: unit)
      let b = DeadlineOptimum.solve(job: scaled, window: fast)
      #expect(abs((a?.cost ?? -1) - (b?.cost ?? -1)) < 1e-9, "seed \(seed)")
      #expect(abs((a?.finishedAt ?? -1) - (b?.finishedAt ?? -1)) < 1e-9, "seed \(seed)")
    }
  }

  /// A second type identical to the first (same speed, prices and
  /// availability, in the same locations) is no choice at all: the optimum
  /// over both types costs what the optimum over one does.
  @Test func anIdenticalSecondTypeChangesNothing() {
    for seed in UInt64(1)...15 {
      let one = MultiZoneJobTests.window(zones: 2, regions: 2, ticks: 20, tick: 0.5, seed: seed)
      let two = DeadlineWindow(
        tick: one.tick, available: one.available + one.available, price: one.price + one.price,
        zoneRegion: one.zoneRegion + one.zoneRegion.map { $0 + 2 },
        onDemandPrice: one.onDemandPrice + one.onDemandPrice,
        regionContinent: one.regionContinent + one.regionContinent,
        transferHours: one.transferHours,
        egress: (0..<4).map { a in (0..<4).map { b in one.egress[a % 2][b % 2] } },
        location: [0, 1, 0, 1])
      let job = DeadlineJob(work: 5, deadline: 10, restartOverhead: 0.3, onDemandPrice: 2.5)
      let a = DeadlineOptimum.solve(job: job, window: one)
      let b = DeadlineOptimum.solve(job: job, window: two)
      #expect(abs((a?.cost ?? -1) - (b?.cost ?? -1)) < 1e-9, "seed \(seed)")
    }
  }
}
