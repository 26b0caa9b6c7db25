import Experiments
import Reporting
import Testing

/// Per-cell tables longer than 30 cells leave the report for CSVs beside it.
@Suite struct CellTableFoldingTests {
  /// Two policies × `bandwidths` values (fewer than 25 each, so no axis
  /// is pooled): 2 × `bandwidths` cells.
  static func sweep(bandwidths: Int) -> SweepData {
    var data = Synthetic.sweep()
    data.axes = ["policy", "bandwidth_gbps"]
    data.cells = ["greedy", "on-demand-only"].flatMap { policy in
      (0..<bandwidths).map { b in (policy, b) }
    }.enumerated().map { i, pb in
      Synthetic.cell(
        i, ["policy": pb.0, "bandwidth_gbps": "\(pb.1 + 1)"],
        runs: (0..<3).map { r in ["total_cost": 10 + Double(i) + Double(r), "baseline_cost": 100] })
    }
    return data
  }

  @Test func aLongTableGoesToACSVAndAShortOneStays() throws {
    let header = "| policy | bandwidth_gbps | n |"
    let long = ExperimentReport(
      data: Self.sweep(bandwidths: 16), spec: nil, catalog: nil, specNote: "")
    let folded = long.cellTables()
    #expect(folded.folded && folded.cost.rows.count == 32)
    let text = long.markdown(figures: [], skipped: [])
    #expect(text.contains("32 cells: the table is in [cells.csv](cells.csv)"))
    #expect(!text.contains(header))
    let csv = ExperimentReport.csv(folded.cost)
    #expect(csv.split(separator: "\n").count == 33)
    #expect(csv.hasPrefix("policy,bandwidth_gbps,n,"))
    #expect(!csv.contains("`"))
    let short = ExperimentReport(
      data: Self.sweep(bandwidths: 15), spec: nil, catalog: nil, specNote: "")
    #expect(!short.cellTables().folded)
    #expect(short.markdown(figures: [], skipped: []).contains(header))
  }

  /// A CSV is read by machine: intervals, parted columns and marks each
  /// get columns of their own, so every value column parses as a number.
  @Test func csvSplitsIntervalsPartsAndMarks() {
    let table = MarkdownTable(
      header: ["policy", "cost $", "checkpoints full / partial / restart", "p95 (h)"],
      rows: [
        ["`greedy` ★", "51.2 ± 2.2", "1.0 / 0.5 / 3.0", "45.11"],
        ["`optimal-offline` ⊥ bound (knows the future)", "40.1 ± 0", "—", "—"],
        ["`spot-only` ✗ 66% missed", "—", "0.0 / 0.0 / 7.0", "44"],
      ])
    #expect(
      ExperimentReport.csv(table) == """
        policy,cost $,cost $ ±95%,checkpoints full,checkpoints partial,checkpoints restart,p95 (h),mark
        greedy,51.2,2.2,1.0,0.5,3.0,45.11,★
        optimal-offline,40.1,0,—,—,—,—,⊥ bound (knows the future)
        spot-only,—,,0.0,0.0,7.0,44,✗ 66% missed

        """)
  }

  @Test func csvQuotesCommas() {
    let table = MarkdownTable(header: ["zones", "cost"], rows: [["`a,b`", "1 \"x\""]])
    #expect(ExperimentReport.csv(table) == "zones,cost\n\"a,b\",\"1 \"\"x\"\"\"\n")
  }
}
