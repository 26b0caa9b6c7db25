@testable import Simulation
import Testing

@Suite struct ValuePolicyExplorationTests {
  static let modelled = Probing(intervalHours: 1, billedSeconds: 60)

  /// Zone 0 (home, $1) and zone 1: before the window, home lost spot
  /// every third tick and zone 1 was down for four days. In the window,
  /// home has spot where `home` says (by default it loses spot every third
  /// tick) and zone 1 where `away` says (by default always), at
  /// `awayPrice`. Zone 1 is in another region, a move costing `egress`
  /// each way and `transfer` hours, or, `sameRegion`, in home's, costing
  /// neither.
  static func homeAndAway(
    ticks: Int = 60, home: (Int) -> Bool = { $0 % 3 != 2 }, away: (Int) -> Bool = { _ in true },
    awayPrice: Double = 1, egress: Double = 0, transfer: Double = 0.1, sameRegion: Bool = false
  ) -> DeadlineWindow {
    DeadlineWindow(
      tick: 1,
      available: [(0..<ticks).map(home), (0..<ticks).map(away)],
      price: [Array(repeating: 1.0, count: ticks), Array(repeating: awayPrice, count: ticks)],
      zoneRegion: sameRegion ? [0, 0] : [0, 1], onDemandPrice: sameRegion ? [3] : [3, 3],
      regionContinent: sameRegion ? [0] : [0, 0],
      transferHours: (inRegion: 0, crossRegion: transfer, crossContinent: transfer),
      egress: sameRegion ? [[0]] : [[0, egress], [egress, 0]],
      prior: [(0..<96).map { $0 % 3 != 1 }, Array(repeating: false, count: 96)])
  }

  /// Home loses spot every third tick; zone 1, in another region, has spot
  /// all window. Moving costs `egress`.
  static func staleAway(egress: Double) -> DeadlineWindow { homeAndAway(egress: egress) }

  static let job = DeadlineJob(work: 30, deadline: 60, restartOverhead: 0.3, onDemandPrice: 3)

  /// With modelled probing, zone 1 is believed as its history says: down.
  /// At the first loss (tick 2) the job tries a launch there anyway: a run
  /// believed 12 h long (half the neutral prior) would do its work at $1
  /// an hour where staying home pays for a 0.3 h restart every 2 h, and
  /// $0.50 of egress is less than that saves. The launch succeeds and the
  /// job rides zone 1 to the end. By hand: 1.7 h of work in ticks 0–1
  /// ($2); from tick 2 a 0.4 h start (restart and transfer) and 28.3 h of
  /// work, done at 30.7 h; 29 ticks at $1 and $0.50 of egress: $31.50.
  /// (Before, it stayed home through a loss every third tick: $36, done
  /// at 52.4 h.)
  @Test func triesALaunchInAStaleZoneWhereAFoundRunWouldPayBack() {
    let recorder = Recorder()
    let outcome = DeadlineSimulator.run(
      Recording(inner: ValuePolicy(), recorder: recorder), job: Self.job,
      window: Self.staleAway(egress: 0.5), probing: Self.modelled)
    #expect(
      Array(recorder.decisions.prefix(4)) == [
        .spot(zone: 0), .spot(zone: 0), .spot(zone: 1), .spot(zone: 1),
      ])
    #expect(outcome.preemptions == 1 && outcome.migrations == 1)
    #expect(abs(outcome.cost - 31.5) < 1e-9)
    #expect(abs((outcome.finishedAt ?? 0) - 30.7) < 1e-9)
  }

  /// The same, but a move costs $20 of egress: more than a 12 h run at $1
  /// could save against staying home, so the job never tries zone 1.
  @Test func triesNoLaunchWhereTheMoveCostsMoreThanAFoundRunSaves() {
    let outcome = DeadlineSimulator.run(
      ValuePolicy(), job: Self.job, window: Self.staleAway(egress: 20), probing: Self.modelled)
    #expect(outcome.migrations == 0 && outcome.preemptions > 5)
  }

  /// Zone 0 (home) is down from tick 2 for 20 ticks with 8 h of slack, so
  /// the cheapest plan fears on-demand ($3) and prices the work left far
  /// above spot; zone 1 has spot at ticks 2–3 only. A found run would
  /// replace home's spot runs, not that feared tail: valued at home's spot
  /// cost per unit of work ($1 ÷ its useful share) it does not pay back $5
  /// of egress, so the job tries no launch and waits for home. (Before,
  /// the feared tail paid for the try: the job moved to zone 1, lost it
  /// two ticks later, and paid the egress.)
  @Test func aFearedOnDemandTailDoesNotPayForALaunchTry() {
    let window = Self.homeAndAway(
      home: { $0 < 2 || $0 >= 22 }, away: { $0 == 2 || $0 == 3 }, egress: 5)
    let job = DeadlineJob(work: 30, deadline: 40, restartOverhead: 0.3, onDemandPrice: 3)
    let outcome = DeadlineSimulator.run(
      ValuePolicy(), job: job, window: window, probing: Self.modelled)
    #expect(outcome.migrations == 0)
  }

  /// With free probing the job sees zone 1 every tick: no launch tries;
  /// it joins zone 1 by its plans, as it did before launch tries existed.
  @Test func freeProbingMakesNoLaunchTries() {
    var policy = ValuePolicy()
    let window = Self.staleAway(egress: 0.5)
    let view = DeadlineView(
      window: window, tick: 2, done: 1.7, place: nil, home: .spot(zone: 0), overheadLeft: 0)
    _ = policy.decide(view, job: Self.job)
    #expect(policy.launchTry(view, job: Self.job, estimates: [], best: 1000) == nil)
  }

  /// A launch try believes a zone's found runs with one prior run: the
  /// zone's fit (3 h), or at least the neutral prior (12 h) while the zone
  /// has not been seen with spot in the window. A 2 h found run ended by
  /// a loss: 2 runs of 2 + 12 = 14 h before the zone is seen with spot,
  /// of 2 + 3 = 5 h after; a zone never tried: 1 run of 12 h, then 3 h.
  @Test func foundRunsByHand() {
    var found = ValuePolicy.FoundRuns()
    found.hours = [0, 2]
    found.losses = [0, 1]
    found.seenUp = [false, false]
    #expect(found.belief(1, fitted: 3, prior: 12) == .init(runs: 2, hours: 14))
    #expect(found.belief(0, fitted: 3, prior: 12) == .init(runs: 1, hours: 12))
    found.seenUp = [true, true]
    #expect(found.belief(1, fitted: 3, prior: 12) == .init(runs: 2, hours: 5))
    #expect(found.belief(0, fitted: 3, prior: 12) == .init(runs: 1, hours: 3))
  }

  /// By hand, with P[X > x] = (1 + x/H)^−n. One run of 12 h, within 36 h:
  /// ridden ∫₀³⁶ 12/(12 + x) dx = 12·ln 4 = 16.64 h (the exponential of
  /// mean 12 h: 12·(1 − e^−3) = 11.40 h), ending first with chance
  /// 1 − 1/4. Two runs of 14 h, within 14 h: 14·(1 − 2^−1) = 7 h, ending
  /// first with chance 1 − 2^−2.
  @Test func runBeliefByHand() {
    let one = ValuePolicy.RunBelief(runs: 1, hours: 12)
    #expect(abs(one.ridden(within: 36) - 12 * _log(4)) < 1e-12)
    #expect(abs(one.ends(within: 36) - 0.75) < 1e-12)
    let two = ValuePolicy.RunBelief(runs: 2, hours: 14)
    #expect(abs(two.ridden(within: 14) - 7) < 1e-12)
    #expect(abs(two.ends(within: 14) - 0.75) < 1e-12)
    // Many runs of the same mean: the exponential's.
    let many = ValuePolicy.RunBelief(runs: 1e6, hours: 12e6)
    #expect(abs(many.ridden(within: 36) - 12 * -_expm1(-3)) < 1e-4)
  }

  /// Zone 1, in home's region (no egress, no transfer), is dearer than
  /// home, `price` against $1, and has spot all window after four days
  /// down; home loses spot every third tick. Job: 100 h of work in 200 h.
  static func longJob(price: Double) -> (DeadlineWindow, DeadlineJob) {
    (
      homeAndAway(ticks: 220, awayPrice: price, sameRegion: true),
      DeadlineJob(work: 100, deadline: 200, restartOverhead: 0.3, onDemandPrice: 3)
    )
  }

  /// Zone 1 at $1.08 against home's $1. Believed a single run of 12 h
  /// (the neutral prior: zone 1 was down before the window), a run found
  /// there is ridden 12·ln(1 + 98.6/12) = 26.7 h in expectation, not the
  /// 12 h an exponential of that mean caps it at: enough, against home's
  /// restart every 2 h, to pay for the dearer zone. The job tries it at
  /// home's first loss (tick 2), finds spot, and rides it to the end: 2
  /// ticks at $1, then a 0.3 h restart and 98.3 h of work, done at 100.6 h
  /// over 99 ticks at $1.08: $108.92. (Before, believing the exponential,
  /// it stayed home through a loss every third tick: $118, done at 175.7 h.)
  @Test func aBarelyKnownZoneIsWorthTheChanceOfALongRun() {
    let (window, job) = Self.longJob(price: 1.08)
    let outcome = DeadlineSimulator.run(
      ValuePolicy(), job: job, window: window, probing: Self.modelled)
    #expect(outcome.restarts == 2 && outcome.preemptions == 1)
    #expect(abs(outcome.cost - 108.92) < 1e-9)
    #expect(abs((outcome.finishedAt ?? 0) - 100.6) < 1e-9)
  }

  /// As in the first test, but zone 1 has spot at ticks 2–5 only, egress
  /// is $0.20 each way and a transfer takes 1 h. A run found there ends
  /// before the job with chance 1 − (1 + 29.6/12)^−1 = 0.71, and then
  /// the checkpoint's way back costs 1 h of home's work as well as the
  /// egress: the try does not pay, and the job stays home ($36). (With a
  /// 0.8 h transfer it tries, once home's own runs, shorter than its fit,
  /// price home's work dearer, and pays $37.40.)
  @Test func aRunThatMayEndSoonDoesNotPayForTheWayBack() {
    let window = Self.homeAndAway(away: { $0 >= 2 && $0 < 6 }, egress: 0.2, transfer: 1)
    let outcome = DeadlineSimulator.run(
      ValuePolicy(), job: Self.job, window: window, probing: Self.modelled)
    #expect(outcome.migrations == 0)
    #expect(abs(outcome.cost - 36) < 1e-9)
  }

  /// `longJob`, but home had 23 h runs before the window (a loss a day).
  /// The fit, on days of history, believes home's runs long; the runs the
  /// job rides there in the window (a loss every third tick) say
  /// otherwise.
  static func failingHome(price: Double) -> (DeadlineWindow, DeadlineJob) {
    var (window, job) = longJob(price: price)
    window.prior[0] = (0..<96).map { $0 % 24 != 23 }
    return (window, job)
  }

  /// Zone 1 at $1.05. At home's first losses the fit (runs of about a
  /// day) prices home's restarts at a small share, too little to pay for
  /// the dearer zone; the job's own runs there (2 h each, with the fit as
  /// one prior run) pull home's believed run down, and at the third loss
  /// (tick 8) a found run pays: the job tries zone 1 and rides it to the
  /// end. By hand: three runs at home (ticks 0–1, 3–4, 6–7) of 1.7 h of
  /// work each, 6 ticks at $1; from tick 8 a 0.3 h restart and 94.9 h of
  /// work, done at 103.2 h, 96 ticks at $1.05: $106.80. (Before, a try was
  /// valued by the fit, capped by the plans that believe it: the job
  /// stayed through 17 losses until the fit noticed, $109.60, done at
  /// 121.4 h.)
  @Test func aHomeThatKeepsFailingTheJobIsEscapedBeforeItsFitNotices() {
    let (window, job) = Self.failingHome(price: 1.05)
    let outcome = DeadlineSimulator.run(
      ValuePolicy(), job: job, window: window, probing: Self.modelled)
    #expect(outcome.preemptions == 3 && outcome.restarts == 4)
    #expect(abs(outcome.cost - 106.8) < 1e-9)
    #expect(abs((outcome.finishedAt ?? 0) - 103.2) < 1e-9)
  }

  /// The job's own runs, counted once a tick: zone 0 ridden from tick 0
  /// and lost at tick 4 (4 h; the job meant to stay), a try in zone 1
  /// that failed (no loss: zone 1 had no spot at tick 4), 2 ticks in zone
  /// 1 left by the job's own move (no loss), 2 ticks back in zone 0, then
  /// a try in zone 1 that ran one tick and was lost (a found run of one
  /// tick: 1 h and a loss), and a tick in zone 0. (Before one-tick runs
  /// were counted: [7, 2] and [1, 0], and no found run.)
  @Test func riddenRunsByHand() {
    var found = ValuePolicy.FoundRuns()
    let window = Self.homeAndAway(home: { $0 != 4 }, away: { $0 != 4 && $0 != 10 })
    func see(_ tick: Int, _ place: Place?, decided: Place?, tries: Bool = false) {
      let view = DeadlineView(
        window: window, tick: tick, done: 0, place: place, home: .spot(zone: 0),
        overheadLeft: 0)
      found.observe(view)
      found.observe(view)  // a failed launch has the job decide again
      found.decided = decided
      if tries, let z = decided?.zone { found.tried = (z, tick) }
    }
    see(0, nil, decided: .spot(zone: 0))
    see(1, .spot(zone: 0), decided: .spot(zone: 0))
    see(2, .spot(zone: 0), decided: .spot(zone: 0))
    see(3, .spot(zone: 0), decided: .spot(zone: 0))
    see(4, nil, decided: .spot(zone: 1), tries: true)
    see(5, nil, decided: .spot(zone: 1))
    see(6, .spot(zone: 1), decided: .spot(zone: 1))
    see(7, .spot(zone: 1), decided: .spot(zone: 0))
    see(8, .spot(zone: 0), decided: .spot(zone: 0))
    see(9, .spot(zone: 0), decided: .spot(zone: 1), tries: true)
    see(10, nil, decided: .spot(zone: 0))
    see(11, .spot(zone: 0), decided: .spot(zone: 0))
    #expect(found.riddenHours == [7, 3])
    #expect(found.riddenLosses == [1, 1])
    #expect(found.hours == [0, 1])
    #expect(found.losses == [0, 1])
  }
}
