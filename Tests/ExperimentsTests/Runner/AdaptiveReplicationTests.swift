import Experiments
import Foundation
import Testing

@Suite struct AdaptiveReplicationTests {
  let rule = AdaptiveReplication(
    minimum: 3, maximum: 200, metric: "total_cost", halfwidthPercent: 5)

  @Test func theStandingIsThePairedIntervalOverThePartnersMean() {
    // Differences −90, −88, −86: mean −88, s = 2, half-width
    // t(0.975, 2) · 2 / √3 = 4.302652730 · 1.154700538 = 4.968275, which is
    // 4.968275 % of the partner's mean 100.
    let values = [0: 10.0, 1: 12, 2: 14]
    let partner = [0: 100.0, 1: 100, 2: 100]
    let s = rule.standing(values: values, partner: partner)
    #expect(s.replicates == 3 && s.met)
    #expect(abs(s.halfwidthPercent! - 4.968275) < 1e-5)
    var strict = rule
    strict.minimum = 4
    #expect(!strict.standing(values: values, partner: partner).met)
    // Only replicates both ran pair: −90, −88 give s = √2, half-width
    // t(0.975, 1) · √2 / √2 = 12.706205 % of 100.
    let fewer = rule.standing(values: values, partner: [0: 100, 1: 100])
    #expect(fewer.replicates == 2 && !fewer.met)
    #expect(abs(fewer.halfwidthPercent! - 12.706205) < 1e-5)
    // `vs: none`: the metric's own interval over its mean 12.
    let own = rule.standing(values: values, partner: nil)
    #expect(abs(own.halfwidthPercent! - 100 * 4.968275 / 12) < 1e-4)
  }

  @Test func nextProjectsTheCountWithinOneMoreAndDouble() {
    func next(_ n: Int, _ percent: Double?, met: Bool = false, max: Int = 200) -> Int {
      var r = rule
      r.halfwidthPercent = 1
      r.maximum = max
      return r.next(
        current: n, standing: .init(replicates: n, halfwidthPercent: percent, met: met))
    }
    #expect(next(10, 1.2) == 15)  // 10 · 1.44 = 14.4
    #expect(next(10, 1.01) == 11)  // 10.2: at least one more
    #expect(next(10, 2) == 20)  // 40 projected: at most double
    #expect(next(10, nil) == 20)
    #expect(next(10, .infinity) == 20)
    #expect(next(150, 3, max: 200) == 200)
    #expect(next(10, 0.5, met: true) == 10)
    #expect(next(200, 3, max: 200) == 200)
  }

  static let specText = """
    name: small-adaptive
    \(RunnerFixtures.baseBlock)
    grid:
      policy: [greedy, "on-demand-fallback:1", on-demand-only]
      preemption_rate: [0.05, 0.3, 1.0]
    replicates: {min: 3, max: 30, target: {metric: total_cost, halfwidth_percent: 2}}
    seed: 7
    """

  func counts(_ store: ResultsStore, _ sweep: Int64) throws -> [String: Int] {
    let table = try store.export(sweep: sweep)
    let key = table.columns.firstIndex(of: "cell_key")!
    return table.rows.reduce(into: [:]) { $0[$1[key]!, default: 0] += 1 }
  }

  @Test func itIsDeterministicAndStopsWhereTheTargetIsMet() throws {
    let directory = RunnerFixtures.scratch()
    let spec = try RunnerFixtures.spec(Self.specText, in: directory)
    let plan = try SweepPlan(spec: spec, size: nil, catalog: RunnerFixtures.catalog)
    var exports: [ExportTable] = []
    var stores: [(ResultsStore, Int64)] = []
    for jobs in [1, 2] {
      let store = try ResultsStore.inMemory()
      let outcome = try SweepRunner(store: store).run(
        plan, options: RunnerFixtures.options(jobs: jobs))
      #expect(outcome.status == .finished && outcome.rounds > 1)
      exports.append(try store.export(sweep: outcome.sweepID).dropping(ExportTable.timingColumns))
      stores.append((store, outcome.sweepID))
    }
    #expect(exports[0] == exports[1])
    let (store, sweep) = stores[0]
    let n = try counts(store, sweep)
    // An oracle: replay the rounds on the stored costs (replicates are a
    // prefix in seeded order), judging each cell with `Summary` directly.
    let table = try store.export(sweep: sweep)
    let column = Dictionary(uniqueKeysWithValues: table.columns.enumerated().map { ($1, $0) })
    var cost: [String: [Double]] = [:]
    for row in table.rows {
      cost[row[column["cell_key"]!]!, default: []].append(Double(row[column["total_cost"]!]!)!)
    }
    func met(_ key: String, _ count: Int) -> Bool {
      let base = key.replacingOccurrences(
        of: #"policy=[^;]+"#, with: "policy=on-demand-only", options: .regularExpression)
      let d = (0..<count).map { cost[key]![$0] - cost[base]![$0] }
      let scale = cost[base]!.prefix(count).reduce(0, +) / Double(count)
      return count >= 3 && 100 * (Summary(d).halfWidth ?? .infinity) / scale <= 2
    }
    var reachedMax = 0
    var stoppedEarly = 0
    for (key, count) in n where !key.contains("on-demand-only") {
      #expect(count >= 3 && count <= 30)
      if count == 30 && !met(key, 30) {
        reachedMax += 1
      } else {
        #expect(met(key, count), "\(key) stopped at \(count) without meeting the target")
        stoppedEarly += 1
      }
    }
    // Both outcomes occur, so the test sees the target and the cap.
    #expect(reachedMax > 0 && stoppedEarly > 0)
    // Each baseline cell runs as many replicates as its partners need.
    for (key, count) in n where key.contains("on-demand-only") {
      let rate = key.split(separator: ";").last!
      #expect(count == n.filter { $0.key.hasSuffix(rate) }.map(\.value).max())
    }
    // A fixed-count sweep of the same cells would have run 9 × 30.
    #expect(n.values.reduce(0, +) < 270)
  }

  @Test func aResumedSweepStopsAtTheSameCounts() throws {
    let spec = try RunnerFixtures.spec(Self.specText, in: RunnerFixtures.scratch())
    let plan = try SweepPlan(spec: spec, size: nil, catalog: RunnerFixtures.catalog)
    let whole = try ResultsStore.inMemory()
    let reference = try SweepRunner(store: whole).run(
      plan, options: RunnerFixtures.options(jobs: 2))
    let store = try ResultsStore.inMemory()
    var outcome = try SweepRunner(store: store).run(
      plan, options: RunnerFixtures.options(jobs: 2, maxRuns: 40))
    #expect(outcome.status == .interrupted)
    while outcome.status != .finished {
      outcome = try SweepRunner(store: store).run(
        plan, options: RunnerFixtures.options(jobs: 2, resume: true, maxRuns: 40))
    }
    #expect(try counts(store, outcome.sweepID) == counts(whole, reference.sweepID))
  }

  @Test(arguments: [
    ("{min: 5, max: 3, target: {metric: total_cost, halfwidth_percent: 1}}", "replicates.max"),
    ("{min: 5, max: 9, target: {metric: costs, halfwidth_percent: 1}}", "replicates.target.metric"),
    (
      "{min: 5, max: 9, target: {metric: total_cost, halfwidth_percent: 0}}",
      "replicates.target.halfwidth_percent"
    ),
    (
      "{min: 5, max: 9, target: {metric: total_cost, halfwidth_percent: 1, vs: other}}",
      "replicates.target.vs"
    ),
    ("{min: 5, max: 9}", "replicates.target"),
    (
      "{min: 5, max: 9, step: 2, target: {metric: total_cost, halfwidth_percent: 1}}",
      "replicates.step"
    ),
  ])
  func badRulesNameTheirKey(rule: String, key: String) throws {
    let text = Self.specText.replacingOccurrences(
      of: "{min: 3, max: 30, target: {metric: total_cost, halfwidth_percent: 2}}", with: rule)
    #expect {
      try RunnerFixtures.spec(text, in: RunnerFixtures.scratch())
    } throws: { error in
      "\(error)".contains(key)
    }
  }

  @Test func aCellWithoutABaselinePartnerOrAShardIsRefused() throws {
    let noPartner = Self.specText.replacingOccurrences(
      of: "halfwidth_percent: 2}}", with: "halfwidth_percent: 2}}\nbaseline: greedy"
    ).replacingOccurrences(of: "policy: [greedy, ", with: "policy: [")
    let spec = try RunnerFixtures.spec(noPartner, in: RunnerFixtures.scratch())
    #expect {
      try SweepPlan(spec: spec, size: nil, catalog: RunnerFixtures.catalog)
    } throws: { "\($0)".contains("replicates.target.vs") }
    let fine = try RunnerFixtures.spec(Self.specText, in: RunnerFixtures.scratch())
    #expect {
      try SweepPlan(
        spec: fine, size: nil, catalog: RunnerFixtures.catalog, shard: Shard(index: 0, count: 2))
    } throws: { "\($0)".contains("--shard") }
  }
}
