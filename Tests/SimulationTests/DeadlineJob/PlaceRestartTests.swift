import Simulation
import Testing

/// Each accelerator type starts in its own time: a start at a place takes
/// the job's restart overhead plus the place's extra (its boot time beyond
/// the own type's), in the simulator, the guard and the exact optimum.
@Suite struct PlaceRestartTests {
  /// The own type's zone never has spot, its on-demand costs $10/h; an
  /// added type as fast, with spot at $3/h throughout and a start `extra`
  /// hours longer (or shorter) than the own type's.
  static func window(extra: Double) -> DeadlineWindow {
    DeadlineWindow(
      tick: 1, available: [Array(repeating: false, count: 6)],
      price: [Array(repeating: 1, count: 6)],
      zoneRegion: [0], onDemandPrice: [10], regionContinent: [0],
      transferHours: (inRegion: 0, crossRegion: 0.25, crossContinent: 1), egress: [[0]]
    ).adding(
      AcceleratorPlaces(
        available: Array(repeating: true, count: 6), price: Array(repeating: 3, count: 6),
        prior: [],
        onDemandPrice: 12, speed: 1, restartExtra: extra),
      continent: 0, egress: 0.5)
  }

  @Test(arguments: [(0.0, 3.5), (0.5, 4.0), (-0.5, 3.0), (-2.0, 3.0)])
  func aStartTakesTheTypesOwnTimeByHand(extra: Double, finish: Double) throws {
    // Work 3, d = 0.5: on the added type's spot from tick 0, work resumes
    // after max(0, 0.5 + extra) h and ends 3 h later, billed by the tick
    // at $3.
    let w = Self.window(extra: extra)
    #expect(w.restartExtra == [0, extra, 0, extra])
    #expect(w.restart(at: 1, job: Self.job) == Swift.max(0, 0.5 + extra))
    let run = DeadlineSimulator.run(CheapestFeasible(), job: Self.job, window: w)
    #expect(run.finishedAt == finish && run.cost == 3 * finish.rounded(.up))
    let best = try #require(DeadlineOptimum.solve(job: Self.job, window: w))
    #expect(best.cost == run.cost && best.otherTypeWork == 3)
  }

  static let job = DeadlineJob(work: 3, deadline: 6, restartOverhead: 0.5, onDemandPrice: 10)

  /// The optimum over places that start in different times equals
  /// exhaustive search over every place-per-tick schedule.
  @Test(arguments: [[0.0, 0.4, -0.2], [0.6, 0, 0], [0, -0.3, 0.9]])
  func theOptimumMatchesExhaustiveSearchOverStartTimes(extras: [Double]) {
    for seed in UInt64(1)...12 {
      var w = PlaceSpeedTests.window(
        ticks: 5, speedA: 1, speedB: seed % 2 == 0 ? 1 : 1.5, seed: seed)
      // Zones 0, 1, 2 then their regions' on-demand, each of its zone's type.
      w.restartExtra = extras + extras
      let job = DeadlineJob(
        work: 3 + Double(seed % 3) * 0.5, deadline: 5, restartOverhead: 0.3, onDemandPrice: 2.5)
      MultiZoneJobTests.expectTheOptimumMatchesExhaustiveSearch(job: job, window: w, seed: seed)
    }
  }

  @Test func theGuardCountsTheStartTimeOfWhereTheCheckpointGoes() {
    // Two zones always with spot, a region each, 1 h apart; zone 1 and its
    // on-demand start 1 h slower (d = 0.25 there 1.25). Work 6, deadline
    // 7.6: a policy that moves to zone 1 late must be stopped before every
    // on-demand is out of reach from there (1.25 h away either way).
    let ticks = 9
    let w = DeadlineWindow(
      tick: 1,
      available: [Array(repeating: true, count: ticks), Array(repeating: true, count: ticks)],
      price: [Array(repeating: 1, count: ticks), Array(repeating: 0.05, count: ticks)],
      zoneRegion: [0, 1], onDemandPrice: [3, 0.2], regionContinent: [0, 0],
      transferHours: (inRegion: 0, crossRegion: 1, crossContinent: 1), egress: [[0, 0], [0, 0]],
      restartExtra: [0, 1, 0, 1])
    let job = DeadlineJob(work: 6, deadline: 7.6, restartOverhead: 0.25, onDemandPrice: 3)
    for jump in 0..<ticks {
      let o = DeadlineSimulator.run(PlaceSpeedTests.LateJump(jump: jump), job: job, window: w)
      #expect(!o.missed, "jump at \(jump)")
    }
  }
}
