import Experiments
import Simulation
import Testing

/// The spec key `bound:`: which runs of a sweep solve their lower bound,
/// and what they store.
@Suite struct BoundSpecTests {
  let catalog = try! AcceleratorCatalog.load(Paths.catalog)

  static func spec(bound: String) -> String {
    """
    name: bounded
    base: {tasks: 12, horizon_hours: 60, arrival_fraction: 0.3, accelerator: L4, work_hours: "uniform(1,6)"}
    grid: {policy: [greedy, on-demand-only], migration: [naive, optimal]}
    bound: \(bound)
    replicates: 3
    """
  }

  /// `bound: 2` solves the bound of replicates 0 and 1 only; every cell of
  /// a replicate has the same bound (the program reads no policy), and
  /// the gap is the cost (nothing unfinished here) ÷ the bound, ≥ 1.
  @Test func theFirstNReplicatesCarryTheBound() throws {
    let spec = try ExperimentSpec.parse(Self.spec(bound: "2"), file: "b.yaml", catalog: catalog)
    let plan = try SweepPlan(spec: spec, size: nil, catalog: catalog)
    var bounds: [Int: Set<Double>] = [:]
    for run in plan.runs {
      let m = plan.simulate(run)
      if run.replicate < 2 {
        let bound = try #require(m.lowerBoundCost)
        bounds[run.replicate, default: []].insert(bound)
        #expect(m.unfinished == 0)
        #expect(m.gapToBound.map { abs($0 - m.totalCost / bound) < 1e-12 } == true)
        #expect(m.gapToBound.map { $0 >= 1 - 1e-12 } == true)
      } else {
        #expect(m.lowerBoundCost == nil && m.gapToBound == nil)
      }
    }
    #expect(bounds.count == 2 && bounds.values.allSatisfy { $0.count == 1 })
  }

  /// On every cell of the first replicate of the small fleet paper specs,
  /// the bound is never above the run's cost plus its unfinished or late
  /// work at on-demand (`gap_to_bound` ≥ 1): the proof's claim, on the
  /// paper's own markets (synthetic, OU, the AWS V100 traces, spot limits)
  /// and deadlines (policies, five-axis).
  @Test(arguments: ["headline", "policies", "checkpointing", "five-axis"])
  func theBoundIsUnderEveryPaperRun(name: String) throws {
    let spec = try ExperimentSpec.load(
      Paths.experiment("paper") + "/\(name).yaml", catalog: catalog)
    let plan = try SweepPlan(spec: spec, size: nil, catalog: catalog)
    var checked = 0
    for run in plan.runs where run.replicate == 0 {
      let m = plan.simulate(run)
      let gap = try #require(m.gapToBound, "\(name) \(run.cell.key): no bound")
      #expect(gap >= 1 - 1e-9, "\(name) \(run.cell.key): cost ÷ bound \(gap)")
      checked += 1
    }
    #expect(checked == plan.cells.count)
  }

  /// `true` is every replicate, `false` none; anything else is bad input
  /// naming the key; a deadline-job spec cannot ask for it.
  @Test func valuesAndBadInput() throws {
    for (text, expected) in [("true", 3), ("false", 0)] {
      let spec = try ExperimentSpec.parse(Self.spec(bound: text), file: "b.yaml", catalog: catalog)
      let plan = try SweepPlan(spec: spec, size: nil, catalog: catalog)
      let bounded = Set(
        plan.runs.filter { plan.simulate($0).lowerBoundCost != nil }.map(\.replicate))
      #expect(bounded.count == expected, "bound: \(text)")
    }
    for bad in ["yes", "0", "-1", "1.5"] {
      #expect(throws: ExperimentsError.self, "bound: \(bad)") {
        try ExperimentSpec.parse(Self.spec(bound: bad), file: "b.yaml", catalog: catalog)
      }
    }
    let deadline = """
      name: d
      base: {model: deadline-job, accelerator: V100, market: trace:../data/traces/aws-v100-2023-02, trace_zone: us-east-1a, work_hours: constant(10), deadline_hours: 20}
      grid: {policy: [uniform-progress]}
      bound: true
      """
    do {
      let spec = try ExperimentSpec.parse(
        deadline, file: Paths.experiment("paper") + "/d.yaml", catalog: catalog)
      _ = try SweepPlan(spec: spec, size: nil, catalog: catalog)
      Issue.record("a deadline-job spec with bound: true was accepted")
    } catch ExperimentsError.notApplicable(_, let key, _, _, _) {
      #expect(key == "bound")
    }
  }
}
