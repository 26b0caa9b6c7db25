import Simulation
import Testing

@Suite struct CheckpointPlannerTests {
  let planner = CheckpointPlanner()

  @Test(arguments: [
    (0.0, CheckpointOutcome.restart), (0.2999, .restart), (0.3, .partial), (0.5, .partial),
    (0.7999, .partial), (0.8, .full), (1.0, .full), (12.0, .full),
  ])
  func outcomeBandsFollowTheThresholds(ratio: Double, expected: CheckpointOutcome) {
    #expect(planner.outcome(forRatio: ratio) == expected)
  }

  @Test func thresholdsAreParameters() {
    let strict = CheckpointPlanner(fullThreshold: 1.0, partialThreshold: 0.5)
    #expect(strict.outcome(forRatio: 0.9) == .partial)
    #expect(strict.outcome(forRatio: 0.4) == .restart)
  }

  /// State sized so the ratio is exactly `ratio` for 1 Gbit/s over 120 s.
  func decide(ratio: Double, progress: Double = 10, durable: Double = 4)
    -> CheckpointPlanner.Decision
  {
    let transferable = Units.transferableMiB(gbps: 1, hours: 120.0 / 3600)
    return planner.checkpoint(
      progress: progress, durable: durable, stateMiB: transferable / ratio, bandwidthGbps: 1,
      graceHours: 120.0 / 3600)
  }

  @Test func fullKeepsAllProgress() {
    let d = decide(ratio: 0.9)
    #expect(d.outcome == .full)
    #expect(d.durableProgress == 10)
  }

  @Test func partialKeepsProgressInProportion() {
    let d = decide(ratio: 0.5)
    #expect(d.outcome == .partial)
    #expect(abs(d.durableProgress - (4 + 6 * 0.5)) < 1e-9)
  }

  @Test func restartKeepsOnlyTheLastDurableCheckpoint() {
    let d = decide(ratio: 0.1)
    #expect(d.outcome == .restart)
    #expect(d.durableProgress == 4)
    #expect(d.savedMiB == 0)
  }

  @Test func unitsConvertGigabitsToMebibytes() {
    // 1 Gbit/s = 125,000,000 B/s = 119.209 MiB/s.
    #expect(abs(Units.mibPerSecondPerGbps - 119.20928955078125) < 1e-12)
    #expect(abs(Units.transferHours(mib: 119.20928955078125 * 3600, gbps: 1) - 1) < 1e-12)
  }
}

@Suite struct CheckpointModelTests {
  let transferable = Units.transferableMiB(gbps: 1, hours: 120.0 / 3600)

  func kept(_ model: CheckpointModel, ratio: Double) -> Double {
    CheckpointPlanner(model: model).checkpoint(
      progress: 10, durable: 0, stateMiB: transferable / ratio, bandwidthGbps: 1,
      graceHours: 120.0 / 3600
    ).durableProgress
  }

  @Test func bandsJumpAtTheFullThresholdProportionalDoesNot() {
    #expect(abs(kept(.bands, ratio: 0.79) - 7.9) < 1e-9)
    #expect(kept(.bands, ratio: 0.80) == 10)
    #expect(abs(kept(.proportional, ratio: 0.79) - 7.9) < 1e-9)
    #expect(abs(kept(.proportional, ratio: 0.80) - 8.0) < 1e-9)
    // Below the partial threshold bands keep nothing new; proportional keeps its share.
    #expect(kept(.bands, ratio: 0.2) == 0)
    #expect(abs(kept(.proportional, ratio: 0.2) - 2.0) < 1e-9)
    #expect(kept(.proportional, ratio: 3) == 10)
    // Without checkpoints nothing new is kept, at any ratio.
    #expect(kept(.none, ratio: 3) == 0 && kept(.none, ratio: 0.5) == 0)
    #expect(CheckpointPlanner(model: .none).outcome(forRatio: 3) == .restart)
  }

  @Test func theSharedLinkGoesToTheMostProgressPerMiBFirst() {
    // Budget 14,305 MiB over three tasks; stakes per MiB: 6/10,000,
    // 2/10,000 and 9/30,000.
    let tasks = [
      CheckpointPlanner.Checkpointing(progress: 6, durable: 0, stateMiB: 10_000),
      .init(progress: 2, durable: 0, stateMiB: 10_000),
      .init(progress: 9, durable: 0, stateMiB: 30_000),
    ]
    let d = CheckpointPlanner(model: .proportional).sharedLink(
      tasks, bandwidthGbps: 1, graceHours: 120.0 / 3600)
    #expect(d[0].savedMiB == 10_000 && d[0].durableProgress == 6)
    let rest = transferable - 10_000
    #expect(abs(d[2].savedMiB - rest) < 1e-9)
    #expect(abs(d[2].durableProgress - 9 * rest / 30_000) < 1e-9)
    #expect(d[1].savedMiB == 0 && d[1].durableProgress == 0)
    // Uploads run in that order: the second finishes when the link has
    // moved everything.
    #expect(abs(d[0].durableAfterHours - Units.transferHours(mib: 10_000, gbps: 1)) < 1e-12)
    #expect(abs(d[2].durableAfterHours - 120.0 / 3600) < 1e-9)
    // Together they never exceed what the link moves.
    #expect(d.map(\.savedMiB).reduce(0, +) <= transferable + 1e-9)
  }
}
