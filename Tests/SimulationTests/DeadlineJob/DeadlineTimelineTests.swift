@testable import Simulation
import Testing

/// `DeadlineSimulator.timeline`: the run tick by tick, and the same run.
@Suite struct DeadlineTimelineTests {
  /// Two zones in two regions (egress $0.40 between them, a cross-region
  /// transfer of half an hour), zone 0 at $1 losing spot at tick 2, zone 1
  /// at $2 always with spot; ticks of an hour.
  static let window = DeadlineWindow(
    tick: 1,
    available: [[true, true, false, false, true, true], Array(repeating: true, count: 6)],
    price: [Array(repeating: 1, count: 6), Array(repeating: 2, count: 6)], zoneRegion: [0, 1],
    onDemandPrice: [3, 3], regionContinent: [0, 0],
    transferHours: (inRegion: 0.2, crossRegion: 0.5, crossContinent: 1.2),
    egress: [[0, 0.4], [0.4, 0]])

  /// Hand-computed: two hours in zone 0 ($1 each); at its loss, one idle
  /// tick; then zone 1 ($2 a tick), whose start moves the checkpoint (half
  /// an hour of transfer, $0.40): 0.5 h of work, then the last 0.5 h in a
  /// tick billed whole.
  @Test func stepsSayWhereTheJobRanWhatItHadDoneAndWhatItHadPaid() {
    let job = DeadlineJob(work: 3, deadline: 6, restartOverhead: 0, onDemandPrice: 3)
    let script = Script(places: [
      .spot(zone: 0), .spot(zone: 0), nil, .spot(zone: 1), .spot(zone: 1),
    ])
    let (outcome, steps) = DeadlineSimulator.timeline(script, job: job, window: Self.window)
    #expect(
      steps == [
        DeadlineStep(
          tick: 0, place: .spot(zone: 0), home: .spot(zone: 0), spot: true, done: 1, spent: 1),
        DeadlineStep(
          tick: 1, place: .spot(zone: 0), home: .spot(zone: 0), spot: true, done: 2, spent: 2),
        DeadlineStep(tick: 2, place: nil, home: .spot(zone: 0), spot: nil, done: 2, spent: 2),
        DeadlineStep(
          tick: 3, place: .spot(zone: 1), home: .spot(zone: 1), spot: true, done: 2.5, spent: 4.4),
        DeadlineStep(
          tick: 4, place: .spot(zone: 1), home: .spot(zone: 1), spot: true, done: 3, spent: 6.4),
      ])
    #expect(abs(outcome.cost - 6.4) < 1e-12)
  }

  /// Recording changes nothing: the outcome is `run`'s, the last step's
  /// spending is its cost, and a job that finishes has done its work.
  @Test func theTimelinesOutcomeIsTheRunsForEveryPolicy() {
    for seed in UInt64(1)...20 {
      let w = MultiZoneJobTests.window(zones: 3, regions: 2, ticks: 60, tick: 0.5, seed: seed)
      let job = DeadlineJob(work: 14, deadline: 26, restartOverhead: 0.2, onDemandPrice: 2.5)
      let policies: [any DeadlinePolicy] = [ValuePolicy(), UniformProgress(.failover)]
      for policy in policies {
        for probing in [Probing.free, .published] {
          let run = DeadlineSimulator.run(policy, job: job, window: w, probing: probing)
          let (outcome, steps) = DeadlineSimulator.timeline(
            policy, job: job, window: w, probing: probing)
          #expect(outcome == run, "seed \(seed) \(policy.name)")
          #expect(abs((steps.last?.spent ?? -1) - run.cost) < 1e-9, "seed \(seed) \(policy.name)")
          #expect(steps.map(\.tick) == Array(0..<steps.count))
          if run.finishedAt != nil { #expect(steps.last?.done == job.work) }
        }
      }
    }
  }
}
