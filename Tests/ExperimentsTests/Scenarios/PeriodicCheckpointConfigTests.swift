import Experiments
import Simulation
import Testing

/// `checkpoint_interval_hours` and each type's grace period reach the
/// deadline job: a checkpoint written at the in-region bandwidth, each
/// type's catalog grace period (or `grace_seconds` for every type).
@Suite struct PeriodicCheckpointConfigTests {
  let chips = ChipsTests()

  func scenario(_ pairs: [(String, String)]) throws -> DeadlineScenario {
    try chips.scenario(pairs)
  }

  @Test func eachTypeKeepsItsCatalogGracePeriodAndTheCheckpointItsWriteTime() throws {
    let s = try scenario([
      ("policy", "synkti-value"), ("workload", "llama2-70b-inference"),
      ("chips", "MI300X,H100-80GB"), ("checkpoint_interval_hours", "1"),
    ])
    // GCP H100 30 s, Azure MI300X 30 s, AWS H100 120 s; 50 GB at 9.72 Gbit/s.
    let grace: [Double] = [30.0 / 3600, 30.0 / 3600, 120.0 / 3600]
    #expect(s.window.graceHours == grace)
    #expect(s.job.checkpointInterval == 1)
    let write: Double = 50 * 8 / 9.72 / 3600
    #expect(s.job.checkpointWriteHours == write)
    // 41 s: more than 30 s, less than 120 s.
    #expect(s.window.losesWork(at: 0, job: s.job) && s.window.losesWork(at: 2, job: s.job))
    #expect(!s.window.losesWork(at: 3, job: s.job))
    // Without periodic checkpoints, progress is kept as it is made.
    let kept = try scenario([("policy", "synkti-value"), ("grace_seconds", "5")])
    #expect(kept.job.checkpointInterval == 0 && kept.job.checkpointWriteHours == 0)
    let five: [Double] = [5.0 / 3600]
    #expect(kept.window.graceHours == five)
  }

  @Test func anIntervalShorterThanTheWriteIsRefusedByKey() throws {
    do {
      _ = try scenario([("policy", "synkti-value"), ("checkpoint_interval_hours", "0.01")])
      Issue.record("an interval shorter than the 41 s write was accepted")
    } catch let ExperimentsError.invalidValue(file, key, value, _) {
      #expect(file == "chips.yaml" && key == "checkpoint_interval_hours" && value == "0.01")
    }
  }

  /// A grace period long enough to write the checkpoint changes no run; a
  /// short one loses work in some window, and the deadline still holds.
  @Test func onlyAShortGracePeriodLosesWork() throws {
    var lost = 0.0
    for start in ["40", "100", "160", "220"] {
      for policy in ["up-eager-failover", "synkti-value", "greedy"] {
        let base = [("policy", policy), ("trace_start_hour", start)]
        let kept = try chips.config(base).resolveRunnable(catalog: chips.catalog).run(seed: 1)
        let long = try chips.config(
          base + [("checkpoint_interval_hours", "1"), ("grace_seconds", "120")]
        ).resolveRunnable(catalog: chips.catalog).run(seed: 1)
        #expect(long == kept, "\(policy) \(start)")
        let short = try chips.config(base + [("checkpoint_interval_hours", "1")])
          .resolveRunnable(catalog: chips.catalog).run(seed: 1)
        #expect(short.deadlineMisses == 0, "\(policy) \(start)")
        #expect(short.gapToOptimal! >= 1 - 1e-12, "\(policy) \(start)")
        lost += short.workLostHours
      }
    }
    #expect(lost > 0)
  }
}
