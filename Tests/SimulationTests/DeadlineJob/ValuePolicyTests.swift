@testable import Simulation
import Testing

@Suite struct ValuePolicyTests {
  /// The expected spot hours of the two-state model agree with a
  /// discrete-time chain of small steps (the oracle), from either state.
  @Test(arguments: [(2.0, 1.0, 3.0), (0.5, 4.0, 10.0), (12.0, 0.3, 1.5)])
  func expectedSpotHoursMatchASmallStepChain(lifetime: Double, outage: Double, hours: Double) {
    let e = ZoneEstimate(lifetime: lifetime, outage: outage)
    let dt = 1e-4
    for startUp in [true, false] {
      var pUp = startUp ? 1.0 : 0.0
      var upHours = 0.0
      for _ in 0..<Int(hours / dt) {
        upHours += pUp * dt
        pUp = pUp * (1 - dt / lifetime) + (1 - pUp) * (dt / outage)
      }
      #expect(abs(e.expectedSpotHours(hours, startingUp: startUp) - upHours) < 2e-3 * hours)
    }
  }

  /// With the state now lasting a mean of its own (`current`), then the
  /// fitted process, and with the state now unknown (`upChance`), the
  /// expected spot hours agree with a small-step chain of three states: the
  /// first period (up or down), then runs and outages.
  @Test(arguments: [
    (2.0, 1.0, 8.0, 3.0), (0.5, 4.0, 0.1, 10.0), (12.0, 0.3, 30.0, 40.0), (3.0, 3.0, 3.0, 5.0),
  ])
  func aStateWithItsOwnMeanMatchesASmallStepChain(
    lifetime: Double, outage: Double, current: Double, hours: Double
  ) {
    let dt = 1e-4
    func chain(firstUp: Double, firstDown: Double, fresh: Double) -> Double {
      // Chances of: still in the first run, still in the first outage, in
      // a fitted run, in a fitted outage.
      var (a, b, up, down) = (firstUp, firstDown, fresh, 1 - firstUp - firstDown - fresh)
      var upHours = 0.0
      for _ in 0..<Int(hours / dt) {
        upHours += (a + up) * dt
        let (endA, endB) = (a * dt / current, b * dt / current)
        let (lost, back) = (up * dt / lifetime, down * dt / outage)
        (a, b, up, down) = (a - endA, b - endB, up - lost + back + endB, down + lost - back + endA)
      }
      return upHours
    }
    for startUp in [true, false] {
      let e = ZoneEstimate(lifetime: lifetime, outage: outage, current: current)
      let oracle = chain(firstUp: startUp ? 1 : 0, firstDown: startUp ? 0 : 1, fresh: 0)
      #expect(abs(e.expectedSpotHours(hours, startingUp: startUp) - oracle) < 2e-3 * hours)
    }
    let unknown = ZoneEstimate(lifetime: lifetime, outage: outage, current: current, upChance: 0.3)
    let oracle = chain(firstUp: 0, firstDown: 0.7, fresh: 0.3)
    #expect(abs(unknown.expectedSpotHours(hours, startingUp: true) - oracle) < 2e-3 * hours)
  }

  /// A state whose mean is its fitted one is the memoryless model.
  @Test func aCurrentStateAtTheFittedMeanIsTheMemorylessModel() {
    let e = ZoneEstimate(lifetime: 2, outage: 5)
    for hours in [0.5, 3.0, 40.0] {
      let up = ZoneEstimate(lifetime: 2, outage: 5, current: 2)
      let down = ZoneEstimate(lifetime: 2, outage: 5, current: 5)
      #expect(
        abs(
          up.expectedSpotHours(hours, startingUp: true)
            - e.expectedSpotHours(hours, startingUp: true))
          < 1e-12)
      #expect(
        abs(
          down.expectedSpotHours(hours, startingUp: false)
            - e.expectedSpotHours(hours, startingUp: false))
          < 1e-12)
    }
  }

  /// By hand: L = W = 1 h, from spot, over 1 h: ½ + ½·(1 − e⁻²)/2.
  @Test func expectedSpotHoursByHand() {
    let e = ZoneEstimate(lifetime: 1, outage: 1)
    #expect(
      abs(e.expectedSpotHours(1, startingUp: true) - (0.5 + 0.25 * (1 - 0.1353352832366127)))
        < 1e-12)
    #expect(e.availability == 0.5)
  }

  /// A window of two zones in two regions, `ticks` long, always with spot
  /// unless `failing` (zone 0 then loses spot for good at tick 3), after two
  /// days when both always had spot.
  static func window(
    ticks: Int, price0: [Double], price1: [Double], transferHours: Double, egress: Double,
    failing: Bool = false
  ) -> DeadlineWindow {
    DeadlineWindow(
      tick: 1,
      available: [(0..<ticks).map { !failing || $0 < 3 }, Array(repeating: true, count: ticks)],
      price: [price0, price1], zoneRegion: [0, 1], onDemandPrice: [3, 3], regionContinent: [0, 0],
      transferHours: (inRegion: 0, crossRegion: transferHours, crossContinent: transferHours),
      egress: [[0, egress], [egress, 0]],
      prior: Array(repeating: Array(repeating: true, count: 48), count: 2))
  }

  /// It moves to a zone that turns cheaper only when the move pays: with a
  /// cheap move it moves once, with a dear one never.
  @Test func movesOnlyWhenTheMovePaysBack() {
    let ticks = 30
    let price0 = Array(repeating: 1.0, count: ticks)
    let price1 = (0..<ticks).map { $0 < 3 ? 2.0 : 0.5 }
    let job = DeadlineJob(work: 20, deadline: 30, restartOverhead: 0.1, onDemandPrice: 3)
    let cheap = DeadlineSimulator.run(
      ValuePolicy(), job: job,
      window: Self.window(
        ticks: ticks, price0: price0, price1: price1, transferHours: 0.1, egress: 0.5))
    #expect(cheap.migrations == 1 && !cheap.missed)
    let dear = DeadlineSimulator.run(
      ValuePolicy(), job: job,
      window: Self.window(
        ticks: ticks, price0: price0, price1: price1, transferHours: 0.1, egress: 20))
    #expect(dear.migrations == 0 && !dear.missed)
    #expect(dear.cost == 21)  // 20.1 h of work and overhead: 21 ticks billed whole at $1
  }

  /// It starts in the cheaper zone, which always had spot before the
  /// window, and once that zone loses spot moves once to the other and
  /// stays, rather than wait it out.
  @Test func leavesAZoneThatKeepsFailing() {
    let ticks = 40
    let recorder = Recorder()
    let job = DeadlineJob(work: 20, deadline: 40, restartOverhead: 0.1, onDemandPrice: 3)
    let outcome = DeadlineSimulator.run(
      Recording(inner: ValuePolicy(), recorder: recorder), job: job,
      window: Self.window(
        ticks: ticks, price0: Array(repeating: 0.9, count: ticks),
        price1: Array(repeating: 1.0, count: ticks), transferHours: 0.1, egress: 0.5,
        failing: true))
    #expect(recorder.decisions.first == .spot(zone: 0))
    #expect(!outcome.missed && outcome.migrations == 1)
    #expect(recorder.decisions.suffix(5).allSatisfy { $0 == .spot(zone: 1) })
  }

  /// A move plan stays in its start zone until that zone's first loss, so
  /// a start zone dearer than the others is priced as such. Zone 0 ($1)
  /// has spot `up` ticks in every `up + down`, before and during the
  /// window; zone 1 (another type, say: $1.2 to $1.5 in another region)
  /// always has it. Pricing a plan that starts in zone 1 at the two zones'
  /// pooled price, the policy used to start there and, never losing it,
  /// run the whole job there (21 ticks at its price). Now it starts in the
  /// cheap zone and pays less than that in every case.
  @Test(arguments: [1.2, 1.3, 1.5], [(8, 2), (12, 8)])
  func startsInTheCheapZoneRatherThanTheDearOneItWouldNeverLeave(
    price1: Double, pattern: (up: Int, down: Int)
  ) {
    for deadline in [25.0, 30.0] {
      let ticks = Int(deadline)
      let period = pattern.up + pattern.down
      let up: (Int) -> Bool = { (($0 % period) + period) % period < pattern.up }
      let window = DeadlineWindow(
        tick: 1,
        available: [(0..<ticks).map(up), Array(repeating: true, count: ticks)],
        price: [Array(repeating: 1.0, count: ticks), Array(repeating: price1, count: ticks)],
        zoneRegion: [0, 1], onDemandPrice: [3, 3], regionContinent: [0, 0],
        transferHours: (inRegion: 0, crossRegion: 0.1, crossContinent: 0.1),
        egress: [[0, 0.5], [0.5, 0]],
        prior: [(-48..<0).map(up), Array(repeating: true, count: 48)])
      let job = DeadlineJob(work: 20, deadline: deadline, restartOverhead: 0.1, onDemandPrice: 3)
      let recorder = Recorder()
      let outcome = DeadlineSimulator.run(
        Recording(inner: ValuePolicy(), recorder: recorder), job: job, window: window)
      #expect(!outcome.missed)
      #expect(recorder.decisions.first == .spot(zone: 0))
      #expect(outcome.cost < 21 * price1)
    }
  }

  /// A run watched unbroken is believed to last at least as long again:
  /// zone 0 lost spot every other hour for the 96 h before the window
  /// (runs of an hour), then kept it from the window's start. Seen at
  /// every tick (free probing) up to tick 20, its run is 21 h old, so its
  /// expected run is at least 21 h at the start or while the job rides it;
  /// mid-job, seen from elsewhere, the fit alone says 2 h. The
  /// outage side is unchanged: zone 1, down since before the window, is
  /// believed down for at least as long again.
  @Test func aLongWatchedRunIsBelievedToLastAsLongAgain() {
    let ticks = 30
    let window = DeadlineWindow(
      tick: 1,
      available: [Array(repeating: true, count: ticks), Array(repeating: false, count: ticks)],
      price: Array(repeating: Array(repeating: 1.0, count: ticks), count: 2),
      zoneRegion: [0, 0], onDemandPrice: [3], regionContinent: [0],
      transferHours: (inRegion: 0, crossRegion: 0, crossContinent: 0),
      egress: [[0, 0], [0, 0]],
      prior: [(0..<96).map { $0 % 2 == 0 }, Array(repeating: false, count: 96)])
    let job = DeadlineJob(work: 10, deadline: Double(ticks), restartOverhead: 0.1, onDemandPrice: 3)
    var policy = ValuePolicy()
    var view = DeadlineView(
      window: window, tick: 0, done: 0, place: nil, home: nil, overheadLeft: 0)
    for k in 0...20 {
      view = DeadlineView(
        window: window, tick: k, done: 0, place: nil, home: nil, overheadLeft: 0)
      _ = policy.decide(view, job: job)
    }
    #expect(policy.estimate(view, 0).lifetime >= 21)
    #expect(policy.estimate(view, 0).lifetime < 21.5)
    // That outage is believed to last as long again; the outages after it
    // are the fitted ones.
    #expect((policy.estimate(view, 1).current ?? 0) >= 20 + 96)
    #expect(policy.estimate(view, 1).outage < 96)
    // Mid-job, the rule holds for the zone the job runs in, and for any
    // zone while the job is idle (it starts somewhere anyway), not for a
    // zone it would have to leave a place to join.
    let riding = DeadlineView(
      window: window, tick: 20, done: 5, place: .spot(zone: 0), home: nil, overheadLeft: 0)
    #expect(policy.estimate(riding, 0).lifetime >= 21)
    let idle = DeadlineView(
      window: window, tick: 20, done: 5, place: nil, home: .spot(zone: 1), overheadLeft: 0)
    #expect(policy.estimate(idle, 0).lifetime >= 21)
    let elsewhere = DeadlineView(
      window: window, tick: 20, done: 5, place: .onDemand(region: 0), home: nil, overheadLeft: 0)
    #expect(policy.estimate(elsewhere, 0).lifetime < 3)
  }

  /// With `bridgesOutages`, a wait for a zone without spot runs on-demand
  /// instead when the plan expects to need at least that much on-demand
  /// anyway: one zone that had spot half the time (4 h runs, 4 h outages)
  /// is down at the start; 10 h of work by 14 h needs ~6 h on-demand, more
  /// than the outage's ~4 h, so the wait is bridged. By 40 h spot covers the
  /// work: it waits. Without the option it waits either way.
  @Test(arguments: [(14.0, true), (40.0, false)])
  func bridgesAnOutageOnlyWithOnDemandItNeedsAnyway(deadline: Double, bridged: Bool) {
    let ticks = Int(deadline)
    let window = DeadlineWindow(
      tick: 1,
      available: [(0..<ticks).map { $0 >= 6 }],
      price: [Array(repeating: 1.0, count: ticks)],
      zoneRegion: [0], onDemandPrice: [3], regionContinent: [0],
      transferHours: (inRegion: 0, crossRegion: 0, crossContinent: 0),
      egress: [[0]],
      prior: [(0..<96).map { ($0 / 4) % 2 == 0 }])
    let job = DeadlineJob(work: 10, deadline: deadline, restartOverhead: 0.1, onDemandPrice: 3)
    let view = DeadlineView(
      window: window, tick: 0, done: 0, place: nil, home: nil, overheadLeft: 0)
    var waits = ValuePolicy()
    #expect(waits.decide(view, job: job) == nil)
    var bridging = ValuePolicy(bridgesOutages: true)
    #expect(bridging.decide(view, job: job) == (bridged ? .onDemand(region: 0) : nil))
    // Either way the deadline holds, and bridging pays no more here.
    let idle = DeadlineSimulator.run(ValuePolicy(), job: job, window: window)
    let bridge = DeadlineSimulator.run(ValuePolicy(bridgesOutages: true), job: job, window: window)
    #expect(!idle.missed && !bridge.missed)
    #expect(bridge.cost <= idle.cost + 1e-9)
  }

  /// 40 ticks of spot throughout, $1/h, on the own type, whose grace
  /// period writes no checkpoint, and on a chip at `chipPrice` whose grace
  /// period writes any; both with `prior` before the window, on-demand $3/h.
  static func lossyAndSafeTypes(prior: [Bool], chipPrice: Double) -> DeadlineWindow {
    let ticks = 40
    var window = DeadlineWindow(
      tick: 1, available: [Array(repeating: true, count: ticks)],
      price: [Array(repeating: 1.0, count: ticks)], zoneRegion: [0], onDemandPrice: [3],
      regionContinent: [0], transferHours: (inRegion: 0, crossRegion: 0, crossContinent: 0),
      egress: [[0]], prior: [prior]
    ).adding(
      AcceleratorPlaces(
        available: Array(repeating: true, count: ticks),
        price: Array(repeating: chipPrice, count: ticks), prior: prior, onDemandPrice: 3,
        speed: 1),
      continent: 0, egress: 0)
    window.graceHours = [0, .infinity]
    return window
  }

  /// Where a reclaim loses the work since the last periodic checkpoint (the
  /// own type's grace period is too short to write it), the value policy
  /// counts that work as lost in each run and starts on a chip 5 % dearer
  /// whose grace period writes it; with progress kept, on the cheaper own type.
  @Test func weighsTheWorkAShortGracePeriodLoses() {
    let window = Self.lossyAndSafeTypes(
      prior: (0..<96).map { ($0 / 4) % 2 == 0 }, chipPrice: 1.05)
    var job = DeadlineJob(work: 10, deadline: 30, restartOverhead: 0.1, onDemandPrice: 3)
    let view = DeadlineView(
      window: window, tick: 0, done: 0, place: nil, home: nil, overheadLeft: 0)
    var policy = ValuePolicy()
    #expect(policy.decide(view, job: job) == .spot(zone: 0))
    job.checkpointInterval = 2
    job.checkpointWriteHours = 0.05
    policy = ValuePolicy()
    #expect(policy.decide(view, job: job) == .spot(zone: 1))
  }

  /// With an hour of slack, a job whose reclaims lose up to 2 h of work
  /// cannot stay on the lossy type's spot (the guard keeps 2 h in reserve
  /// there), though its long runs lose little: the policy starts on a chip
  /// 30 % dearer whose grace period writes the checkpoint; with 30 h of
  /// slack, on the cheap type.
  @Test(arguments: [(11.0, 1), (40.0, 0)])
  func keepsTheGuardsReserveWhereAReclaimLosesWork(deadline: Double, zone: Int) {
    // 20 h runs, 4 h outages.
    let window = Self.lossyAndSafeTypes(prior: (0..<96).map { ($0 % 24) < 20 }, chipPrice: 1.3)
    var job = DeadlineJob(work: 10, deadline: deadline, restartOverhead: 0.1, onDemandPrice: 3)
    job.checkpointInterval = 2
    job.checkpointWriteHours = 0.05
    let view = DeadlineView(
      window: window, tick: 0, done: 0, place: nil, home: nil, overheadLeft: 0)
    var policy = ValuePolicy()
    #expect(policy.decide(view, job: job) == .spot(zone: zone))
  }

  /// E[L mod I] for exponential runs of mean μ: the whole run when runs are
  /// short, half an interval when they are long, I(1 − 1/(e − 1)) at μ = I.
  @Test func theWorkARunLosesByHand() {
    let w = PeriodicCheckpointTests.window(Array(repeating: true, count: 4), grace: 0)
    var job = PeriodicCheckpointTests.job
    job.checkpointInterval = 2
    let v = DeadlineView(window: w, tick: 0, done: 0, place: nil, home: nil, overheadLeft: 0)
    func lost(_ mu: Double) -> Double {
      ValuePolicy.unsavedHours(v, .spot(zone: 0), job: job, lifetime: mu)
    }
    #expect(abs(lost(2) - 2 * (1 - 1 / (_exp(1) - 1))) < 1e-12)
    #expect(abs(lost(0.01) - 0.01) < 1e-6)
    #expect(abs(lost(1_000) - 1) < 1e-3)
    #expect(ValuePolicy.unsavedHours(v, .onDemand(region: 0), job: job, lifetime: 2) == 0)
    #expect(ValuePolicy.unsavedHours(v, .spot(zone: 0), job: job.keepingProgress, lifetime: 2) == 0)
  }

  /// Two zones in two regions at $1/h (on-demand $3/h), a move between
  /// them 0.2 h and `egress` dollars; before the window both had spot 4
  /// ticks in every 4 + `outage`. Zone 0 has spot in the window except at
  /// `down` ticks; zone 1 throughout.
  static func homeAndAway(ticks: Int, down: Set<Int>, outage: Int, egress: Double)
    -> DeadlineWindow
  {
    DeadlineWindow(
      tick: 1,
      available: [(0..<ticks).map { !down.contains($0) }, Array(repeating: true, count: ticks)],
      price: Array(repeating: Array(repeating: 1.0, count: ticks), count: 2), zoneRegion: [0, 1],
      onDemandPrice: [3, 3], regionContinent: [0, 0],
      transferHours: (inRegion: 0, crossRegion: 0.2, crossContinent: 0.2),
      egress: [[0, egress], [egress, 0]],
      prior: Array(repeating: (0..<96).map { $0 % (4 + outage) < 4 }, count: 2))
  }

  /// Idle, its checkpoint in zone 0, which has just lost spot: where zone
  /// 0's outages last an hour it waits a tick for it rather than pay the
  /// move to zone 1; where they last a day it moves; and with 4 h of
  /// slack it moves too, since waiting an hour at each of the ~5 losses
  /// to come would not fit. (Before the wait was weighed it moved in all
  /// three.)
  @Test(arguments: [(1, 30.0, true), (24, 30.0, false), (1, 24.0, false)])
  func waitsATickForItsHomeZoneOnlyWhereItsOutagesAreShort(
    outage: Int, deadline: Double, waits: Bool
  ) {
    let window = Self.homeAndAway(ticks: 30, down: [0], outage: outage, egress: 2)
    let job = DeadlineJob(work: 20, deadline: deadline, restartOverhead: 0.1, onDemandPrice: 3)
    var policy = ValuePolicy()
    let view = DeadlineView(
      window: window, tick: 0, done: 0, place: nil, home: .spot(zone: 0), overheadLeft: 0)
    #expect(policy.decide(view, job: job) == (waits ? nil : .spot(zone: 1)))
  }

  /// Idle after a loss, it joins another zone's run it has watched for
  /// hours rather than wait on for its own zone. Zone 0 ($1.1) had spot 10
  /// h in every 12 before the window; zone 1 ($1, another region: a move
  /// costs 0.2 h and $2) lost it every other hour, so the job starts in
  /// zone 0. In the window zone 1 keeps spot throughout and zone 0 loses it
  /// at tick 10 for 30 h. Zone 0's outages have lasted 2 h, so the job
  /// waits a tick for it; then, seen at every tick (free probing), zone 1's
  /// run is 11 h old and the job moves there: 10 ticks at $1.1 (9.9 h of
  /// work after a 0.1 h start), then 20.4 h of start, transfer and work in
  /// 21 ticks at $1, and $2 of egress: $34, done at 31.4 h. (Before, with
  /// only the fit's hour-long runs for zone 1, it waited for zone 0 until
  /// tick 17 and was done at 37.4 h.)
  @Test func joinsAWatchedLongRunWhenALossLeavesItIdle() {
    let ticks = 60
    let window = DeadlineWindow(
      tick: 1,
      available: [(0..<ticks).map { $0 < 10 || $0 >= 40 }, Array(repeating: true, count: ticks)],
      price: [Array(repeating: 1.1, count: ticks), Array(repeating: 1.0, count: ticks)],
      zoneRegion: [0, 1], onDemandPrice: [3, 3], regionContinent: [0, 0],
      transferHours: (inRegion: 0, crossRegion: 0.2, crossContinent: 0.2),
      egress: [[0, 2], [2, 0]],
      prior: [(0..<96).map { $0 % 12 < 10 }, (0..<96).map { $0 % 2 == 0 }])
    let job = DeadlineJob(work: 30, deadline: 60, restartOverhead: 0.1, onDemandPrice: 3)
    let recorder = Recorder()
    let outcome = DeadlineSimulator.run(
      Recording(inner: ValuePolicy(), recorder: recorder), job: job, window: window)
    let first: [Place?] = Array(repeating: .spot(zone: 0), count: 10) + [nil, .spot(zone: 1)]
    #expect(Array(recorder.decisions.prefix(12)) == first)
    #expect(outcome.preemptions == 1 && outcome.migrations == 1)
    #expect(abs(outcome.cost - 34) < 1e-9)
    #expect(abs((outcome.finishedAt ?? 0) - 31.4) < 1e-9)
  }

  /// Zone 0 loses spot for one tick twice (a move to zone 1 costs $2):
  /// the job waits out each loss and never moves. Three starts of 0.1 h
  /// bill 21 whole ticks at $1; two idle ticks are free and the work is
  /// done by tick 23 of 26. (Before, it moved at the first loss: $23.)
  @Test func ridesOutItsHomeZonesShortOutagesByHand() {
    let window = Self.homeAndAway(ticks: 26, down: [8, 16], outage: 1, egress: 2)
    let job = DeadlineJob(work: 20, deadline: 26, restartOverhead: 0.1, onDemandPrice: 3)
    let outcome = DeadlineSimulator.run(ValuePolicy(), job: job, window: window)
    #expect(outcome.migrations == 0 && !outcome.missed)
    #expect(outcome.preemptions == 2)
    #expect(abs(outcome.cost - 21) < 1e-9)
  }
}
