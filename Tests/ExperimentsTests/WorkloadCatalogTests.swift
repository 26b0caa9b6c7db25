import Experiments
import Foundation
import Simulation
import Testing

@Suite struct WorkloadCatalogTests {
  /// Two types: `Big` (2 × 40 GiB) and `Small` (1 × 16 GiB), and a third,
  /// `Unmeasured`, with room but no figure.
  static func catalog(_ workloads: String) throws -> AcceleratorCatalog {
    let text = """
      accelerators:
        - name: Big
          gpus_per_instance: 2
          memory_per_gpu_gib: 40
          on_demand_usd_per_hour: 10
          spot_usd_per_hour: 4
          hazard_per_hour: 0.01
          network_gbps: 10
          grace_seconds: 30
          boot_seconds: 60
        - name: Small
          memory_per_gpu_gib: 16
          on_demand_usd_per_hour: 1
          spot_usd_per_hour: 0.5
          hazard_per_hour: 0.01
          network_gbps: 10
          grace_seconds: 30
          boot_seconds: 60
        - name: Unmeasured
          memory_per_gpu_gib: 80
          on_demand_usd_per_hour: 1
          spot_usd_per_hour: 0.5
          hazard_per_hour: 0.01
          network_gbps: 10
          grace_seconds: 30
          boot_seconds: 60
      workloads:
      """
    return try AcceleratorCatalog.parse(text + "\n" + workloads, file: "w.yaml")
  }

  static let job = """
      - name: job
        work_unit: "thousand items"
        rate_unit: "items/s"
        items_per_work_unit: 1000
        memory_gib: 12
        memory_source: "by hand"
        measured:
          - types: [Big]
            rate: 10
            accelerators: 4
            source: "made up (2026-01)"
          - types: [Small]
            rate: 0.25
            accelerators: 1
            source: "made up (2026-01)"
    """

  @Test func ratesArePerAcceleratorAndScaleWithTheInstance() throws {
    let catalog = try Self.catalog(Self.job)
    let job = try #require(catalog.workload(named: "job"))
    // Big: 10 items/s on 4 accelerators = 2.5 each; 2 per instance → 5/s
    // = 18 thousand items per instance-hour. Small: 0.25/s = 0.9 per hour.
    #expect(job.fit(catalog.type(named: "Big")!) == .runs(workPerHour: 18))
    #expect(job.fit(catalog.type(named: "Small")!) == .runs(workPerHour: 0.9))
    #expect(job.fit(catalog.type(named: "Unmeasured")!) == .unmeasured)
    // Spot: Big 4/18 = 0.2222 $, Small 0.5/0.9 = 0.5556 $ per unit.
    let costs = WorkloadCosts(job, catalog: catalog)
    #expect(costs.entries.map(\.type.name) == ["Big", "Small", "Unmeasured"])
    #expect(abs(costs.entries[0].spotPerWork! - 4.0 / 18) < 1e-12)
    #expect(abs(costs.entries[1].onDemandPerWork! - 1 / 0.9) < 1e-12)
    #expect(costs.entries[2].spotPerWork == nil)
  }

  @Test func aTypeWhoseMemoryCannotHoldTheWorkloadCannotRunIt() throws {
    let catalog = try Self.catalog(
      Self.job.replacingOccurrences(of: "memory_gib: 12", with: "memory_gib: 20"))
    let job = try #require(catalog.workload(named: "job"))
    // Small has a figure but 16 GiB < 20 GiB: infeasible all the same.
    #expect(job.fit(catalog.type(named: "Small")!) == .tooLittleMemory(instanceGiB: 16))
    #expect(WorkloadCosts(job, catalog: catalog).feasible.map(\.type.name) == ["Big"])
  }

  @Test func figuresNeedASourceAndAKnownTypeOnce() throws {
    #expect(
      throws: ExperimentsError.missingKey(file: "w.yaml", key: "workloads[0].measured[1].source")
    ) {
      try Self.catalog(Self.job.components(separatedBy: "\n").dropLast().joined(separator: "\n"))
    }
    #expect(
      throws: ExperimentsError.unknownName(
        file: "w.yaml", key: "workloads[0].measured[1].types", name: "Tiny",
        known: ["Big", "Small", "Unmeasured"])
    ) { try Self.catalog(Self.job.replacingOccurrences(of: "[Small]", with: "[Tiny]")) }
    #expect(
      throws: ExperimentsError.invalidValue(
        file: "w.yaml", key: "workloads[0].measured[1].types", value: "Big",
        expected: "a type measured once per workload")
    ) { try Self.catalog(Self.job.replacingOccurrences(of: "[Small]", with: "[Big]")) }
  }

  /// The shipped catalog: three classes, every figure sourced and dated,
  /// and the cost per unit of work of the 70B class, by hand.
  @Test func theShippedWorkloadsAreSourcedAndPriced() throws {
    let catalog = try AcceleratorCatalog.load(Paths.catalog)
    #expect(catalog.workloads.count >= 3)
    for workload in catalog.workloads {
      let sources = try #require(catalog.workloadSources[workload.name])
      #expect(!sources.memory.isEmpty)
      for m in sources.measurements {
        #expect(
          m.source.range(of: #"\(20\d\d-\d\d\)|; 20\d\d-\d\d\)"#, options: .regularExpression)
            != nil, "\(m.source)")
      }
      #expect(!WorkloadCosts(workload, catalog: catalog).feasible.isEmpty)
    }
    let llama = try #require(catalog.workload(named: "llama2-70b-inference"))
    let costs = WorkloadCosts(llama, catalog: catalog)
    // 24,524.9 tokens/s on 8 H100 → 88.28964 M tokens per 8-GPU hour;
    // 23,514.8 on 8 MI300X → 84.65328. Spot: GCP 18.979008 $/h, MI300X
    // 19.20, AWS 55.04 × 0.48 = 26.4192.
    let expected: [(String, Double, Double)] = [
      ("H100-80GB-GCP", 0.21496302397427375, 0.9347125433969375),
      ("MI300X", 0.22680751413294323, 0.567018785332358),
      ("H100-80GB", 0.2992332962281871, 0.6234027004753898),
    ]
    #expect(costs.feasible.map(\.type.name) == expected.map(\.0))
    for (entry, (_, spot, onDemand)) in zip(costs.feasible, expected) {
      #expect(abs(entry.spotPerWork! - spot) < 1e-9)
      #expect(abs(entry.onDemandPerWork! - onDemand) < 1e-9)
    }
    // Memory: 65.2 GiB cannot fit a 16 GiB V100 or a 24 GiB L4.
    #expect(llama.fit(catalog.type(named: "V100")!) == .tooLittleMemory(instanceGiB: 16))
    #expect(llama.fit(catalog.type(named: "L4")!) == .tooLittleMemory(instanceGiB: 24))
  }
}
