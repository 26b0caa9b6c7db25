import Testing

@testable import Simulation

/// Where `ValuePolicy` bridges a wait on on-demand (`bridgesOutages`).
@Suite struct ValuePolicyBridgingTests {
  /// Zone 0 (region 0) has never had spot. Zone 1 (region 1) had spot half
  /// the time (4 h runs, 4 h outages) and is down until tick 6. A move
  /// between the regions takes 0.5 h and $2 of egress; on-demand is $3/h
  /// in both.
  static func farWait(ticks: Int) -> DeadlineWindow {
    DeadlineWindow(
      tick: 1,
      available: [Array(repeating: false, count: ticks), (0..<ticks).map { $0 >= 6 }],
      price: Array(repeating: Array(repeating: 1.0, count: ticks), count: 2),
      zoneRegion: [0, 1], onDemandPrice: [3, 3], regionContinent: [0, 0],
      transferHours: (inRegion: 0, crossRegion: 0.5, crossContinent: 0.5),
      egress: [[0, 2], [2, 0]],
      prior: [Array(repeating: false, count: 96), (0..<96).map { ($0 / 4) % 2 == 0 }])
  }

  /// 10 h of work by 14 h: the job waits for zone 1 and bridges the wait
  /// on on-demand in zone 1's region, where it will resume. It used to
  /// bridge in the first zone's region (it had no checkpoint yet), so the
  /// checkpoint then had to cross to zone 1: $2 and 0.5 h more.
  @Test func bridgesInTheWaitedZonesRegion() {
    let window = Self.farWait(ticks: 14)
    let job = DeadlineJob(work: 10, deadline: 14, restartOverhead: 0.1, onDemandPrice: 3)
    var policy = ValuePolicy(bridgesOutages: true)
    let view = DeadlineView(
      window: window, tick: 0, done: 0, place: nil, home: nil, overheadLeft: 0)
    #expect(policy.decide(view, job: job) == .onDemand(region: 1))
    let outcome = DeadlineSimulator.run(
      ValuePolicy(bridgesOutages: true), job: job, window: window)
    #expect(!outcome.missed)
    #expect(outcome.migrations == 0 && outcome.egressCost == 0)
  }
}
