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
