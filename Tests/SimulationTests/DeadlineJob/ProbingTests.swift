import Simulation
import Testing

/// Runs zone 0 whenever it has spot and probes zone 1 at every tick,
/// noting what it saw of zone 1.
struct ProbeZoneOne: DeadlinePolicy {
  var seen: Recorder
  var name: String { "probe-zone-one" }
  var guarded: Bool { false }
  func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    seen.decisions.append(v.lastSeen(1).map { $0.up ? .spot(zone: 1) : nil } ?? nil)
    return .spot(zone: 0)
  }
  func probes(_ v: DeadlineView, job: DeadlineJob, place: Place?) -> [Int] { [1] }
}

@Suite struct ProbingTests {
  static let modelled = Probing(intervalHours: 1, billedSeconds: 60)

  /// Launch attempts are free and observed, so on one zone — and for the
  /// policies that only ever pick among zones with spot now by price —
  /// modelled probing changes nothing: not a decision, not a cent.
  @Test func launchOnlyPoliciesAreUnchangedByModelledProbing() {
    for (job, w) in DeadlineGoldenTests.cases() {
      let single = DeadlineWindow.oneZone(w.slice(zone: 0), onDemandPrice: job.onDemandPrice)
      let firstZone: [any DeadlinePolicy] = [SpotOnly(), Greedy(), UniformProgress(.firstZone)]
      for policy in firstZone {
        #expect(
          DeadlineSimulator.run(policy, job: job, window: single, probing: Self.modelled)
            == DeadlineSimulator.run(policy, job: job, window: single), "\(policy.name)")
      }
      for policy in [UniformProgress(.failover), UniformProgress(.eagerFailover)] {
        #expect(
          DeadlineSimulator.run(policy, job: job, window: w, probing: Self.modelled)
            == DeadlineSimulator.run(policy, job: job, window: w), "\(policy.name)")
      }
    }
  }

  /// A probe is billed as 60 s of spot in the probed zone when it finds
  /// spot, and what it found is seen from the next tick on, never before.
  @Test func probesAreBilledWhenTheyFindSpotAndSeenTheTickAfter() {
    // Zone 1 has spot at even ticks, at $3.6/h: each such probe is $0.06.
    let ticks = 10
    let w = DeadlineWindow(
      tick: 1, available: [Array(repeating: true, count: ticks), (0..<ticks).map { $0 % 2 == 0 }],
      price: [Array(repeating: 1, count: ticks), Array(repeating: 3.6, count: ticks)],
      zoneRegion: [0, 0], onDemandPrice: [5], regionContinent: [0],
      transferHours: (inRegion: 0, crossRegion: 0, crossContinent: 0), egress: [[0]])
    let job = DeadlineJob(work: 4, deadline: 10, restartOverhead: 0, onDemandPrice: 5)
    let recorder = Recorder()
    let outcome = DeadlineSimulator.run(
      ProbeZoneOne(seen: recorder), job: job, window: w, probing: Self.modelled)
    // Four ticks of zone 0 at $1; probes at ticks 0–3, of which 0 and 2 find spot.
    #expect(outcome.probes == 4)
    #expect(abs(outcome.probeCost - 0.12) < 1e-12)
    #expect(abs(outcome.cost - 4.12) < 1e-12)
    // Tick 0: nothing seen yet; tick k > 0: the probe of tick k − 1.
    #expect(recorder.decisions == [nil, .spot(zone: 1), nil, .spot(zone: 1)])
    // Free probing: zone 1 is seen now, and nothing is billed.
    let free = Recorder()
    let freeOutcome = DeadlineSimulator.run(ProbeZoneOne(seen: free), job: job, window: w)
    #expect(freeOutcome.probes == 0 && freeOutcome.cost == 4)
    #expect(free.decisions == [.spot(zone: 1), nil, .spot(zone: 1), nil])
  }

  /// UP(S) tries the region the job last ran in last; `up-failover` takes
  /// the cheapest zone with spot whatever happened there.
  @Test func eagerFailoverTriesTheLastRegionLast() {
    let w = DeadlineWindow(
      tick: 1, available: Array(repeating: [true, true], count: 3),
      price: [[1, 1], [2, 2], [3, 3]], zoneRegion: [0, 1, 2], onDemandPrice: [5, 5, 5],
      regionContinent: [0, 0, 0], transferHours: (inRegion: 0, crossRegion: 0, crossContinent: 0),
      egress: Array(repeating: [0, 0, 0], count: 3))
    let job = DeadlineJob(work: 1, deadline: 2, restartOverhead: 0, onDemandPrice: 5)
    let view = DeadlineView(
      window: w, tick: 1, done: 0.5, place: nil, home: .spot(zone: 0), overheadLeft: 0)
    let eager = UniformProgress(.eagerFailover)
    let failover = UniformProgress(.failover)
    #expect(eager.decide(view, job: job) == .spot(zone: 1))
    #expect(failover.decide(view, job: job) == .spot(zone: 0))
  }

  /// UP(A) ranks by the last five samples: a zone down for the last five
  /// ticks ranks below one always up, though it has spot now and is cheaper.
  @Test func availabilityRanksByTheLastFiveSamples() {
    let ticks = 8
    let w = DeadlineWindow(
      tick: 1,
      available: [
        [true, true, false, false, false, false, true, true],
        Array(repeating: true, count: ticks),
      ],
      price: [Array(repeating: 1, count: ticks), Array(repeating: 2, count: ticks)],
      zoneRegion: [0, 1], onDemandPrice: [5, 5], regionContinent: [0, 0],
      transferHours: (inRegion: 0, crossRegion: 0, crossContinent: 0), egress: [[0, 0], [0, 0]])
    let job = DeadlineJob(work: 1, deadline: 8, restartOverhead: 0, onDemandPrice: 5)
    var upA = ProbedUniformProgress(.availability)
    var decisions: [Place?] = []
    for k in 0..<ticks {
      let view = DeadlineView(window: w, tick: k, done: 0, place: nil, home: nil, overheadLeft: 0)
      decisions.append(upA.decide(view, job: job))
    }
    // Ticks 0–1: both score 1, zone 0 wins the tie; tick 6: zone 0 has
    // 1 of 5, zone 1 5 of 5; tick 7: 2 of 5.
    #expect(decisions[0] == .spot(zone: 0) && decisions[1] == .spot(zone: 0))
    #expect(decisions[6] == .spot(zone: 1) && decisions[7] == .spot(zone: 1))
  }
}
