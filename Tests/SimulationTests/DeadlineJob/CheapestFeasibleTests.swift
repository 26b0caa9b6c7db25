@testable import Simulation
import Testing

@Suite struct CheapestFeasibleTests {
  /// Zone 0: $2/h at speed 1 ($2 per unit of work); zone 1: $3/h at speed
  /// 2 ($1.5 per unit), with spot only from tick 2; zone 2: $1/h at speed
  /// 0.25 ($4 per unit). Each in a region of its own.
  static let window = DeadlineWindow(
    tick: 1,
    available: [
      [true, true, true, false, true, true], [false, false, true, true, true, true],
      [true, true, true, true, true, true],
    ],
    price: [
      Array(repeating: 2, count: 6), Array(repeating: 3, count: 6), Array(repeating: 1, count: 6),
    ],
    zoneRegion: [0, 1, 2], onDemandPrice: [5, 6, 4], regionContinent: [0, 0, 0],
    transferHours: (0.1, 0.1, 0.1), egress: [[0, 0, 0], [0, 0, 0], [0, 0, 0]],
    speed: [1, 2, 0.25, 1, 2, 0.25])

  @Test func launchesWhereAUnitOfWorkIsCheapestAndStaysWhileItHasSpot() {
    let recorder = Recorder()
    let job = DeadlineJob(work: 4, deadline: 6, restartOverhead: 0.5, onDemandPrice: 5)
    _ = DeadlineSimulator.run(
      Recording(inner: CheapestFeasible(), recorder: recorder), job: job, window: Self.window)
    // Ticks 0–1: zone 0 ($2/unit) beats zone 2 ($4/unit); zone 1 has no
    // spot. Tick 2: zone 0 still has spot, so the job stays (no move while
    // running). Tick 3: zone 0 lost; relaunch on zone 1 ($1.5/unit).
    #expect(
      Array(recorder.decisions.prefix(4))
        == [.spot(zone: 0), .spot(zone: 0), .spot(zone: 0), .spot(zone: 1)])
  }
}
