import Foundation
import Testing

/// `synkti simulate` runs the model the scenario names.
@Suite(.serialized) struct SimulateCommandTests {
  /// `--set model=deadline-job` runs one deadline job on the trace window
  /// (it used to run the fleet simulator: 200 tasks).
  @Test func modelDeadlineJobRunsTheDeadlineModel() throws {
    let result = CLI.run([
      "simulate", "--market", "trace:Experiments/data/traces/aws-v100-2023-02",
      "--accelerator", "V100", "--set", "model=deadline-job", "--set",
      "trace_zones=us-east-1c,us-west-2a", "--set", "work_hours=constant(10)", "--set",
      "deadline_hours=15", "--policy", "up-failover", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["tasks_total"] as? Int == 1)
    // One event per 195-second tick up to the deadline: ⌈15 h ÷ 195 s⌉.
    #expect(object["events_processed"] as? Int == 277)
    #expect((object["gap_to_optimal"] as? Double ?? 0) >= 1)
  }

  /// With periodic checkpoints the summary says how often and what
  /// reclaims lost; with progress kept it has no such line.
  @Test func aDeadlineJobSaysWhatReclaimsLost() {
    let base = [
      "simulate", "--market", "trace:Experiments/data/traces/gcp-h100-2025-10",
      "--accelerator", "H100-80GB-GCP", "--set", "model=deadline-job", "--set",
      "trace_zones=us-west1-a", "--set", "work_hours=constant(24)", "--set", "deadline_hours=36",
      "--set", "checkpoint_gb=112", "--policy", "greedy",
    ]
    let periodic = CLI.run(base + ["--set", "checkpoint_interval_hours=1"])
    #expect(periodic.status == 0, "\(periodic.stderr)")
    #expect(periodic.stdout.contains("checkpoints every 1.00 h of running; "))
    #expect(
      periodic.stdout.contains(" h of work lost to reclaims whose grace period was too short"))
    let kept = CLI.run(base)
    #expect(kept.status == 0 && !kept.stdout.contains("checkpoints every"))
  }

  @Test func aKeyTheModelNeverReadsExitsTwoNamingIt() {
    let result = CLI.run([
      "simulate", "--set", "model=deadline-job", "--market",
      "trace:Experiments/data/traces/aws-v100-2023-02", "--set", "trace_zone=us-east-1a",
      "--tasks", "10",
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("key 'tasks' (value '10') does not apply to model deadline-job"))
  }
}
