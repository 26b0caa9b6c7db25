@testable import Simulation
import Testing

/// How long `ValuePolicy` waits for the zone that holds its checkpoint when
/// the slack does not hold a wait at every loss ahead (`waitTimeout`).
@Suite struct ValuePolicyWaitTests {
  /// 20 h of work by `deadline`, 0.1 h restarts, on-demand at $3.
  static func job(deadline: Double) -> DeadlineJob {
    DeadlineJob(work: 20, deadline: deadline, restartOverhead: 0.1, onDemandPrice: 3)
  }

  /// That job run whole where zone 0 loses spot at the ticks `down`
  /// (`ValuePolicyTests.homeAndAway`, hour-long outages, a $2 move).
  static func run(down: Set<Int>, deadline: Double) -> DeadlineOutcome {
    let window = ValuePolicyTests.homeAndAway(ticks: 30, down: down, outage: 1, egress: 2)
    return DeadlineSimulator.run(ValuePolicy(), job: job(deadline: deadline), window: window)
  }

  /// The decision of a job idle at tick 0 with its checkpoint in zone 0.
  static func decision(_ window: DeadlineWindow, _ job: DeadlineJob) -> Place? {
    var policy = ValuePolicy()
    let view = DeadlineView(
      window: window, tick: 0, done: 0, place: nil, home: .spot(zone: 0), overheadLeft: 0)
    return policy.decide(view, job: job)
  }

  /// By hand: 3 h of slack for 4 waits of outages averaging 1 h is spent
  /// at the timeout τ with 4·(1 − e^(−τ)) = 3, τ = ln 4; every wait fits
  /// when the slack covers 4 whole outages; none without slack.
  @Test func theTimeoutSharesTheSlackOutByHand() {
    #expect(abs(ValuePolicy.waitTimeout(spare: 3, waits: 4, outage: 1) - _log(4)) < 1e-12)
    #expect(
      abs(ValuePolicy.waitTimeout(spare: 3, waits: 4, outage: 2) - 2 * _log(8.0 / 5)) < 1e-12)
    #expect(ValuePolicy.waitTimeout(spare: 4, waits: 4, outage: 1) == .infinity)
    #expect(ValuePolicy.waitTimeout(spare: 0, waits: 4, outage: 1) == 0)
    #expect(ValuePolicy.waitTimeout(spare: -1, waits: 4, outage: 1) == 0)
  }

  /// Idle, its checkpoint in zone 0, which has just lost spot (hour-long
  /// outages, a $2 move to zone 1), with 20 h of work and 26 h to do it:
  /// the ~4.7 waits ahead, of 1.8 h each as fitted, do not all fit in the
  /// 4.9 h of slack, but this outage's share of it (τ ≈ 1.02 h) holds a
  /// tick, so the job waits. With 24 h (τ ≈ 0.49 h) it moves. (Before,
  /// with no wait unless every later wait fit, it moved at 26 h too.)
  @Test(arguments: [(26.0, true), (24.0, false)])
  func waitsOutAShortOutageWithinItsShareOfTheSlack(deadline: Double, waits: Bool) {
    let window = ValuePolicyTests.homeAndAway(ticks: 30, down: [0], outage: 1, egress: 2)
    #expect(Self.decision(window, Self.job(deadline: deadline)) == (waits ? nil : .spot(zone: 1)))
  }

  /// Run whole at 25 h, zone 0 losing spot at tick 8 for one tick: the
  /// waits ahead do not all fit in the 3.8 h of slack, but this one's
  /// share does, so the job waits it out and never moves. Eight ticks,
  /// then a 0.1 h restart and 12.1 h of work from tick 9 (13 ticks) bill
  /// 21 ticks at $1; done at 21.2 h. (Before, it moved at the loss: 0.3 h
  /// of start and $2 of egress, $23.)
  @Test func ridesOutAShortOutageAtATightDeadlineByHand() {
    let outcome = Self.run(down: [8], deadline: 25)
    #expect(outcome.migrations == 0 && outcome.preemptions == 1)
    #expect(abs(outcome.cost - 21) < 1e-9)
    #expect(abs((outcome.finishedAt ?? 0) - 21.2) < 1e-9)
  }

  /// At 26 h, zone 0 losing spot for six ticks from tick 8: the job
  /// waits two ticks, its share of the slack (τ between 2 and 3 h), then
  /// moves: a 0.1 h restart, a 0.2 h transfer and 12.1 h of work from
  /// tick 10 (13 ticks), $2 of egress: $23, done at 22.4 h. (Before, it
  /// moved at tick 8 and was done at 20.4 h; with no limit on the wait it
  /// would wait on.)
  @Test func waitsItsShareOfALongOutageThenMovesByHand() {
    let outcome = Self.run(down: [8, 9, 10, 11, 12, 13], deadline: 26)
    #expect(outcome.migrations == 1 && outcome.preemptions == 1)
    #expect(abs(outcome.cost - 23) < 1e-9)
    #expect(abs((outcome.finishedAt ?? 0) - 22.4) < 1e-9)
  }

  /// Zone 0 loses spot every other tick from tick 2 (its history: an hour
  /// out in every five). At the first loss the job has ridden zone 0 for
  /// 2 h, one loss: believed from that run with the 4.25 h fit as one
  /// more, zone 0's runs last 3.1 h, not 4.25, its outages likewise less,
  /// and this outage's share of the slack is less than a tick. So it moves
  /// at once: a 0.1 h restart, a 0.2 h transfer and 18.1 h of work from
  /// tick 2 (19 ticks at $1), $2 of egress: $23, done at 20.4 h. (Believing
  /// the fit alone, it waited a tick, resumed, lost zone 0 again at tick 4
  /// and then moved, done at 21.5 h.)
  @Test func aHomeThatFailsTheJobGetsAShorterWait() {
    let outcome = Self.run(down: [2, 4, 6, 8, 10, 12, 14, 16, 18], deadline: 26)
    #expect(outcome.migrations == 1 && outcome.preemptions == 1)
    #expect(abs(outcome.cost - 23) < 1e-9)
    #expect(abs((outcome.finishedAt ?? 0) - 20.4) < 1e-9)
  }

  /// Where a reclaim loses the work since the last checkpoint (a 0.1 h
  /// write against a 0.05 h grace period, a checkpoint every hour), the
  /// job does not wait for zone 0 once the waits ahead do not fit in the
  /// slack (28 h for 20 h of work): it moves. (With the timeout there too,
  /// it waited.)
  @Test func noShareOfTheSlackWhereAReclaimLosesWork() {
    var window = ValuePolicyTests.homeAndAway(ticks: 30, down: [0], outage: 1, egress: 2)
    window.graceHours = [0.05]
    var job = Self.job(deadline: 28)
    job.checkpointInterval = 1
    job.checkpointWriteHours = 0.1
    #expect(Self.decision(window, job) == .spot(zone: 1))
  }
}
