import Simulation
import SynktiTestSupport
import Testing

/// End to end: what every policy but the oracle decides before a moment is
/// the same whatever the traces hold after it. Each test replays the same
/// held-out stretch twice, the second time with everything after that
/// moment flipped, and checks the decisions up to it agree; and that the
/// flipped part is within reach, since the oracle's forecasts, which read
/// the future by design, do change.
@Suite struct FutureBlindDecisionTests {
  static let tick = ForecasterTests.tick
  /// Three zones' availability, ticks [0, 2000) for training: two flaky,
  /// one always up (so a move has somewhere safe to go).
  static let zones =
    [7, 11].map { ForecasterTests.series(3000, seed: $0) } + [Array(repeating: true, count: 3000)]
  static let train = 2000

  /// `zones` with every tick from `tick` on flipped.
  static func flipped(from tick: Int) -> [[Bool]] {
    zones.map { s in s.enumerated().map { $0.offset >= tick ? !$0.element : $0.element } }
  }

  static func forecasts(_ name: String, _ series: [[Bool]], noise: Double = 0) throws
    -> ZoneForecasts
  {
    let fitted: [any Forecaster] = try series.map { s in
      try Forecasters.named(name, truth: s, noise: noise).fitted(
        on: AvailabilityHistory(tickHours: tick, available: s, count: train))
    }
    return ZoneForecasts(
      forecasters: fitted, series: series, trainTicks: train, startTick: train, tickHours: tick)
  }

  // MARK: Multi-region deadline job

  /// Records what the policy it wraps decides, tick by tick.
  final class Log: @unchecked Sendable { var decisions: [Place?] = [] }
  struct Recording: DeadlinePolicy {
    var inner: any DeadlinePolicy
    var log = Log()
    var name: String { inner.name }
    var guarded: Bool { inner.guarded }
    mutating func decide(_ view: DeadlineView, job: DeadlineJob) -> Place? {
      let d = inner.decide(view, job: job)
      log.decisions.append(d)
      return d
    }
  }

  /// The held-out window of `series` from the training cut on: 600 ticks
  /// (30 h), three regions, prices varying by zone and tick.
  static func window(_ series: [[Bool]]) -> DeadlineWindow {
    let ticks = 600
    return DeadlineWindow(
      tick: tick, available: series.map { Array($0[train..<(train + ticks)]) },
      price: series.indices.map { z in
        (0..<ticks).map { 0.8 + 0.1 * Double(z) + 0.001 * Double($0 % 50) }
      },
      zoneRegion: [0, 1, 2], onDemandPrice: [3, 3.2, 3.4], regionContinent: [0, 0, 1],
      transferHours: (inRegion: 0.02, crossRegion: 0.05, crossContinent: 0.1),
      egress: [[0, 0.5, 1], [0.5, 0, 1], [1, 1, 0]])
  }

  static func policies(_ series: [[Bool]]) throws -> [(String, any DeadlinePolicy)] {
    try DeadlinePolicies.all.map { ($0.name, $0) }
      + ["empirical-survival", "arima", "ewma", "noisy-oracle"].map {
        ("synkti-forecast/\($0)", ValuePolicy(forecasts: try forecasts($0, series)))
      }
  }

  @Test func noDeadlinePolicyButTheOracleDecidesOnTheFuture() throws {
    // 20 h of work, deadline 28 h: still running at window tick 300 (15 h).
    let job = DeadlineJob(work: 20, deadline: 28, restartOverhead: 0.1, onDemandPrice: 3)
    let cut = 300
    let truth = Self.zones
    let changed = Self.flipped(from: Self.train + cut + 1)
    let before = try Self.policies(truth)
    let after = try Self.policies(changed)
    for ((name, a), (_, b)) in zip(before, after) {
      let (ra, rb) = (Recording(inner: a), Recording(inner: b))
      _ = DeadlineSimulator.run(ra, job: job, window: Self.window(truth))
      _ = DeadlineSimulator.run(rb, job: job, window: Self.window(changed))
      #expect(ra.log.decisions.count > cut, "\(name) finished before the cut")
      guard !name.hasSuffix("noisy-oracle") else { continue }
      #expect(
        Array(ra.log.decisions.prefix(cut + 1)) == Array(rb.log.decisions.prefix(cut + 1)),
        "\(name) decided differently on a changed future")
    }
    // The always-up zone's true lifetime at the cut ends at the flip.
    let (t, c) = (
      try Self.forecasts("noisy-oracle", truth), try Self.forecasts("noisy-oracle", changed)
    )
    #expect(
      t.expectedLifetime(zone: 2, windowTick: cut) > c.expectedLifetime(zone: 2, windowTick: cut))
  }

  // MARK: Fleet with proactive handling

  /// 30 tasks on the three zones from the training cut on, for `hours`,
  /// moving before predicted losses per `name`'s forecasts of `series`.
  static func fleet(_ name: String, _ series: [[Bool]], hours: Double, noise: Double = 0) throws
    -> Scenario
  {
    let traces = series.enumerated().map { z, s in
      AvailabilityTrace(
        zone: ["us-test-1a", "us-test-2a", "eu-test-1a"][z], tickHours: tick, available: s,
        prices: s.indices.map { 0.3 + 0.05 * Double(z) + 0.0001 * Double($0 % 97) })
    }
    var s = Scenario(
      horizon: hours, fleet: [TestScenarios.gpu(onDemand: 2, grace: 120, boot: 1.0 / 60)],
      market: TraceMarket(
        traces: traces, startHour: Double(train) * tick, accelerator: "test-gpu"),
      workload: TestScenarios.workload(tasks: 30, work: .uniform(1, 8), stateMiB: 65_536),
      policy: GreedyPolicy(), migration: OptimalMigration(), seed: 3)
    s.proactive = ProactiveHandling(
      threshold: 0.01, intervalHours: 1, forecasts: try forecasts(name, series, noise: noise))
    return s
  }

  /// ARIMA(1,1,0) predicts a loss only just after a change (it forecasts
  /// differences), so in this fleet it never moves and its check would be
  /// empty; its predictions' blindness is `ForecasterTests`', and its
  /// decisions' the multi-region test's.
  @Test(arguments: ["empirical-survival", "ewma"])
  func noFleetForecasterMovesOnTheFuture(name: String) throws {
    var a = Simulator(try Self.fleet(name, Self.zones, hours: 40))
    let ma = a.run()
    // The latest move before 30 h; everything from the next tick on is
    // flipped. The market itself looks only a grace period (2 min) ahead
    // at a launch (physics, not a forecast), short of that tick, so every
    // move up to and including that review must be the same.
    let last = try #require(a.proactiveMoves.last { $0.time < 30 }, "\(name) never moved")
    let tick = Int((last.time / Self.tick).rounded())
    var b = Simulator(try Self.fleet(name, Self.flipped(from: Self.train + tick + 1), hours: 40))
    _ = b.run()
    func upTo(_ moves: [(time: Double, task: Int)]) -> [String] {
      moves.filter { $0.time <= last.time }.map { "\($0.time) \($0.task)" }
    }
    #expect(!upTo(a.proactiveMoves).isEmpty && ma.proactiveMigrations > 0)
    #expect(upTo(a.proactiveMoves) == upTo(b.proactiveMoves))
    // The oracle's review at that moment does see the flipped part.
    let (t, c) = (
      try Self.forecasts("noisy-oracle", Self.zones),
      try Self.forecasts("noisy-oracle", Self.flipped(from: Self.train + tick + 1))
    )
    #expect(
      (0..<3).contains {
        t.lossProbability(zone: $0, windowTick: tick, withinHours: 1)
          != c.lossProbability(zone: $0, windowTick: tick, withinHours: 1)
      })
  }
}
