import Testing

@testable import Simulation

@Suite struct ScheduleStatesTests {
  @Test func everyStateDecodesToItsIndex() {
    for (overhead, phases) in [(0.0, 1), (0.05, 1), (0.2, 2), (0.35, 4)] {
      let states = SingleZoneOptimum.ScheduleStates(overhead: overhead, tick: 0.1)
      #expect(states.phases == phases)
      #expect(states.count == 2 * (1 + 2 * phases))
      for s in 0..<states.count {
        let (mode, phase, used) = states.decode(s)
        #expect(states.index(mode, phase, used: used) == s)
      }
    }
  }

  @Test func overheadLeftFollowsThePhase() {
    let states = SingleZoneOptimum.ScheduleStates(overhead: 0.25, tick: 0.1)
    #expect(states.overheadLeft(states.index(.idle, 0, used: false)) == (0.25, 0.25))
    let spot = states.overheadLeft(states.index(.spot, 2, used: true))
    #expect(abs(spot.spot - 0.05) < 1e-12 && spot.onDemand == 0.25)
    let onDemand = states.overheadLeft(states.index(.onDemand, 3, used: false))
    #expect(onDemand.spot == 0.25 && onDemand.onDemand == 0)
  }

  /// With on-demand, d = 2 ticks: only the same mode, never a used start
  /// over an open one, never more overhead.
  @Test func dominanceWithOnDemandIsExactlyThesePairs() {
    let states = SingleZoneOptimum.ScheduleStates(overhead: 0.2, tick: 0.1)
    var pairs: Set<[Int]> = []
    for a in 0..<states.count {
      for b in 0..<states.count where states.dominates(a, b, onDemand: true) {
        pairs.insert([a, b])
      }
    }
    // 0 idle, 1–2 spot, 3–4 on-demand; 5–9 the same with the start used.
    #expect(pairs == [[0, 5], [1, 6], [2, 7], [3, 8], [4, 3], [4, 8], [4, 9], [9, 8]])
  }

  @Test func spotAloneLetsSpotPastItsOverheadDominateIdle() {
    let states = SingleZoneOptimum.ScheduleStates(overhead: 0.2, tick: 0.1)
    let idle = states.index(.idle, 0, used: false)
    let fresh = states.index(.spot, 1, used: false)
    let running = states.index(.spot, 2, used: false)
    #expect(states.dominates(running, fresh, onDemand: false))
    #expect(states.dominates(running, idle, onDemand: false))
    #expect(!states.dominates(idle, fresh, onDemand: false))
    // Spot still working off its overhead may not stop.
    #expect(!states.dominates(fresh, idle, onDemand: false))
    #expect(!states.dominates(fresh, running, onDemand: false))
    // With on-demand, spot past its overhead may not stop, so it cannot
    // stand in for a point that may.
    #expect(!states.dominates(running, idle, onDemand: true))
  }
}
