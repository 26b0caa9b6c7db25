import Experiments
import Simulation
import Testing

@Suite struct SchemaTests {
  @Test func exportColumnsCoverEveryMetricAndParameter() throws {
    let store = try ResultsStore.inMemory()
    let spec = try RunnerFixtures.spec(in: RunnerFixtures.scratch())
    let plan = try SweepPlan(
      spec: spec, size: nil, catalog: RunnerFixtures.catalog, filters: [("policy", "greedy")])
    let outcome = try SweepRunner(store: store).run(
      plan, options: RunnerFixtures.options(jobs: 1, maxRuns: 1))
    let table = try store.export(sweep: outcome.sweepID)
    for key in RunMetrics.CodingKeys.allCases.map(\.rawValue) {
      #expect(table.columns.contains(key), "metric \(key) has no column: add a migration")
    }
    for parameter in ScenarioParameter.all where !["description", "seed"].contains(parameter.key) {
      #expect(
        table.columns.contains(parameter.key),
        "parameter \(parameter.key) has no column: add a migration")
    }
    #expect(table.rows.count == 1)
    #expect(Set(table.columns).count == table.columns.count, "export column names collide")
  }

  @Test func storedMetricsRoundTripExactly() throws {
    let store = try ResultsStore.inMemory()
    let spec = try RunnerFixtures.spec(in: RunnerFixtures.scratch())
    let plan = try SweepPlan(spec: spec, size: nil, catalog: RunnerFixtures.catalog)
    let outcome = try SweepRunner(store: store).run(
      plan, options: RunnerFixtures.options(jobs: 1, maxRuns: 1))
    let table = try store.export(sweep: outcome.sweepID)
    let metrics = plan.simulate(plan.runs[0])
    let cost = table.rows[0][table.columns.firstIndex(of: "total_cost")!]
    #expect(cost.flatMap(Double.init) == metrics.totalCost)
    let events = table.rows[0][table.columns.firstIndex(of: "events_processed")!]
    #expect(events.flatMap(Int.init) == metrics.eventsProcessed)
  }
}
