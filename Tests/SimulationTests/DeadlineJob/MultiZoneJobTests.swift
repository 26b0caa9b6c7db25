@testable import Simulation
import SynktiTestSupport
import Testing

/// A scripted place per tick, unguarded: the exhaustive search's policy.
struct Script: DeadlinePolicy {
  var places: [Place?]
  var name: String { "script" }
  var guarded: Bool { false }
  func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    v.tick < places.count ? places[v.tick] : nil
  }
}

/// Records what a policy decided, tick by tick.
final class Recorder: @unchecked Sendable {
  var decisions: [Place?] = []
}

struct Recording: DeadlinePolicy {
  var inner: any DeadlinePolicy
  var recorder: Recorder
  var name: String { inner.name }
  mutating func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    let d = inner.decide(v, job: job)
    recorder.decisions.append(d)
    return d
  }
}

@Suite struct MultiZoneJobTests {
  /// A random window of `zones` zones over `regions` regions (regions 0 and
  /// 1 on one continent, the rest on another).
  static func window(
    zones: Int, regions: Int, ticks: Int, tick: Double = 1, seed: UInt64,
    transfer: (Double, Double, Double) = (0.2, 0.5, 1.2), prices: ClosedRange<Double> = 0.3...1.5,
    availability: Double = 0.6
  ) -> DeadlineWindow {
    var g = Xoshiro256StarStar(seed: seed)
    let available = (0..<zones).map { _ in (0..<ticks).map { _ in g.nextUnit() < availability } }
    let price = (0..<zones).map { _ in
      (0..<ticks).map { _ in g.nextUniform(prices.lowerBound, prices.upperBound) }
    }
    let egress = (0..<regions).map { a in (0..<regions).map { b in a == b ? 0 : 0.4 } }
    return DeadlineWindow(
      tick: tick, available: available, price: price, zoneRegion: (0..<zones).map { $0 % regions },
      onDemandPrice: (0..<regions).map { 2.5 + Double($0) * 0.25 },
      regionContinent: (0..<regions).map { $0 < 2 ? 0 : 1 },
      transferHours: (inRegion: transfer.0, crossRegion: transfer.1, crossContinent: transfer.2),
      egress: egress)
  }

  /// The single-zone window of `w`'s zone 0.
  static func single(_ w: DeadlineWindow) -> TraceWindow { w.slice(zone: 0) }

  @Test func oneZoneReproducesTheSingleZoneModelBitForBit() {
    for seed in UInt64(1)...120 {
      let w = Self.window(zones: 1, regions: 1, ticks: 40, tick: 0.5, seed: seed)
      let job = DeadlineJob(
        work: 8 + Double(seed % 5), deadline: 16, restartOverhead: 0.2 + 0.05 * Double(seed % 4),
        onDemandPrice: w.onDemandPrice[0])
      let single = Self.single(w)
      for policy in DeadlinePolicies.all {
        #expect(
          DeadlineSimulator.run(policy, job: job, window: w)
            == DeadlineSimulator.run(policy, job: job, window: single), "\(policy.name) \(seed)")
      }
      let up = DeadlineSimulator.run(UniformProgress(.firstZone), job: job, window: single)
      for choice in UniformProgress.ZoneChoice.allCases {
        #expect(
          DeadlineSimulator.run(UniformProgress(choice), job: job, window: w) == up,
          "\(choice) \(seed)")
      }
      let optimum = SingleZoneOptimum.solve(job: job, window: single)
      let regional = DeadlineOptimum.solve(job: job, window: w)
      #expect(abs((regional?.cost ?? -1) - (optimum?.cost ?? -1)) < 1e-9, "optimum \(seed)")
    }
  }

  /// The least any place-per-tick schedule pays that meets the deadline
  /// (infinity: none does), by exhaustive search.
  static func cheapestSchedule(job: DeadlineJob, window w: DeadlineWindow) -> Double {
    var best = Double.infinity
    var script = [Place?](repeating: nil, count: w.ticks)
    func search(_ k: Int) {
      if k == w.ticks {
        let o = DeadlineSimulator.run(Script(places: script), job: job, window: w)
        if !o.missed { best = min(best, o.cost) }
        return
      }
      for a in -1..<w.places {
        script[k] = a < 0 ? nil : w.place(at: a)
        search(k + 1)
      }
    }
    search(0)
    return best
  }

  /// Every place-per-tick script run through the simulator: the optimum
  /// must cost what the cheapest deadline-meeting one costs (or be nil).
  static func expectTheOptimumMatchesExhaustiveSearch(
    job: DeadlineJob, window w: DeadlineWindow, seed: UInt64
  ) {
    let ticks = w.ticks
    let best = cheapestSchedule(job: job, window: w)
    let optimum = DeadlineOptimum.solve(job: job, window: w)
    // The priced-work floor of the whole job bounds the cheapest schedule.
    let floor = DeadlineOptimum.PricedWorkFloor(job: job, window: w, ticks: ticks)
    #expect(floor.atLeast(work: job.work, row: floor.row(of: .start, tick: 0)) <= best + 1e-9)
    if best.isFinite {
      #expect(abs((optimum?.cost ?? .infinity) - best) < 1e-9, "seed \(seed)")
    } else {
      #expect(optimum == nil, "seed \(seed)")
    }
  }

  @Test(arguments: [(2, 2), (3, 2), (2, 1), (3, 3)])
  func theOptimumMatchesExhaustiveSearch(zones: Int, regions: Int) {
    let ticks = zones == 3 ? 5 : 6
    for seed in UInt64(1)...25 {
      let w = Self.window(zones: zones, regions: regions, ticks: ticks, seed: seed)
      let job = DeadlineJob(
        work: 2.5 + Double(seed % 3) * 0.5, deadline: Double(ticks), restartOverhead: 0.3,
        onDemandPrice: 2.5)
      Self.expectTheOptimumMatchesExhaustiveSearch(job: job, window: w, seed: seed)
    }
  }

  /// Where zones cost nearly the same and a restart outlasts a tick (the
  /// AWS V100 case), only the count of starts left proves the optimum: the
  /// search must still find exactly the cheapest schedule.
  @Test(arguments: [(2, 1), (2, 2), (3, 2)])
  func theOptimumMatchesExhaustiveSearchWhenZonesCostAlike(zones: Int, regions: Int) {
    let ticks = zones == 3 ? 6 : 8
    for seed in UInt64(1)...20 {
      let w = Self.window(
        zones: zones, regions: regions, ticks: ticks, tick: 0.5, seed: seed, prices: 0.90...0.96,
        availability: 0.75)
      let job = DeadlineJob(
        work: 1.5 + Double(seed % 3) * 0.25, deadline: Double(ticks) * 0.5,
        restartOverhead: 0.6, onDemandPrice: 2.5)
      Self.expectTheOptimumMatchesExhaustiveSearch(job: job, window: w, seed: seed)
    }
  }

  @Test func theOptimumBoundsEveryGuardedPolicyAndGuardedPoliciesNeverMiss() {
    for seed in UInt64(1)...80 {
      let w = Self.window(zones: 4, regions: 3, ticks: 60, tick: 0.5, seed: seed)
      let job = DeadlineJob(work: 12, deadline: 25, restartOverhead: 0.25, onDemandPrice: 2.5)
      let optimum = DeadlineOptimum.solve(job: job, window: w)
      for policy in DeadlinePolicies.all {
        let o = DeadlineSimulator.run(policy, job: job, window: w)
        if policy.guarded { #expect(!o.missed, "\(policy.name) seed \(seed)") }
        if !o.missed { #expect((optimum?.cost ?? .infinity) <= o.cost + 1e-9, "\(policy.name)") }
      }
    }
  }

  @Test func aMoveAcrossRegionsPaysTransferAndEgressOnce() {
    // Zone 0 (region 0) is cheap and gone from tick 2; zone 1 (region 1, same
    // continent) always has spot. Failover starts in zone 0, is preempted at
    // tick 2 and moves: d + the cross-region transfer, egress once.
    let w = DeadlineWindow(
      tick: 1,
      available: [[true, true, false, false, false, false], Array(repeating: true, count: 6)],
      price: [Array(repeating: 0.5, count: 6), Array(repeating: 0.8, count: 6)],
      zoneRegion: [0, 1], onDemandPrice: [3, 3], regionContinent: [0, 0],
      transferHours: (inRegion: 0.1, crossRegion: 0.4, crossContinent: 1),
      egress: [[0, 0.7], [0.7, 0]])
    let job = DeadlineJob(work: 3, deadline: 6, restartOverhead: 0.2, onDemandPrice: 3)
    let o = DeadlineSimulator.run(UniformProgress(.failover), job: job, window: w)
    #expect(o.preemptions == 1 && o.migrations == 1 && o.restarts == 2)
    #expect(o.egressCost == 0.7)
    // Ticks 0–1 in zone 0: 2 − 0.2 = 1.8 h of work; then 0.6 h of overhead
    // in tick 2, and 1.2 h more: done at 2 + 0.6 + 1.2 = 3.8 h.
    #expect(abs((o.finishedAt ?? 0) - 3.8) < 1e-12)
    #expect(abs(o.cost - (2 * 0.5 + 2 * 0.8 + 0.7)) < 1e-12)
  }

  @Test func theValuePolicyCannotSeeTheFuture() {
    for seed in UInt64(1)...30 {
      let w = Self.window(zones: 3, regions: 2, ticks: 80, tick: 0.5, seed: seed)
      let cut = 20 + Int(seed % 30)
      var other = w
      for z in 0..<w.zones {
        for k in cut..<w.ticks {
          other.available[z][k].toggle()
          other.price[z][k] *= 3
        }
      }
      let job = DeadlineJob(work: 15, deadline: 35, restartOverhead: 0.25, onDemandPrice: 2.5)
      for policy in DeadlinePolicies.all {
        let a = Recorder()
        let b = Recorder()
        _ = DeadlineSimulator.run(Recording(inner: policy, recorder: a), job: job, window: w)
        _ = DeadlineSimulator.run(Recording(inner: policy, recorder: b), job: job, window: other)
        let n = min(cut, a.decisions.count, b.decisions.count)
        #expect(Array(a.decisions.prefix(n)) == Array(b.decisions.prefix(n)), "\(policy.name)")
      }
    }
  }
}
