import Foundation
import Testing

@testable import Simulation

/// What the value policy has seen of a zone fades with the clock, not only
/// when it sees the zone again (hand-computed, half-life 96 h, prior 24 h).
@Suite struct ZoneEstimateTests {
  /// One hour seen down at tick 0, nothing since: 96 h later it weighs
  /// half an hour, so the outage is (0.5 + 12) ÷ 1 = 12.5 h (13 h unfaded)
  /// and the run, from the prior alone, 12 h.
  @Test func anOutageSeenOnceFadesByHalfInAHalfLife() {
    var c = ZoneHistoryCounts()
    c.add(tick: 0, up: false, tickHours: 1, memoryHours: 96)
    #expect(c.estimate(priorHours: 24) == ZoneEstimate(lifetime: 12, outage: 13))
    let later = c.decayed(to: 96, tickHours: 1, memoryHours: 96)
    #expect(later.estimate(priorHours: 24) == ZoneEstimate(lifetime: 12, outage: 12.5))
    #expect(later.last! == (tick: 0, up: false))
  }

  /// A run, a loss and an hour down: 96 h after the loss every count is
  /// halved, the run's hour (already faded by one tick) included.
  @Test func everyCountFadesAlike() {
    var c = ZoneHistoryCounts()
    c.add(tick: 0, up: true, tickHours: 1, memoryHours: 96)
    c.add(tick: 1, up: false, tickHours: 1, memoryHours: 96)
    let k = 1 / pow(2, 1 / 96.0)
    let later = c.decayed(to: 97, tickHours: 1, memoryHours: 96).estimate(priorHours: 24)
    #expect(abs(later.lifetime - (0.5 * k + 12) / 1.5) < 1e-12)
    #expect(abs(later.outage - (0.5 + 12) / 1) < 1e-12)
  }

  /// No forgetting (an infinite half-life) and no time passed: unchanged.
  @Test func withoutForgettingNothingFades() {
    var c = ZoneHistoryCounts()
    c.add(tick: 0, up: false, tickHours: 1, memoryHours: .infinity)
    let e = c.estimate(priorHours: 24)
    #expect(c.decayed(to: 500, tickHours: 1, memoryHours: .infinity).estimate(priorHours: 24) == e)
    #expect(c.decayed(to: 0, tickHours: 1, memoryHours: 96).estimate(priorHours: 24) == e)
  }

  /// The most favourable fit within the evidence: 3 runs of 30 h in all
  /// and 3 outages of 10 h, no prior (which counts as one of each): runs
  /// 30 ÷ 4 = 7.5 h one standard error (1/√4) longer, 11.25 h; outages
  /// 2.5 h one shorter, 2.5 ÷ 1.5 h.
  @Test func theFavourableFitIsOneStandardErrorBetter() {
    var c = ZoneHistoryCounts()
    c.upHours = 30
    c.downHours = 10
    c.losses = 3
    c.recoveries = 3
    #expect(c.estimate(priorHours: 0) == ZoneEstimate(lifetime: 7.5, outage: 2.5))
    let f = c.favourableEstimate(priorHours: 0)
    #expect(abs(f.lifetime - 11.25) < 1e-12)
    #expect(abs(f.outage - 2.5 / 1.5) < 1e-12)
  }
}
