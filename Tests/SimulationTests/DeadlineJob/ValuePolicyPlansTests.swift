import Testing

@testable import Simulation

/// The move plan (`ValuePolicy+Plans`): what each loss's move costs.
@Suite struct ValuePolicyPlansTests {
  /// Three zones in three regions at $1/h (on-demand $3/h). Zones 1 and 2
  /// are near each other (a checkpoint moves between them for free); zone
  /// 0 is far from both ($1 of egress each way). Each zone has spot 3
  /// ticks in every 4, one zone down at every tick, before and in the
  /// window; at tick 0 only zone 0 has spot, so the job starts there.
  static func farAndNear(ticks: Int) -> DeadlineWindow {
    let pattern: (Int, Int) -> Bool = { z, k in ((k + z) % 4 + 4) % 4 != 3 }
    return DeadlineWindow(
      tick: 1,
      available: (0..<3).map { z in (0..<ticks).map { k in k == 0 ? z == 0 : pattern(z, k) } },
      price: Array(repeating: Array(repeating: 1.0, count: ticks), count: 3),
      zoneRegion: [0, 1, 2], onDemandPrice: [3, 3, 3], regionContinent: [0, 0, 0],
      transferHours: (inRegion: 0, crossRegion: 0.1, crossContinent: 0.1),
      egress: [[0, 1, 1], [1, 0, 0], [1, 0, 0]],
      prior: (0..<3).map { z in (-96..<0).map { k in pattern(z, k) } })
  }

  /// A move plan pays, at each loss, the move from where the job then is:
  /// from the start zone only at the first loss, from the pool after. With
  /// 4 h of slack the job moves on its losses. It used to price every
  /// loss's move from the start zone, so a start in zone 1, whose moves to
  /// zone 2 are free, looked $1.93 cheaper over the job's losses than one
  /// in zone 0: the job left zone 0 at tick 1 while it still had spot, and
  /// paid $24 with 12 moves. Now it leaves a zone only when it loses spot:
  /// zone 0 at tick 3 ($1 of egress), then between the near zones for
  /// free; 22 ticks billed at $1, $23 in all.
  @Test func leavesAZoneOnlyWhenItLosesSpotNotForItsNeighbours() {
    let ticks = 30
    let window = Self.farAndNear(ticks: ticks)
    let job = DeadlineJob(work: 20, deadline: 24, restartOverhead: 0.1, onDemandPrice: 3)
    let recorder = Recorder()
    let outcome = DeadlineSimulator.run(
      Recording(inner: ValuePolicy(), recorder: recorder), job: job, window: window)
    #expect(!outcome.missed)
    #expect(outcome.cost == 23)
    #expect(Array(recorder.decisions.prefix(4)) == [0, 0, 0, 1].map { .spot(zone: $0) })
    for (k, pair) in zip(recorder.decisions, recorder.decisions.dropFirst()).enumerated() {
      guard case .spot(let z)? = pair.0, pair.1 != pair.0 else { continue }
      #expect(!window.available[z][k + 1], "left zone \(z) at tick \(k + 1) with spot")
    }
  }

  /// Where every zone is alike but for the egress between them, the move
  /// plan from a zone differs from the pool's only by its first move: a
  /// start from zone 0, far from the others, costs more than one from zone
  /// 1 by at most the gap in their first moves' egress and transfer: with
  /// the zones about equally available, $1 · (2/3 − 1/3) and 0.1 h ·
  /// (2/3 − 1/3) at $1/h over a share of a run not overhead above 0.9,
  /// under $0.38 — not by that gap at each of the ~6 expected losses.
  @Test func theMovePlanDiffersByZoneOnlyByItsFirstMove() {
    let window = Self.farAndNear(ticks: 30)
    let job = DeadlineJob(work: 20, deadline: 30, restartOverhead: 0.1, onDemandPrice: 3)
    var policy = ValuePolicy()
    let view = DeadlineView(
      window: window, tick: 1, done: 0, place: nil, home: nil, overheadLeft: 0)
    _ = policy.decide(view, job: job)
    let estimates = (0..<3).map { policy.estimate(view, $0) }
    func cost(_ z: Int) -> Double {
      policy.moverPlanCost(
        view, job: job, zone: z, start: 0.1, egress: 0, estimates: estimates,
        move: ValuePolicy.meanMove(view, estimates))
    }
    #expect(cost(0) > cost(1))
    #expect(cost(0) - cost(1) < 0.38)
  }
}
