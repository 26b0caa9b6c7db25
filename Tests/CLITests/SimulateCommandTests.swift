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
  /// `--timeline` writes the run one row per tick, ending at its cost; the
  /// optimum and a fleet have no such run and exit 2 saying why.
  @Test func timelineWritesTheRunTickByTick() throws {
    let dir = CLI.scratch()
    let path = dir + "/timeline.csv"
    let base = [
      "simulate", "--market", "trace:Experiments/data/traces/aws-v100-2023-02",
      "--accelerator", "V100", "--set", "model=deadline-job", "--set",
      "trace_zones=us-east-1c,us-west-2a", "--set", "work_hours=constant(10)", "--set",
      "deadline_hours=15", "--set", "probe_interval_hours=published",
    ]
    let result = CLI.run(base + ["--policy", "synkti-value", "--json", "--timeline", path])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let cost = try #require(object["total_cost"] as? Double)
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines.first == "tick,hour,place,where,has_spot,checkpoint,done_hours,spent_dollars")
    let last = try #require(lines.last?.split(separator: ",", omittingEmptySubsequences: false))
    #expect(last.count == 8)
    #expect(last[6] == "10.0000")
    #expect(abs((Double(last[7]) ?? 0) - cost) < 1e-4)
    #expect(
      lines.dropFirst().allSatisfy {
        $0.contains(",spot,") || $0.contains(",on-demand,") || $0.contains(",idle,")
      })
    #expect(lines.contains { $0.contains(",spot,us-east-1c,") || $0.contains(",spot,us-west-2a,") })

    let optimum = CLI.run(base + ["--policy", "optimal-offline", "--timeline", path])
    #expect(optimum.status == 2)
    #expect(optimum.stderr.contains("has no single run to show"))
    let fleet = CLI.run(["simulate", "--tasks", "3", "--hours", "5", "--timeline", path])
    #expect(fleet.status == 2)
    #expect(fleet.stderr.contains("--timeline needs a deadline job"))
  }
}
