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

  /// The bridge buys on-demand only where the job needs it even if its
  /// zones are as good as the evidence allows (`favourable`): one zone,
  /// down for the first 4 h, whose history alternates 4 h runs and 4 h
  /// outages; 10 h of work by 14 h. On 96 h of that history (12 runs) the
  /// job needs on-demand even at the favourable fit, and bridges; on 24 h
  /// (3 runs), where a fit that good is within the evidence, it waits, as
  /// it does without the option. The mean fit alone bridged both; in the
  /// first windows of a trace, with little history, such bridges cost up
  /// to 16 % (`multi-region-v100-deadline` at 120 h, overnight).
  @Test(arguments: [(96, true), (24, false)])
  func bridgesOnlyOnDemandNeededOnTheEvidence(history: Int, bridged: Bool) {
    let ticks = 14
    let window = DeadlineWindow(
      tick: 1, available: [(0..<ticks).map { $0 >= 4 }],
      price: [Array(repeating: 1.0, count: ticks)],
      zoneRegion: [0], onDemandPrice: [3], regionContinent: [0],
      transferHours: (inRegion: 0, crossRegion: 0, crossContinent: 0),
      egress: [[0]],
      prior: [(0..<history).map { ($0 / 4) % 2 == 0 }])
    let job = DeadlineJob(work: 10, deadline: 14, restartOverhead: 0.1, onDemandPrice: 3)
    let view = DeadlineView(
      window: window, tick: 0, done: 0, place: nil, home: nil, overheadLeft: 0)
    var policy = ValuePolicy(bridgesOutages: true)
    #expect(policy.decide(view, job: job) == (bridged ? .onDemand(region: 0) : nil))
  }
}
