import Experiments
import Foundation
@testable import Reporting
import Testing

/// Where the gap to the optimum goes, computed by hand.
@Suite struct GapSourcesTests {
  static func run(spotHours: Double, spot: Double, onDemand: Double, egress: Double, probes: Double)
    -> RunData
  {
    RunData(
      replicate: 0, seed: "1",
      metrics: [
        "spot_instance_hours": spotHours, "spot_cost": spot, "on_demand_cost": onDemand,
        "egress_cost": egress, "probe_cost": probes,
        "total_cost": spot + onDemand + egress + probes,
      ])
  }

  /// The optimum: 50 spot hours at $2. The policy: 52 spot hours at $2.20
  /// ($114.40), $10 on-demand, $3 egress, $0.60 of probes: $28 more. Its
  /// price costs (2.20 − 2)·52 = $10.40, its two extra hours 2·$2 = $4.
  static let optimum = run(spotHours: 50, spot: 100, onDemand: 0, egress: 0, probes: 0)
  static let policy = run(spotHours: 52, spot: 114.4, onDemand: 10, egress: 3, probes: 0.6)

  @Test func thePartsOfAGapByHandSumToIt() {
    let parts = ExperimentReport.GapSources(Self.policy, optimum: Self.optimum)
    let expected = [10.4, 4, 10, 3, 0.6]
    for (part, want) in zip(parts.parts, expected) { #expect(abs(part - want) < 1e-9) }
    #expect(abs(parts.parts.reduce(0, +) - 28) < 1e-9)
  }

  /// The same price, $0.30 over 3 h against $0.10 over 1 h, differs by
  /// rounding only (0.3 ÷ 3 is 0.09999999999999999): no price part.
  @Test func aPriceThatDiffersByRoundingOnlyIsNoPart() {
    let parts = ExperimentReport.GapSources(
      Self.run(spotHours: 1, spot: 0.1, onDemand: 0, egress: 0, probes: 0),
      optimum: Self.run(spotHours: 3, spot: 0.3, onDemand: 0, egress: 0, probes: 0))
    #expect(parts.price == 0)
  }

  /// An optimum that ran on-demand only ($200) against 40 spot hours at
  /// $2.50, $120 on-demand and $1 egress: no price to compare, so the
  /// whole spot bill is hours ($100), on-demand −$80; $21 in all.
  @Test func anOptimumWithoutSpotPutsTheWholeSpotBillInHours() {
    let parts = ExperimentReport.GapSources(
      Self.run(spotHours: 40, spot: 100, onDemand: 120, egress: 1, probes: 0),
      optimum: Self.run(spotHours: 0, spot: 0, onDemand: 200, egress: 0, probes: 0))
    #expect(parts.parts == [0, 100, -80, 1, 0])
    // And the other way round: a policy without spot hours.
    let back = ExperimentReport.GapSources(
      Self.run(spotHours: 0, spot: 0, onDemand: 200, egress: 0, probes: 0),
      optimum: Self.policy)
    #expect(abs(back.price) < 1e-12 && abs(back.hours + 114.4) < 1e-9)
  }

  /// Policy `v` on two windows, each the hand-computed pair above (the
  /// optimum's cost $100, so dollars are %), beside the optimum and a
  /// single-zone include (left out, as the gap table leaves it).
  @Test func theSectionSplitsEachPolicysGapPerCondition() {
    var cells: [CellData] = []
    func cell(_ values: [String: String], _ runs: [RunData]) {
      cells.append(
        CellData(
          index: cells.count,
          key: values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
            separator: ";"),
          values: values, runs: runs))
    }
    for window in ["10", "20"] {
      var v = Self.policy
      v.metrics["gap_to_optimal"] = 1.28
      cell(["policy": "v", "trace_start_hour": window], [v])
      var o = Self.optimum
      o.metrics["gap_to_optimal"] = 1
      cell(["policy": "optimal-offline", "trace_start_hour": window], [o])
    }
    var single = Self.policy
    single.metrics["gap_to_optimal"] = 1.5
    cell(["policy": "uniform-progress", "trace_start_hour": "10", "trace_zones": "z"], [single])
    let data = SweepData(
      sweep: Synthetic.record, experiment: "gaps", specText: "name: gaps\n", specHash: "abc",
      axes: ["policy", "trace_start_hour", "trace_zones"], cells: cells)
    let text = ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
    let section = text.components(separatedBy: "## Where the gap goes").dropFirst().first?
      .components(separatedBy: "## ")[0]
    #expect(
      section?.contains(
        "| `v` | 2 | 28.00 ± 0 | 10.40 ± 0 | 4.00 ± 0 | 10.00 ± 0 | 3.00 ± 0 | 0.60 ± 0 |") == true)
    #expect(section?.contains("optimal-offline") == false)
    #expect(section?.contains("uniform-progress") == false)
  }

  /// Policy `v` against the optimum over 8 deadlines × 4 checkpoint
  /// sizes (more conditions than a table holds), one window each, the
  /// hand-computed pair above in each; or, `short`, over 2 deadlines.
  static func manyConditions(short: Bool = false) -> SweepData {
    var cells: [CellData] = []
    for deadline in 0..<(short ? 2 : 8) {
      for size in 0..<(short ? 1 : 4) {
        for (policy, run) in [("v", Self.policy), ("optimal-offline", Self.optimum)] {
          var r = run
          r.metrics["gap_to_optimal"] = policy == "v" ? 1.28 : 1
          let values = [
            "policy": policy, "deadline_hours": "\(100 + deadline)", "checkpoint_gb": "\(size)",
          ]
          cells.append(
            CellData(
              index: cells.count,
              key: values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: ";"),
              values: values, runs: [r]))
        }
      }
    }
    return SweepData(
      sweep: Synthetic.record, experiment: "gaps", specText: "name: gaps\n", specHash: "abc",
      axes: ["policy", "deadline_hours", "checkpoint_gb"], cells: cells)
  }

  /// More conditions than a table holds: one row per policy, over every
  /// condition's windows, and the table per condition for a CSV.
  @Test func manyConditionsArePooledPerPolicy() throws {
    let data = Self.manyConditions()
    let report = ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
    let (table, pooled) = try #require(report.gapSourcesTable())
    #expect(pooled && table.rows.count == 1)
    #expect(table.header[1] == "runs")
    #expect(table.rows[0].prefix(4) == ["`v`", "32", "28.00 ± 0", "10.40 ± 0"])
    // Per condition, for the CSV beside the report.
    let full = try #require(report.gapSourcesTable(poolAbove: .max))
    #expect(!full.pooled && full.table.rows.count == 32)
    #expect(full.table.rows[0].prefix(4) == ["`v`", "`100`", "`0`", "1"])
    let section = report.markdown(figures: [], skipped: [])
      .components(separatedBy: "## Where the gap goes")[1].components(separatedBy: "## ")[0]
    #expect(section.contains("per condition in [gap-sources.csv](gap-sources.csv)"))
  }

  /// Every cell names its zones (one zone or two, as `chip-choice` does):
  /// each policy cell pairs with the optimum of its own zones. On zones
  /// "a,b" the optimum ran 50 h at $1.80 ($90): the same run is $38
  /// above it, 42.22 %: price (2.20 − 1.80)·52 = $20.80, hours 2·$1.80.
  @Test func cellsThatNameTheirZonesPairWithTheirZonesOptimum() throws {
    var cells: [CellData] = []
    let cheaper = Self.run(spotHours: 50, spot: 90, onDemand: 0, egress: 0, probes: 0)
    for (zones, optimum) in [("a", Self.optimum), ("a,b", cheaper)] {
      for (policy, run) in [("v", Self.policy), ("optimal-offline", optimum)] {
        var r = run
        r.metrics["gap_to_optimal"] = 1.1
        let values = ["policy": policy, "trace_zones": zones]
        cells.append(
          CellData(
            index: cells.count, key: "policy=\(policy);trace_zones=\(zones)", values: values,
            runs: [r]))
      }
    }
    let data = SweepData(
      sweep: Synthetic.record, experiment: "gaps", specText: "name: gaps\n", specHash: "abc",
      axes: ["policy", "trace_zones"], cells: cells)
    let (table, _) = try #require(
      ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "").gapSourcesTable())
    #expect(
      table.rows == [
        ["`v`", "`a`", "1", "28.00", "10.40", "4.00", "10.00", "3.00", "0.60"],
        ["`v`", "`a,b`", "1", "42.22", "23.11", "4.00", "11.11", "3.33", "0.67"],
      ])
  }

  /// The writer puts the per-condition split beside a pooled report, and
  /// removes it when a later report of the experiment no longer pools.
  @Test func aPooledSplitIsWrittenPerConditionBesideTheReport() throws {
    let out = FileManager.default.temporaryDirectory
      .appendingPathComponent("synkti-gap-sources-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: out) }
    func write(_ data: SweepData) throws {
      _ = try ReportWriter(
        report: ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
      ).write(into: out)
    }
    let csv = out + "/gaps/" + ExperimentReport.gapSourcesCSV
    try write(Self.manyConditions())
    let text = try String(contentsOfFile: csv, encoding: .utf8)
    #expect(text.hasPrefix("policy,deadline_hours,checkpoint_gb,windows,gap %,spot price %,"))
    #expect(text.split(separator: "\n").count == 33)
    try write(Self.manyConditions(short: true))
    #expect(!FileManager.default.fileExists(atPath: csv))
  }
}
