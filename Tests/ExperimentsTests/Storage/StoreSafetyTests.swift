import Experiments
import Foundation
import GRDB
import Simulation
import Testing

/// A market whose spot price is finite but absurd (5e307 $/h): its bill
/// overflows to infinity, as `spot_usd_per_hour: 1e308` once did.
struct BrokenMarket: SpotMarket {
  var name: String { "broken" }
  func path(
    for accelerator: AcceleratorType, zone: Int, horizon: Double,
    using generator: inout Xoshiro256StarStar
  ) -> MarketPath {
    MarketPath(price: StepFunction(constant: 5e307), hazard: StepFunction(constant: 0))
  }
}

@Suite struct StoreSafetyTests {
  func plan(_ dir: String) throws -> SweepPlan {
    try SweepPlan(
      spec: RunnerFixtures.spec(in: dir), size: nil, catalog: RunnerFixtures.catalog)
  }

  /// The fixture plan with its first cell's runs made non-finite.
  func brokenPlan(_ dir: String) throws -> SweepPlan {
    var plan = try plan(dir)
    guard case .fleet(var scenario) = plan.scenarios[0]! else { fatalError("fleet expected") }
    scenario.market = BrokenMarket()
    scenario.policy = GreedyPolicy()
    plan.scenarios[0] = .fleet(scenario)
    return plan
  }

  @Test func nonFiniteRunsAreStoredAsFailedWithAReason() throws {
    let dir = RunnerFixtures.scratch()
    let store = try ResultsStore.inMemory()
    var options = RunnerFixtures.options(jobs: 2)
    options.maxFailures = 10
    let outcome = try SweepRunner(store: store).run(try brokenPlan(dir), options: options)
    // Cell 0 has 3 replicates; the other 30 runs are fine.
    #expect(outcome.failed == 3 && outcome.status == .finished && outcome.ran == 33)
    let table = try store.export(sweep: outcome.sweepID)
    let status = table.columns.firstIndex(of: "status")!
    let reason = table.columns.firstIndex(of: "failure_reason")!
    let cost = table.columns.firstIndex(of: "total_cost")!
    let failed = table.rows.filter { $0[status] == "failed" }
    #expect(failed.count == 3)
    #expect(failed.allSatisfy { $0[reason]?.contains("totalCost") == true && $0[cost] == nil })
    #expect(!table.json().contains("nan") && !table.json().contains("inf"))
  }

  @Test func byDefaultTheFirstFailureStopsTheSweep() throws {
    let dir = RunnerFixtures.scratch()
    let store = try ResultsStore.inMemory()
    let outcome = try SweepRunner(store: store).run(
      try brokenPlan(dir), options: RunnerFixtures.options(jobs: 1))
    #expect(outcome.status == .failed && outcome.failed == 1)
    #expect(outcome.firstFailure?.contains("non-finite") == true)
  }

  @Test func resumingAFinishedSweepRunsNothingAndForceStartsAnew() throws {
    let dir = RunnerFixtures.scratch()
    let store = try ResultsStore.inMemory()
    let first = try SweepRunner(store: store).run(
      try plan(dir), options: RunnerFixtures.options(jobs: 2))
    let again = try SweepRunner(store: store).run(
      try plan(dir), options: RunnerFixtures.options(jobs: 2, resume: true))
    #expect(again.alreadyComplete && again.ran == 0 && again.sweepID == first.sweepID)
    var force = RunnerFixtures.options(jobs: 2, resume: true)
    force.force = true
    let fresh = try SweepRunner(store: store).run(try plan(dir), options: force)
    #expect(!fresh.alreadyComplete && fresh.ran == 33 && fresh.sweepID != first.sweepID)
  }

  @Test func theSqliteFileAloneHoldsEveryRunAfterASweep() throws {
    let dir = RunnerFixtures.scratch()
    let db = dir + "/r.sqlite"
    let outcome = try SweepRunner(store: try ResultsStore.open(db)).run(
      try plan(dir), options: RunnerFixtures.options(jobs: 2))
    // Ship only the .sqlite file, as a user copying shard results would.
    let copy = dir + "/copy.sqlite"
    try FileManager.default.copyItem(atPath: db, toPath: copy)
    let rows = try ResultsStore.openReadOnly(copy).export(sweep: outcome.sweepID).rows
    #expect(rows.count == 33)
  }

  @Test func readOnlyOpensNeverCreateOrChangeAFile() throws {
    let dir = RunnerFixtures.scratch()
    let missing = dir + "/missing.sqlite"
    #expect(throws: ExperimentsError.self) { try ResultsStore.openReadOnly(missing) }
    #expect(!FileManager.default.fileExists(atPath: missing))

    let empty = dir + "/empty.sqlite"
    _ = FileManager.default.createFile(atPath: empty, contents: Data())
    #expect(throws: ExperimentsError.self) { try ResultsStore.openReadOnly(empty) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty)

    let foreign = dir + "/foreign.sqlite"
    try DatabaseQueue(path: foreign).write { db in try db.execute(sql: "CREATE TABLE t (x)") }
    let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
    #expect(throws: ExperimentsError.self) { try ResultsStore.openReadOnly(foreign) }
    #expect(throws: ExperimentsError.self) { try ResultsStore.open(foreign) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == before)
    #expect(!FileManager.default.fileExists(atPath: foreign + "-wal"))
  }

  @Test func aSecondWriterIsRefusedNamingTheFirstUntilItLetsGo() throws {
    let db = RunnerFixtures.scratch() + "/r.sqlite"
    var first: SweepLock? = try SweepLock.acquire(
      besides: db, owner: "the first sweep", wait: false)
    do {
      _ = try SweepLock.acquire(besides: db, owner: "the second", wait: false)
      Issue.record("the second writer must be refused")
    } catch let error as ExperimentsError {
      #expect("\(error)".contains("the first sweep"))
    }
    withExtendedLifetime(first) {}
    first = nil
    // A lock left behind (file present, holder gone) is taken over.
    #expect(FileManager.default.fileExists(atPath: SweepLock.path(besides: db)))
    _ = try SweepLock.acquire(besides: db, owner: "the second", wait: false)
  }

  @Test func exportToWritesASelfContainedCopy() throws {
    let dir = RunnerFixtures.scratch()
    let db = dir + "/r.sqlite"
    let outcome = try SweepRunner(store: try ResultsStore.open(db)).run(
      try plan(dir), options: RunnerFixtures.options(jobs: 1, maxRuns: 5))
    let shipped = dir + "/shipped.sqlite"
    try ResultsStore.openReadOnly(db).copy(to: shipped)
    #expect(try ResultsStore.openReadOnly(shipped).export(sweep: outcome.sweepID).rows.count == 5)
    #expect(throws: ExperimentsError.self) { try ResultsStore.openReadOnly(db).copy(to: shipped) }
  }
}
