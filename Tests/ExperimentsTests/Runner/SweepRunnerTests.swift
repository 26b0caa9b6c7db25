import Experiments
import Foundation
import Testing

@Suite struct SweepRunnerTests {
  func plan(_ spec: ExperimentSpec, shard: Shard = .whole) throws -> SweepPlan {
    try SweepPlan(spec: spec, size: nil, catalog: RunnerFixtures.catalog, shard: shard)
  }

  func rows(_ store: ResultsStore, _ sweep: Int64) throws -> ExportTable {
    try store.export(sweep: sweep).dropping(ExportTable.timingColumns)
  }

  @Test func oneJobAndFourJobsStoreIdenticalRows() throws {
    let spec = try RunnerFixtures.spec(in: RunnerFixtures.scratch())
    let a = try ResultsStore.inMemory()
    let b = try ResultsStore.inMemory()
    let one = try SweepRunner(store: a).run(plan(spec), options: RunnerFixtures.options(jobs: 1))
    let four = try SweepRunner(store: b).run(plan(spec), options: RunnerFixtures.options(jobs: 4))
    #expect(one.ran == 33 && four.ran == 33)
    #expect(one.status == .finished)
    let rowsA = try rows(a, one.sweepID)
    #expect(rowsA.rows.count == 33)
    #expect(rowsA == (try rows(b, four.sweepID)))
  }

  @Test func anInterruptedSweepResumedEqualsAFullOne() throws {
    let spec = try RunnerFixtures.spec(in: RunnerFixtures.scratch())
    let full = try ResultsStore.inMemory()
    let whole = try SweepRunner(store: full).run(
      plan(spec), options: RunnerFixtures.options(jobs: 2))

    let broken = try ResultsStore.inMemory()
    let first = try SweepRunner(store: broken).run(
      plan(spec), options: RunnerFixtures.options(jobs: 2, maxRuns: 10))
    #expect(first.status == .interrupted && first.ran == 10)
    let second = try SweepRunner(store: broken).run(
      plan(spec), options: RunnerFixtures.options(jobs: 2, resume: true))
    #expect(second.resumed && second.sweepID == first.sweepID)
    #expect(second.skipped == 10 && second.ran == 23 && second.status == .finished)
    #expect(try rows(broken, second.sweepID) == (try rows(full, whole.sweepID)))
  }

  @Test func undefinedMetricsAreStoredAsNull() throws {
    // A 1 h horizon: no 6–12 h task can finish, so completion statistics and
    // cost per work-hour are undefined, and savings are on equal work.
    let text = """
      name: nothing-done
      base: {horizon_hours: 1, tasks: 5, accelerator: A10G, memory_gib: 16, work_hours: "uniform(6,12)"}
      grid: {policy: [greedy]}
      replicates: 1
      seed: 3
      """
    let spec = try RunnerFixtures.spec(text, in: RunnerFixtures.scratch())
    let store = try ResultsStore.inMemory()
    let result = try SweepRunner(store: store).run(
      plan(spec), options: RunnerFixtures.options(jobs: 1))
    let table = try store.export(sweep: result.sweepID)
    let row = try #require(table.rows.first)
    func value(_ column: String) -> String? { row[table.columns.firstIndex(of: column)!] }
    #expect(value("completed") == "0")
    for column in ["completion_mean", "completion_p50", "completion_p95", "cost_per_work_hour"] {
      #expect(value(column) == nil, "\(column)")
    }
    #expect(value("savings_percent") == nil)
    #expect(table.json().contains("\"completion_mean\": null"))
  }

  @Test func unsetParametersExportAsNullNotAsText() throws {
    let spec = try RunnerFixtures.spec(in: RunnerFixtures.scratch())
    let store = try ResultsStore.inMemory()
    let planned = try plan(spec)
    // The fixture sets no fleet: the plan stores none (SQL NULL), not "null".
    #expect(planned.parameters[planned.cells[0].index]!["fleet"] == nil)
    let result = try SweepRunner(store: store).run(
      planned, options: RunnerFixtures.options(jobs: 1, maxRuns: 1))
    let table = try store.export(sweep: result.sweepID)
    let row = try #require(table.rows.first)
    // So: the cell stores NULL, JSON says null and
    // CSV leaves the field empty.
    #expect(row[table.columns.firstIndex(of: "fleet")!] == nil)
    #expect(!table.json().contains("\"null\""))
    #expect(table.json().contains("\"fleet\": null"))
    #expect(table.csv().contains(",,"))
  }

  @Test func nonFiniteTextNeverExportsAsANumberOrAString() {
    let table = ExportTable(
      columns: ["total_cost", "seed"], rows: [["inf", "7"], ["-nan", "8"]])
    #expect(
      !table.json().lowercased().contains("inf") && !table.json().lowercased().contains("nan"))
    #expect(table.json().contains("\"total_cost\": null"))
    #expect(!table.csv().lowercased().contains("inf"))
  }

  @Test func resumeAtAnotherCommitStartsANewSweepAndKeepsTheOld() throws {
    let spec = try RunnerFixtures.spec(in: RunnerFixtures.scratch())
    let store = try ResultsStore.inMemory()
    let first = try SweepRunner(store: store).run(
      plan(spec), options: RunnerFixtures.options(jobs: 1, maxRuns: 2))
    var other = RunnerFixtures.options(jobs: 1, resume: true)
    other.provenance.gitCommit = "def456"
    let second = try SweepRunner(store: store).run(plan(spec), options: other)
    #expect(second.sweepID != first.sweepID && !second.resumed && second.ran == 33)
    #expect(second.superseded?.id == first.sweepID)
    // The old sweep is left exactly as it was.
    #expect(try store.sweep(first.sweepID)?.status == .interrupted)
    #expect(try store.export(sweep: first.sweepID).rows.count == 2)
  }

  /// Uncommitted changes to the model keep the commit but change the
  /// fingerprint: --resume neither continues an unfinished sweep of the
  /// other model nor calls a finished one complete. (Before, both were
  /// taken for this code's: a sweep mixed runs of two models.)
  @Test func resumeWithAnotherModelAtTheSameCommitStartsANewSweep() throws {
    let spec = try RunnerFixtures.spec(in: RunnerFixtures.scratch())
    let store = try ResultsStore.inMemory()
    var m1 = RunnerFixtures.options(jobs: 1, maxRuns: 2)
    m1.modelFingerprint = "m1"
    let first = try SweepRunner(store: store).run(plan(spec), options: m1)
    var m2 = RunnerFixtures.options(jobs: 1, resume: true)
    m2.modelFingerprint = "m2"
    let second = try SweepRunner(store: store).run(plan(spec), options: m2)
    #expect(second.sweepID != first.sweepID && !second.resumed && second.ran == 33)
    #expect(second.superseded?.id == first.sweepID)
    #expect(try store.export(sweep: first.sweepID).rows.count == 2)
    var m3 = RunnerFixtures.options(jobs: 1, resume: true)
    m3.modelFingerprint = "m3"
    m3.useCache = false
    let third = try SweepRunner(store: store).run(plan(spec), options: m3)
    #expect(!third.alreadyComplete && third.sweepID != second.sweepID && third.ran == 33)
    // The same model again: the finished sweep is complete.
    let fourth = try SweepRunner(store: store).run(plan(spec), options: m3)
    #expect(fourth.alreadyComplete && fourth.sweepID == third.sweepID)
  }

  @Test func mergedShardsEqualTheUnshardedSweep() throws {
    let dir = RunnerFixtures.scratch()
    let spec = try RunnerFixtures.spec(in: dir)
    let single = try ResultsStore.open(dir + "/single.sqlite")
    let whole = try SweepRunner(store: single).run(
      plan(spec), options: RunnerFixtures.options(jobs: 2))
    var shardFiles: [String] = []
    for k in 0..<4 {
      let file = dir + "/shard-\(k).sqlite"
      let store = try ResultsStore.open(file)
      _ = try SweepRunner(store: store).run(
        plan(spec, shard: Shard(index: k, count: 4)), options: RunnerFixtures.options(jobs: 1))
      shardFiles.append(file)
    }
    // Leave one shard out first: the merge reports it missing.
    let merged = try ResultsStore.open(dir + "/merged.sqlite")
    let partial = try merged.merge(Array(shardFiles.prefix(3)))
    #expect(!partial.isComplete && partial.missingShards == [3])
    let report = try merged.merge(shardFiles)
    #expect(report.isComplete && report.sweepID == partial.sweepID)
    #expect(report.duplicates == partial.added)
    #expect(try rows(merged, report.sweepID) == (try rows(single, whole.sweepID)))
  }

  @Test func mergeRefusesShardsOfAnotherSpec() throws {
    let dir = RunnerFixtures.scratch()
    let a = try ResultsStore.open(dir + "/a.sqlite")
    _ = try SweepRunner(store: a).run(
      plan(RunnerFixtures.spec(in: dir)), options: RunnerFixtures.options(jobs: 1, maxRuns: 1))
    let other = RunnerFixtures.specText.replacingOccurrences(of: "seed: 7", with: "seed: 8")
    let otherDir = RunnerFixtures.scratch()
    let b = try ResultsStore.open(otherDir + "/b.sqlite")
    _ = try SweepRunner(store: b).run(
      plan(RunnerFixtures.spec(other, in: otherDir)),
      options: RunnerFixtures.options(jobs: 1, maxRuns: 1))
    let out = try ResultsStore.open(dir + "/out.sqlite")
    #expect(throws: ExperimentsError.self) {
      try out.merge([dir + "/a.sqlite", otherDir + "/b.sqlite"])
    }
    #expect(try out.sweeps().isEmpty)
  }
}
