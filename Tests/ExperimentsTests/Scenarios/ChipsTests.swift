import Experiments
import Simulation
import Testing

/// A deadline job that may run on other accelerator types (`workload`,
/// `chips`).
@Suite struct ChipsTests {
  let catalog = try! AcceleratorCatalog.load(Paths.catalog)

  /// A 6 h job with a 9 h deadline on two GCP H100 zones (measured).
  func config(_ pairs: [(String, String)]) throws -> ScenarioConfig {
    var c = ScenarioConfig()
    c.file = "chips.yaml"
    c.baseDirectory = Paths.repository.appendingPathComponent("Experiments/paper").path
    for (k, v) in [
      ("model", "deadline-job"), ("accelerator", "H100-80GB-GCP"),
      ("market", "trace:../data/traces/gcp-h100-2025-10"),
      ("trace_zones", "us-central1-a,us-west1-b"), ("work_hours", "constant(6)"),
      ("deadline_hours", "9"), ("restart_overhead_hours", "0.1"), ("checkpoint_gb", "50"),
      ("trace_start_hour", "40"),
    ] + pairs {
      try c.set(k, to: v)
    }
    return c
  }

  func scenario(_ pairs: [(String, String)]) throws -> DeadlineScenario {
    guard case .deadlineJob(let s) = try config(pairs).resolveRunnable(catalog: catalog) else {
      throw ExperimentsError.invalidRequest("not a deadline job")
    }
    return s
  }

  @Test func aWorkloadWithoutChipsIsTheOneTypeModelRunForRun() throws {
    for policy in ["up-failover", "synkti-value", "cheapest-feasible", "optimal-offline"] {
      let plain = try config([("policy", policy)]).resolveRunnable(catalog: catalog)
      let profiled = try config([("policy", policy), ("workload", "llama2-70b-inference")])
        .resolveRunnable(catalog: catalog)
      #expect(plain.run(seed: 3) == profiled.run(seed: 3), "\(policy)")
    }
  }

  @Test func theShareOfWorkOnOtherChipsIsStoredForPoliciesThatChoose() throws {
    let chips = [("workload", "llama2-70b-inference"), ("chips", "all")]
    for policy in ["optimal-offline", "synkti-value", "cheapest-feasible"] {
      let m = try config([("policy", policy)] + chips).resolveRunnable(catalog: catalog)
        .run(seed: 1)
      let share = try #require(m.otherTypeWorkShare, "\(policy)")
      #expect(share >= 0 && share <= 1 + 1e-12, "\(policy)")
    }
    for policy in ["up-eager-failover", "on-demand-only"] {
      let m = try config([("policy", policy)] + chips).resolveRunnable(catalog: catalog)
        .run(seed: 1)
      #expect(m.otherTypeWorkShare == nil, "\(policy)")
    }
    let own = try config([("policy", "optimal-offline")]).resolveRunnable(catalog: catalog)
    #expect(own.run(seed: 1).otherTypeWorkShare == nil)
  }

  /// Each choosing run stores its work by type, a share per type of the
  /// window in its order, adding up to the whole job; the types after the
  /// job's own add up to the stored share on other chips. Policies that
  /// keep to their own type store none.
  @Test func eachTypesShareOfTheWorkIsStoredInTheWindowsOrder() throws {
    let chips = [("workload", "llama2-70b-inference"), ("chips", "all")]
    for policy in ["optimal-offline", "synkti-value", "cheapest-feasible"] {
      let s = try scenario([("policy", policy)] + chips)
      let m = s.run()
      let shares = try #require(m.workShareByType, "\(policy)")
      #expect(shares.map(\.type) == s.typeNames, "\(policy)")
      #expect(abs(shares.map(\.share).reduce(0, +) - 1) < 1e-9, "\(policy)")
      let other = try #require(m.otherTypeWorkShare)
      #expect(abs(shares.dropFirst().map(\.share).reduce(0, +) - other) < 1e-9, "\(policy)")
    }
    for policy in ["up-eager-failover", "on-demand-only"] {
      #expect(try scenario([("policy", policy)] + chips).run().workShareByType == nil)
    }
  }

  /// The window's types are named in order, the job's own first, then the
  /// chips as `chips: all` expands them (the cheapest unit of work on spot
  /// first: MI300X, then AWS's H100); a run's work by type has a lane per
  /// name, its other lanes adding up to the stored share of other types.
  @Test func eachTypeOfTheWindowIsNamedAndCountedInItsLane() throws {
    let chips = [("workload", "llama2-70b-inference"), ("chips", "all")]
    for policy in ["optimal-offline", "synkti-value"] {
      let s = try scenario([("policy", policy)] + chips)
      #expect(s.typeNames == ["H100-80GB-GCP", "MI300X", "H100-80GB"], "\(policy)")
      #expect(s.window.typeCount == s.typeNames.count, "\(policy)")
      let o = s.outcome()
      #expect(o.workByType.count == s.typeNames.count, "\(policy)")
      let share = try #require(s.run().otherTypeWorkShare, "\(policy)")
      #expect(abs(o.workByType.dropFirst().reduce(0, +) / s.job.work - share) < 1e-5, "\(policy)")
    }
    #expect(try scenario([("policy", "synkti-value")]).typeNames == ["H100-80GB-GCP"])
  }

  @Test func chipsAddOneZoneAndOneOnDemandEachAtTheirMeasuredSpeed() throws {
    let s = try scenario([
      ("policy", "cheapest-feasible"), ("workload", "llama2-70b-inference"),
      ("chips", "MI300X,H100-80GB"),
    ])
    let w = s.window
    #expect(w.zones == 4 && w.regions == 4)
    // GCP H100 (the job's type) at 1; MI300X 23,514.8 ÷ 24,524.9 tokens/s;
    // AWS H100 the same chip as GCP's, so 1.
    let mi = 23514.8 / 24524.9
    #expect(abs(w.speed[2] - mi) < 1e-12 && w.speed[3] == 1)
    #expect(abs(w.speed[6] - mi) < 1e-12 && w.speed[7] == 1)
    #expect(Array(w.speed[0..<2]) == [1, 1] && Array(w.speed[4..<6]) == [1, 1])
    #expect(w.onDemandPrice[2] == 48 && w.onDemandPrice[3] == 55.04)
    #expect(w.price[2].allSatisfy { $0 == 19.2 })
    // Each chip in a location of its own: a move there pays egress.
    #expect(Set(w.location).count == 4)
    #expect(abs(w.egressDollars(from: 0, to: 2) - 50 * 0.02) < 1e-12)
    // Policies that do not choose types run on the job's own type alone.
    #expect(s.singleTypeWindow?.zones == 2)
  }

  @Test func theBaselinesKeepToTheirOwnTypeAndTheOptimumGainsFromChoice() throws {
    for start in ["40", "100", "160"] {
      for policy in ["up-failover", "up-eager-failover", "uniform-progress"] {
        let one = try config([("policy", policy), ("trace_start_hour", start)])
          .resolveRunnable(catalog: catalog).run(seed: 1)
        let many = try config([
          ("policy", policy), ("trace_start_hour", start),
          ("workload", "llama2-70b-inference"), ("chips", "MI300X,H100-80GB"),
        ]).resolveRunnable(catalog: catalog).run(seed: 1)
        #expect(one == many, "\(policy) \(start)")
      }
      let one = try config([("policy", "optimal-offline"), ("trace_start_hour", start)])
        .resolveRunnable(catalog: catalog).run(seed: 1)
      let many = try config([
        ("policy", "optimal-offline"), ("trace_start_hour", start),
        ("workload", "llama2-70b-inference"), ("chips", "MI300X,H100-80GB"),
      ]).resolveRunnable(catalog: catalog).run(seed: 1)
      #expect(many.totalCost <= one.totalCost + 1e-9, "\(start)")
      #expect(many.deadlineMisses == 0)
    }
  }

  @Test func aChipThatCannotRunTheWorkloadIsRefusedByName() throws {
    // Fine-tuning Llama 2 7B has a figure on H100 only; an L4 also has
    // too little memory (24 GiB of 104.3).
    #expect(
      throws: ExperimentsError.invalidValue(
        file: "chips.yaml", key: "chips", value: "L4",
        expected:
          "a type that runs finetune-llama2-7b (L4 has 24 GiB per instance; it needs 104.3)")
    ) { try self.scenario([("workload", "finetune-llama2-7b"), ("chips", "L4")]) }
    #expect(
      throws: ExperimentsError.invalidValue(
        file: "chips.yaml", key: "chips", value: "A100-80GB",
        expected: "a type that runs finetune-llama2-7b (A100-80GB has no measured figure for it)")
    ) { try self.scenario([("workload", "finetune-llama2-7b"), ("chips", "A100-80GB")]) }
    // The one other type that runs it is allowed, and only it is added.
    let s = try scenario([("workload", "finetune-llama2-7b"), ("chips", "H100-80GB")])
    #expect(s.window.zones == 3)
  }

  @Test func allAndCheapestNameTheFeasibleTypesByTheirCostPerUnitOfWork() throws {
    // Llama 2 70B: MI300X ($0.2268/unit on spot), then AWS H100 ($0.2992).
    let two = try scenario([("workload", "llama2-70b-inference"), ("chips", "all")])
    #expect(two.window.onDemandPrice.suffix(2) == [48, 55.04])
    let one = try scenario([("workload", "llama2-70b-inference"), ("chips", "cheapest:1")])
    #expect(one.window.onDemandPrice.last == 48 && one.window.zones == 3)
    // GPT-J 6B: TPU v5e and L4 are cheaper per unit than AWS H100 but one
    // chip or GPU runs at 0.0243 and 0.0124 of 8 GCP H100s, so the 6 h job
    // would take about 247 and 483 h against a 9 h deadline: not feasible,
    // so `all` adds AWS H100 alone.
    let gptj = try scenario([("workload", "batch-inference-gptj-6b"), ("chips", "all")])
    #expect(gptj.window.zones == 3 && gptj.window.onDemandPrice.last == 55.04)
    #expect(throws: ExperimentsError.self) {
      try self.scenario([("workload", "llama2-70b-inference"), ("chips", "cheapest:0")])
    }
  }

  @Test func badChipSettingsNameTheirKey() throws {
    #expect(
      throws: ExperimentsError.unknownName(
        file: "chips.yaml", key: "workload", name: "nope",
        known: catalog.workloads.map(\.name))
    ) { try self.scenario([("workload", "nope")]) }
    #expect(
      throws: ExperimentsError.invalidValue(
        file: "chips.yaml", key: "chips", value: "MI300X",
        expected: "null without a workload: (its measured throughput sets each chip's speed)")
    ) { try self.scenario([("chips", "MI300X")]) }
    #expect(
      throws: ExperimentsError.invalidValue(
        file: "chips.yaml", key: "chips", value: "H100-80GB-GCP",
        expected: "types other than the accelerator (H100-80GB-GCP), each once")
    ) {
      try self.scenario([("workload", "llama2-70b-inference"), ("chips", "H100-80GB-GCP")])
    }
    #expect(throws: ExperimentsError.self) {
      try self.scenario([("workload", "llama2-70b-inference"), ("chips", "Nope")])
    }
    #expect(throws: ExperimentsError.self) {
      try self.scenario([
        ("workload", "llama2-70b-inference"), ("chips", "MI300X"), ("on_demand_ratio", "3"),
      ])
    }
  }
}
