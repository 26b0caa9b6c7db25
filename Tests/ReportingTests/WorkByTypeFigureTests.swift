import Reporting
import Experiments
import Foundation
import Simulation
import Testing

/// The chip-choice figure of work by accelerator type.
@Suite struct WorkByTypeFigureTests {
  /// A line per policy and type used, its points the mean share per
  /// deadline with the Student-t half-width (n = 2: 12.706 × sd ÷ √2); a
  /// type no policy uses is named in the caption, not drawn.
  @Test func drawsTheTypesUsedAndNamesTheRest() throws {
    let series = [
      Figures.TypeShares(
        policy: "optimal-offline", type: "H100", shares: [36: [1, 1], 48: [0.5, 0.7]]),
      Figures.TypeShares(
        policy: "optimal-offline", type: "L4", shares: [36: [0, 0], 48: [0.5, 0.3]]),
      Figures.TypeShares(
        policy: "optimal-offline", type: "TPU", shares: [36: [0, 0], 48: [0, 0]]),
    ]
    let figure = try #require(
      Figures.workByType(workload: "gptj", series: series, pooled: "`trace_start_hour`"))
    #expect(figure.name == "work-by-type-gptj")
    #expect(figure.caption.contains("Never used: `TPU`."))
    #expect(figure.commands.contains("title 'optimal-offline · H100'"))
    #expect(figure.commands.contains("title 'optimal-offline · L4'"))
    #expect(!figure.commands.contains("· TPU"))
    let rows = figure.data.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
      $0.split(separator: " ").compactMap { Double($0) }
    }
    // H100 at 36 h: 1 ± 0 (n 2); at 48 h: 0.6 ± 12.706 × 0.1414 / √2.
    #expect(rows[0] == [36, 1, 0, 2])
    #expect(abs(rows[1][1] - 0.6) < 1e-12 && abs(rows[1][2] - 12.706 * 0.1) < 1e-3)
    // L4 at 48 h: 0.4.
    #expect(abs(rows[3][1] - 0.4) < 1e-12)
  }

  /// Nothing used anywhere: no figure.
  @Test func noFigureWhenNoTypeIsUsed() {
    let series = [Figures.TypeShares(policy: "synkti-value", type: "L4", shares: [36: [0]])]
    #expect(Figures.workByType(workload: "w", series: series, pooled: "runs") == nil)
  }
}

/// The chip-choice report draws work by type from what each run stored,
/// every replicate of it, without solving a run again.
@Suite struct StoredWorkByTypeTests {
  static let workload = "llama2-70b-inference"

  func report(_ cells: [CellData]) throws -> ExperimentReport {
    let catalog = try Synthetic.catalog()
    let spec = try Synthetic.paperSpec("chip-choice", catalog: catalog)
    let data = SweepData(
      sweep: Synthetic.record, experiment: "chip-choice", specText: spec.text,
      specHash: "h", axes: ["policy", "workload", "chips", "deadline_hours"], cells: cells)
    return ExperimentReport(data: data, spec: spec, catalog: catalog, specNote: nil)
  }

  /// Cells of the optimum and the value policy with `chips` null and all at
  /// two deadlines, each with two replicates whose MI300X shares are
  /// `mi300x` (nil: the run predates stored shares).
  func cells(_ mi300x: [Double: [Double?]]) -> [CellData] {
    var cells: [CellData] = []
    for policy in ["optimal-offline", "synkti-value"] {
      for chips in ["null", "all"] {
        for deadline in [36.0, 48.0] {
          let runs = (mi300x[deadline] ?? []).enumerated().map { r, share in
            RunData(
              replicate: r, seed: "\(r)",
              metrics: [
                "total_cost": 100, "other_type_work_share": chips == "all" ? share ?? 0 : 0,
              ],
              workShares: chips == "all"
                ? share.map {
                  [
                    TypeWorkShare(type: "H100-80GB-GCP", share: 1 - $0),
                    TypeWorkShare(type: "MI300X", share: $0),
                  ]
                } : nil)
          }
          let values = [
            "policy": policy, "workload": Self.workload, "chips": chips,
            "deadline_hours": deadline == 36 ? "36" : "48",
          ]
          cells.append(Synthetic.cell(cells.count, values, runs: []))
          cells[cells.count - 1].runs = runs
        }
      }
    }
    return cells
  }

  @Test func theFigureIsTheMeanOfEveryStoredReplicate() throws {
    let writer = ReportWriter(report: try report(cells([36: [0.2, 0.4], 48: [1, 1]])))
    let figure = try #require(
      writer.figures().figures.first { $0.name == "work-by-type-\(Self.workload)" })
    let rows = figure.data.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
      .map { $0.split(separator: " ").compactMap { Double($0) } }
    // H100 at 36 h: 1 − (0.2, 0.4) → 0.7, at 48 h: 0; MI300X 0.3 and 1.
    let h100 = rows.filter { $0.count == 4 }.prefix(2)
    #expect(abs(h100[0][1] - 0.7) < 1e-12 && h100[0][3] == 2)
    #expect(h100[1][1] == 0)
    #expect(figure.commands.contains("optimal-offline · MI300X"))
  }

  /// A spec whose one workload is in its base, not on an axis, names the
  /// figure after that workload.
  @Test func aWorkloadInTheBaseNamesTheFigure() throws {
    let catalog = try Synthetic.catalog()
    let spec = try Synthetic.paperSpec("grace-period", catalog: catalog)
    var cells = cells([36: [0.5]])
    for i in cells.indices { cells[i].values["workload"] = nil }
    let data = SweepData(
      sweep: Synthetic.record, experiment: "grace-period", specText: spec.text, specHash: "h",
      axes: ["policy", "chips", "deadline_hours"], cells: cells)
    let writer = ReportWriter(
      report: ExperimentReport(data: data, spec: spec, catalog: catalog, specNote: nil))
    let names = writer.figures().figures.map(\.name)
    #expect(names.contains("work-by-type-finetune-llama2-7b"))
    #expect(!names.contains { $0.contains(" ") })
  }

  /// What a run stored is what the report reads: the text column parsed
  /// back, bit for bit; a run without it reads nil.
  @Test func theReportReadsTheSharesEachRunStored() throws {
    let store = try ResultsStore.inMemory()
    let experiment = try store.experimentID(name: "chips", text: "name: chips\n", hash: "h")
    let sweep = try store.insertSweep(
      SweepRecord(
        id: nil, experimentId: experiment, size: "default", gitCommit: "c", gitDirty: false,
        synktiVersion: "t", host: "h", startedAt: "", finishedAt: nil, jobs: 1,
        status: .running, shardIndex: 0, shardCount: 1, totalRuns: 2))
    try store.insertCells(
      sweep: sweep, cells: [CellRecord(index: 0, key: "chips=all", parameters: ["chips": "all"])])
    let shares = [
      TypeWorkShare(type: "H100-80GB-GCP", share: 1 - (0.1 + 0.2)),
      TypeWorkShare(type: "MI300X", share: 0.1 + 0.2),
    ]
    var metrics = RunMetrics()
    metrics.workShareByType = shares
    try store.saveRun(
      sweep: sweep, run: RunRecord(index: 0, cell: 0, replicate: 0, seed: 1), metrics: metrics,
      wallMs: 1, identity: "a")
    try store.saveRun(
      sweep: sweep, run: RunRecord(index: 1, cell: 0, replicate: 1, seed: 2),
      metrics: RunMetrics(), wallMs: 1, identity: "b")
    let runs = try SweepData.load(store, sweep: sweep).cells[0].runs
    #expect(runs.map(\.workShares) == [shares, nil])
    #expect(runs[0].metrics["work_share_by_type"] == nil)
  }

  @Test func runsStoredWithoutTheirSharesAreNamed() throws {
    let writer = ReportWriter(report: try report(cells([36: [0.2, nil], 48: [1, 1]])))
    let drawn = writer.figures()
    #expect(!drawn.figures.contains { $0.name.hasPrefix("work-by-type") })
    #expect(drawn.skipped.contains { $0.contains("2 runs were stored before") })
  }
}
