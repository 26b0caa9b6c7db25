import Simulation
import Testing

@testable import Experiments

/// The store takes plain records: cells and runs go in and come back out
/// (export, reuse) without a sweep plan.
@Suite struct RunRecordTests {
  @Test func cellsAndRunsRoundTripFromPlainRecords() throws {
    let store = try ResultsStore.inMemory()
    let experiment = try store.experimentID(name: "plain", text: "name: plain\n", hash: "h")
    let sweep = try store.insertSweep(
      SweepRecord(
        id: nil, experimentId: experiment, size: "default", gitCommit: "c", gitDirty: false,
        synktiVersion: "t", host: "h", startedAt: "", finishedAt: nil, jobs: 1, status: .running,
        shardIndex: 0, shardCount: 1, totalRuns: 3))
    try store.insertCells(
      sweep: sweep,
      cells: [
        CellRecord(index: 0, key: "policy=greedy", parameters: ["policy": "greedy"]),
        CellRecord(index: 1, key: "policy=ross", parameters: ["policy": "ross", "tasks": "7"]),
      ])
    var metrics = RunMetrics()
    metrics.totalCost = 12.5
    let runs = [
      RunRecord(index: 0, cell: 0, replicate: 0, seed: 11),
      RunRecord(index: 1, cell: 1, replicate: 0, seed: 11),
    ]
    try store.saveRun(sweep: sweep, run: runs[0], metrics: metrics, wallMs: 1, identity: "a")
    try store.saveFailedRun(sweep: sweep, run: runs[1], reason: "bad", wallMs: 1, identity: "b")
    #expect(try store.runCounts(sweep: sweep) == (done: 1, failed: 1))
    let table = try store.export(sweep: sweep)
    func column(_ name: String) -> [String?] {
      let j = table.columns.firstIndex(of: name)!
      return table.rows.map { $0[j] }
    }
    // The failed run is exported too, without metrics.
    #expect(column("policy") == ["greedy", "ross"])
    #expect(column("tasks") == [nil, "7"])
    #expect(column("total_cost") == ["12.5", nil])
    #expect(column("seed") == ["11", "11"])

    // A second sweep reuses the finished run by its identity, from records.
    let second = try store.insertSweep(
      SweepRecord(
        id: nil, experimentId: experiment, size: "default", gitCommit: "c", gitDirty: false,
        synktiVersion: "t", host: "h", startedAt: "", finishedAt: nil, jobs: 1, status: .running,
        shardIndex: 0, shardCount: 1, totalRuns: 3))
    let copied = try store.reuseRuns(sweep: second, runs: runs, identities: [0: "a", 1: "b"])
    #expect(copied == [0])
  }

  /// A run's work by type is stored as text (`TypeWorkShare.encode`),
  /// exported as it is and copied with the run when a later sweep reuses it.
  @Test func workByTypeIsStoredExportedAndReused() throws {
    let store = try ResultsStore.inMemory()
    let experiment = try store.experimentID(name: "chips", text: "name: chips\n", hash: "h")
    func sweep() throws -> Int64 {
      try store.insertSweep(
        SweepRecord(
          id: nil, experimentId: experiment, size: "default", gitCommit: "c", gitDirty: false,
          synktiVersion: "t", host: "h", startedAt: "", finishedAt: nil, jobs: 1,
          status: .running, shardIndex: 0, shardCount: 1, totalRuns: 1))
    }
    let first = try sweep()
    try store.insertCells(
      sweep: first, cells: [CellRecord(index: 0, key: "chips=all", parameters: ["chips": "all"])])
    var metrics = RunMetrics()
    metrics.workShareByType = [
      TypeWorkShare(type: "H100-80GB-GCP", share: 0.25), TypeWorkShare(type: "MI300X", share: 0.75),
    ]
    let run = RunRecord(index: 0, cell: 0, replicate: 0, seed: 5)
    try store.saveRun(sweep: first, run: run, metrics: metrics, wallMs: 1, identity: "x")
    let second = try sweep()
    try store.insertCells(
      sweep: second, cells: [CellRecord(index: 0, key: "chips=all", parameters: ["chips": "all"])])
    #expect(try store.reuseRuns(sweep: second, runs: [run], identities: [0: "x"]) == [0])
    for id in [first, second] {
      let table = try store.export(sweep: id)
      let j = try #require(table.columns.firstIndex(of: "work_share_by_type"))
      #expect(table.rows.map { $0[j] } == ["H100-80GB-GCP=0.25;MI300X=0.75"])
    }
    #expect(!ExportTable.metricColumns.contains("work_share_by_type"))
  }
}
