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
