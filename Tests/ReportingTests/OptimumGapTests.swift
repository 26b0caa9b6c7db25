import Experiments
import Foundation
@testable import Reporting
import Testing

/// The gap-to-optimum section and the per-window figure, on a hand-made
/// multi-zone deadline-job sweep whose numbers are computed by hand.
@Suite struct OptimumGapTests {
  /// Policies `v` and `e` on two windows (10, 20), plus the optimum and a
  /// single-zone include (measured against its own zone's optimum, so left
  /// out). `v` is 1.02 and 1.04 of the optimum, `e` 1.10 and 1.30.
  static func sweep() -> SweepData {
    var cells: [CellData] = []
    func cell(_ values: [String: String], ratios: [Double], moves: Double, egress: Double) {
      cells.append(
        CellData(
          index: cells.count,
          key: values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
            separator: ";"),
          values: values,
          runs: ratios.enumerated().map {
            RunData(
              replicate: $0.offset, seed: "1",
              metrics: [
                "total_cost": 100 * $0.element, "gap_to_optimal": $0.element,
                "zone_migrations": moves, "egress_cost": egress, "probes": 3, "probe_cost": 0.5,
              ])
          }))
    }
    for (policy, ratios) in [
      ("v", [1.02, 1.04]), ("e", [1.10, 1.30]), ("optimal-offline", [1, 1]),
    ] {
      for (i, window) in ["10", "20"].enumerated() {
        cell(
          ["policy": policy, "trace_start_hour": window], ratios: [ratios[i]], moves: Double(i),
          egress: 2)
      }
    }
    cell(
      ["policy": "uniform-progress", "trace_start_hour": "10", "trace_zones": "z"], ratios: [1.5],
      moves: 0, egress: 0)
    return SweepData(
      sweep: Synthetic.record, experiment: "gaps", specText: "name: gaps\n", specHash: "abc",
      axes: ["policy", "trace_start_hour", "trace_zones"], cells: cells)
  }

  @Test func theSectionGivesEachPolicysGapOverWindowsAndLeavesSingleZoneCellsOut() {
    let text = ExperimentReport(data: Self.sweep(), spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
    let section = text.components(separatedBy: "## Gap to the optimum")[1]
      .components(separatedBy: "## ")[0]
    // v: gaps 2 % and 4 %: mean 3, s = 1.414, half-width t(0.975, 1)·s/√2
    // = 12.706; median 3; worst 1.040; moves (0 + 1)/2; egress 2; 3
    // probes, $0.50.
    #expect(section.contains("| `v` | 2 | 3 ± 13 | 3.00 | 1.040 | 0.5 | 2.00 | 3 | 0.50 |"))
    #expect(section.contains("| `e` | 2 | 20 ± 130 | 20.0 | 1.300 | 0.5 | 2.00 | 3 | 0.50 |"))
    #expect(!section.contains("optimal-offline"))
    #expect(!section.contains("uniform-progress"))
  }

  /// A policy the spec sets in `base:` (every cell but the optimum's
  /// include lacks the axis) is named from the stored spec text, so a
  /// report without the spec file (a spec outside `Experiments/paper/`,
  /// reported without `--spec`) still says whose gap each row is.
  @Test func aPolicySetInBaseIsNamedFromTheStoredSpecText() {
    var data = Self.sweep()
    data.cells.removeAll { $0.values["policy"] == "e" }
    for i in data.cells.indices where data.cells[i].values["policy"] == "v" {
      data.cells[i].values["policy"] = nil
    }
    data.specText = "name: gaps\nbase:\n  policy: v\n"
    let section = ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
      .components(separatedBy: "## Gap to the optimum")[1].components(separatedBy: "## ")[0]
    #expect(section.contains("| `v` | 2 | 3 ± 13 | 3.00 | 1.040 | 0.5 | 2.00 | 3 | 0.50 |"))
    #expect(!section.contains("`—`"))
  }

  /// Where reclaims lost work (periodic checkpoints, a short grace period),
  /// each policy's mean hours lost are a column; elsewhere there is none.
  @Test func workLostToReclaimsIsAColumnWhereAnyRunLostSome() {
    var data = Self.sweep()
    for i in data.cells.indices where data.cells[i].values["policy"] == "e" {
      for r in data.cells[i].runs.indices {
        data.cells[i].runs[r].metrics["work_lost_hours"] = i % 2 == 0 ? 1 : 2
      }
    }
    let text = ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
    let section = text.components(separatedBy: "## Gap to the optimum")[1]
      .components(separatedBy: "## ")[0]
    #expect(section.contains("| probes $ | work lost h |"))
    // e lost 1 h in one window and 2 h in the other; v none.
    #expect(
      section.contains("| `e` | 2 | 20 ± 130 | 20.0 | 1.300 | 0.5 | 2.00 | 3 | 0.50 | 1.50 |"))
    #expect(section.contains("| `v` | 2 | 3 ± 13 | 3.00 | 1.040 | 0.5 | 2.00 | 3 | 0.50 | 0.00 |"))
    #expect(section.contains("the hours of work reclaims lost"))
    let plain = ExperimentReport(data: Self.sweep(), spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
    #expect(!plain.contains("work lost h"))
  }

  /// Two policies over 16 deadlines: 32 conditions, more than a report
  /// holds. `v` is 1.02 of the optimum everywhere; `e` 1.10 and 1.30 in
  /// turn.
  static func longSweep() -> SweepData {
    var data = sweep()
    data.axes = ["policy", "deadline_hours"]
    data.cells = ["v", "e"].flatMap { policy in (1...16).map { (policy, $0) } }
      .enumerated().map { i, pd in
        let ratio = pd.0 == "v" ? 1.02 : (pd.1 % 2 == 0 ? 1.10 : 1.30)
        return Synthetic.cell(
          i, ["policy": pd.0, "deadline_hours": "\(pd.1)"],
          runs: [
            [
              "total_cost": 100 * ratio, "gap_to_optimal": ratio, "zone_migrations": 1,
              "egress_cost": 2, "probes": 3, "probe_cost": 0.5,
            ]
          ])
      }
    return data
  }

  @Test func aLongGapTableGoesToACSVAndTheReportPoolsItPerPolicy() throws {
    let report = ExperimentReport(data: Self.longSweep(), spec: nil, catalog: nil, specNote: "")
    let table = try #require(report.optimumGapTable())
    #expect(table.folded && table.table.rows.count == 32)
    let section = report.markdown(figures: [], skipped: [])
      .components(separatedBy: "## Gap to the optimum")[1].components(separatedBy: "## ")[0]
    #expect(section.contains("32 conditions: the table is in [gap-to-optimum.csv]"))
    #expect(!section.contains("| `16` |"))
    // v: 16 gaps of 2 %, no spread. e: 8 of 10 % and 8 of 30 %: mean 20,
    // s = 10·√(16/15) = 10.328, half-width t(0.975, 15) = 2.1314 × s/4 =
    // 5.50; median 20 (between the 8th and 9th); worst 1.300.
    #expect(section.contains("| `v` | 16 | 2.00 ± 0 | 2.00 | 1.020 | 1.0 | 2.00 | 3 | 0.50 |"))
    #expect(section.contains("| `e` | 16 | 20.0 ± 5.5 | 20.0 | 1.300 | 1.0 | 2.00 | 3 | 0.50 |"))
    let csv = ExperimentReport.csv(table.table)
    #expect(
      csv.hasPrefix(
        "policy,deadline_hours,windows,gap to optimum %,median %,worst window ÷ optimum,"))
    #expect(csv.split(separator: "\n").count == 33)
    // The short sweep keeps its table in the report.
    #expect(
      ExperimentReport(data: Self.sweep(), spec: nil, catalog: nil, specNote: "")
        .optimumGapTable()?.folded == false)
  }

  /// With `up-eager-failover` among the policies, each other policy's row
  /// counts the windows it cost more than 2 % above it on the same window:
  /// `v` costs 100, 103 and 101.9 against 100 in each: one window (103 >
  /// 102; 101.9 is within 2 %). The baseline's own row has none to count.
  /// Folded (pooled per policy) the count runs over every condition.
  @Test func windowsDearerThanTheEagerBaselineAreCounted() throws {
    func sweep(deadlines: [String]) -> SweepData {
      var data = Self.sweep()
      data.axes = ["policy", "deadline_hours", "trace_start_hour"]
      data.cells = []
      for policy in ["v", "up-eager-failover"] {
        for deadline in deadlines {
          for (window, cost) in zip(
            ["1", "2", "3"], policy == "v" ? [100, 103, 101.9] : [100, 100, 100])
          {
            data.cells.append(
              Synthetic.cell(
                data.cells.count,
                ["policy": policy, "deadline_hours": deadline, "trace_start_hour": window],
                runs: [["total_cost": cost, "gap_to_optimal": cost / 100]]))
          }
        }
      }
      return data
    }
    let section = ExperimentReport(
      data: sweep(deadlines: ["10"]), spec: nil, catalog: nil, specNote: ""
    )
    .markdown(figures: [], skipped: [])
    .components(separatedBy: "## Gap to the optimum")[1].components(separatedBy: "## ")[0]
    #expect(section.contains("| windows more than 2 % above `up-eager-failover` |"))
    #expect(section.contains("| `v` | 3 |") && section.contains("| 1 of 3 |"))
    #expect(section.contains("| `up-eager-failover` | 3 |") && section.contains("| — |"))
    // 16 deadlines fold the table: v is above in 16 of 48 windows.
    let long = ExperimentReport(
      data: sweep(deadlines: (1...16).map(String.init)), spec: nil, catalog: nil, specNote: ""
    )
    #expect(try #require(long.optimumGapTable()).folded)
    let pooled = long.markdown(figures: [], skipped: [])
      .components(separatedBy: "## Gap to the optimum")[1].components(separatedBy: "## ")[0]
    #expect(pooled.contains("| runs more than 2 % above `up-eager-failover` |"))
    #expect(pooled.contains("| 16 of 48 |"))
    // Without the baseline there is no such column.
    let plain = ExperimentReport(data: Self.sweep(), spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
    #expect(!plain.contains("above `up-eager-failover`"))
  }

  @Test func theFigureDrawsEveryWindowForEveryPolicy() throws {
    let figure = try #require(Figures.costOverOptimumPerWindow(Self.sweep()))
    let rows = figure.data.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(rows == ["1 10.0 1.02", "2 20.0 1.04", "1 10.0 1.1", "2 20.0 1.3"])
    #expect(figure.commands.contains("title 'v'") && figure.commands.contains("title 'e'"))
    #expect(!figure.commands.contains("logscale"))
    // Windows are counted, so the axis has no half windows (two windows:
    // one tick each; more than 20: one every 5 or 10).
    #expect(figure.commands.contains("set xtics 1\n"))
  }

  /// The median is the middle window (the mean of the middle two when
  /// even): one window far off moves the mean, not the median.
  @Test func theMedianIgnoresOneFarWindow() {
    #expect(ExperimentReport.median([1.0, 4.0, 1.02]) == 1.02)
    #expect(ExperimentReport.median([1.5, 1.25]) == 1.375)
    #expect(ExperimentReport.median([]) == 1)
    #expect(
      [277.43, 19.01, 4.4, 0.5, -12.34].map(ExperimentReport.threeDigits)
        == ["277", "19.0", "4.40", "0.50", "-12.3"])
  }

  /// A log axis keeps round ratios at least 5 % of its height apart: from
  /// 0.9996 to 4.16 (ln span 1.426, gap 0.071) 1.02 (ln 0.020 above 1)
  /// and 1.05 (0.049) are dropped, 1.1 (0.095) kept, 1.2 (0.087 above 1.1)
  /// kept; a short axis keeps its near ratios.
  @Test func logTicksDoNotCrowd() {
    #expect(Figures.logTicks(from: 0.9996, to: 4.16) == [1, 1.1, 1.2, 1.5, 2, 3])
    #expect(Figures.logTicks(from: 1.0, to: 1.2) == [1, 1.02, 1.05, 1.1, 1.2])
    #expect(Figures.logTicks(from: 1.5, to: 120) == [1.5, 2, 3, 5, 7, 10, 20, 50, 100])
  }
}
