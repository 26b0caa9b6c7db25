import Testing

@testable import Simulation

/// Where `ValuePolicy` bridges a wait on on-demand by the slack program
/// (`bridgesBySlack`), on `ValuePolicyReserveTests`' zone: 2 h runs and
/// 2 h outages before the window, 1 h ticks, spot $1, on-demand $3, 0.5 h
/// starts, 12 h of work; spot lost at ticks 4 and 5 only.
@Suite struct ValuePolicySlackTests {
  static func run(deadline: Double) -> (outcome: DeadlineOutcome, steps: [DeadlineStep]) {
    DeadlineSimulator.timeline(
      ValuePolicy(memoryHours: .infinity),
      job: DeadlineJob(work: 12, deadline: deadline, restartOverhead: 0.5, onDemandPrice: 3),
      window: ValuePolicyReserveTests.window(down: [4, 5]))
  }

  /// By 16 h, 3.5 h of slack at the loss: it idles one tick (the zone may
  /// be back), then with 2.5 h left runs a tick on on-demand (a start and
  /// 0.5 h of work, $3) and goes back to spot at tick 6 (a start and 8 h
  /// of work in 9 ticks, $9): with the first 4 ticks' $4, $16, done at
  /// 14.5 h. The reserve rule bridged both ticks ($18); waiting both
  /// leaves 1.5 h, a start's worth.
  @Test func idlesATickThenBridges() {
    let (outcome, steps) = Self.run(deadline: 16)
    #expect(steps[4].place == nil)
    #expect(steps[5].place == .onDemand(region: 0))
    #expect(steps[6...].allSatisfy { $0.place == .spot(zone: 0) })
    #expect(outcome.cost == 16)
    #expect(outcome.onDemandHours == 1)
    #expect(outcome.finishedAt == 14.5)
  }

  /// With ample slack it waits the outage out: $4 + 9 ticks of spot.
  @Test func waitsWithAmpleSlack() {
    let (outcome, steps) = Self.run(deadline: 20)
    #expect(steps[4].place == nil && steps[5].place == nil)
    #expect(outcome.cost == 13)
    #expect(outcome.onDemandHours == 0)
  }

  /// With 1 h of slack at the loss, a tick idle would leave none for any
  /// start: it bridges at once and never misses.
  @Test func bridgesWhenIdlingLeavesNoSlackToStart() {
    let (outcome, steps) = Self.run(deadline: 13.5)
    #expect(steps[4].place == .onDemand(region: 0))
    #expect(!outcome.missed)
  }
}
