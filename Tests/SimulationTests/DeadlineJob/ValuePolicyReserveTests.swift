import Testing

@testable import Simulation

/// Where `ValuePolicy` bridges a wait on on-demand to keep the slack the
/// restarts ahead need (`keepsReserve`), with places of different speeds.
@Suite struct ValuePolicyReserveTests {
  /// One zone whose 48 h history alternates 2 h runs and 2 h outages
  /// (12 runs, 24 h with spot, 12 losses: with no forgetting, a mean run of
  /// (24 + 12) ÷ (12 + 1) = 2.769 h, the 24 h prior counting as half a run
  /// of 12 h), without spot in the ticks `down` (1 h ticks); spot $1,
  /// on-demand $3; a 0.5 h start anywhere.
  static func window(down: Set<Int>) -> DeadlineWindow {
    DeadlineWindow(
      tick: 1, available: [(0..<20).map { !down.contains($0) }],
      price: [Array(repeating: 1.0, count: 20)],
      zoneRegion: [0], onDemandPrice: [3], regionContinent: [0],
      transferHours: (inRegion: 0, crossRegion: 0, crossContinent: 0),
      egress: [[0]],
      prior: [(0..<48).map { ($0 / 2) % 2 == 0 }])
  }

  /// The job has done 3.5 h of 12 and lost spot at tick 4. The reserve is
  /// two 0.5 h starts for each of the 8.5 ÷ 2.769 = 3.07 losses ahead:
  /// 3.07 h. By 16 h, one more tick idle and a start on on-demand leave
  /// 16 − 4 − 1 − 8.5 − 0.5 = 2 h of slack, less than that: it bridges. By
  /// 20 h, 6 h are left: it waits. (The rule decides where the job's
  /// places run at different speeds; elsewhere `SlackProgram` does, see
  /// `ValuePolicySlackTests`.)
  @Test(arguments: [(16.0, true), (20.0, false)])
  func bridgesAWaitThatWouldSpendTheReserve(deadline: Double, bridged: Bool) {
    let job = DeadlineJob(work: 12, deadline: deadline, restartOverhead: 0.5, onDemandPrice: 3)
    var policy = ValuePolicy(memoryHours: .infinity)
    let view = DeadlineView(
      window: Self.window(down: [4, 5]), tick: 4, done: 3.5, place: nil, home: .spot(zone: 0),
      overheadLeft: 0)
    _ = policy.decide(view, job: job)  // learns the history
    let estimate = policy.estimate(view, 0)
    #expect(abs(estimate.lifetime - 36.0 / 13) < 1e-12)
    #expect(
      policy.keepsReserve(
        view, job: job, zone: 0, onDemand: .onDemand(region: 0), estimates: [estimate])
        == bridged)
  }
}
