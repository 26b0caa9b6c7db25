import Experiments
import Foundation
import Reporting

/// Hand-made sweeps for report and compare tests.
enum Synthetic {
  /// The repository's root.
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The repository's accelerator catalog.
  static func catalog() throws -> AcceleratorCatalog {
    try AcceleratorCatalog.load(repository.appendingPathComponent("Experiments/catalog.yaml").path)
  }

  /// The paper spec `name` (`Experiments/paper/NAME.yaml`).
  static func paperSpec(_ name: String, catalog: AcceleratorCatalog) throws -> ExperimentSpec {
    try ExperimentSpec.load(
      repository.appendingPathComponent("Experiments/paper/\(name).yaml").path, catalog: catalog)
  }

  static let record = SweepRecord(
    id: 7, experimentId: 1, size: "default", gitCommit: "0123456789abcdef", gitDirty: false,
    synktiVersion: "test", host: "host", startedAt: "2026-01-01T00:00:00Z",
    finishedAt: "2026-01-01T00:01:00Z", jobs: 2, status: .finished, shardIndex: 0,
    shardCount: 1, totalRuns: 6)

  /// Two policies × three replicates; `shift` is added to greedy's cost.
  static func sweep(shift: Double = 0, id: Int64 = 7) -> SweepData {
    func run(_ r: Int, cost: Double, savings: Double) -> RunData {
      RunData(
        replicate: r, seed: "\(1000 + r)",
        metrics: [
          "total_cost": cost, "savings_percent": savings, "completion_mean": 10 + Double(r),
          "completion_p95": 20, "completion_p99": 22, "deadline_misses": 0, "preemptions": 3,
          "checkpoints_full": 2, "checkpoints_partial": 1, "checkpoints_restart": 0,
          "work_lost_hours": 0.5, "migrated_gib": 16, "unfinished": 1, "baseline_cost": 100,
          "spot_instance_hours": cost / 0.3,
        ])
    }
    var record = record
    record.id = id
    return SweepData(
      sweep: record, experiment: "synthetic", specText: "name: synthetic\n", specHash: "abc",
      axes: ["policy"],
      cells: [
        CellData(
          index: 0, key: "policy=greedy", values: ["policy": "greedy"],
          runs: [
            run(0, cost: 30 + shift, savings: 70), run(1, cost: 32 + shift, savings: 68),
            run(2, cost: 31 + shift, savings: 69),
          ]),
        CellData(
          index: 1, key: "policy=on-demand-only", values: ["policy": "on-demand-only"],
          runs: [
            run(0, cost: 100, savings: 0), run(1, cost: 100, savings: 0),
            run(2, cost: 100, savings: 0),
          ]),
      ])
  }

  /// A cell at `index` with axis `values` (its key the canonical
  /// `axis=value;…` in axis-name order) and one run per metrics entry, in
  /// replicate order.
  static func cell(_ index: Int, _ values: [String: String], runs: [[String: Double]]) -> CellData {
    CellData(
      index: index,
      key: values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        .joined(separator: ";"),
      values: values,
      runs: runs.enumerated().map {
        RunData(replicate: $0.offset, seed: "\($0.offset)", metrics: $0.element)
      })
  }
}
