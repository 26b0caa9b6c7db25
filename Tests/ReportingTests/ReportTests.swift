import Foundation
import Reporting
import Testing

@Suite struct ReportTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  func goldenText(_ name: String) throws -> String {
    try String(contentsOf: Self.golden.appendingPathComponent(name), encoding: .utf8)
  }

  @Test func markdownTablesRender() throws {
    let table = MarkdownTable(
      header: ["policy", "cost $"], rows: [["greedy", "30.00"], ["a|b", "1.00"]])
    #expect(
      table.render() == """
        | policy | cost $ |
        | --- | ---: |
        | greedy | 30.00 |
        | a\\|b | 1.00 |

        """)
  }

  @Test func reportMatchesTheGoldenFile() throws {
    let report = ExperimentReport(
      data: Synthetic.sweep(), spec: nil, catalog: nil, specNote: "synthetic data")
    let text = report.markdown(figures: [], skipped: ["figures skipped in this test"])
    let expected = try goldenText("synthetic-report.md")
    if text != expected {
      // Leave the actual output beside the golden file to diff.
      try? text.write(
        to: Self.golden.appendingPathComponent("synthetic-report.actual.md"), atomically: true,
        encoding: .utf8)
    }
    #expect(text == expected)
  }

  @Test func egressAndMovesAreShownOnlyWhereARunMoved() {
    var data = Synthetic.sweep()
    let still = ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
    #expect(!still.markdown(figures: [], skipped: []).contains("moves between zones"))
    data.cells[0].runs[0].metrics["zone_migrations"] = 3
    data.cells[0].runs[0].metrics["egress_cost"] = 1.5
    let text = ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
    #expect(text.contains("| egress $ | moves between zones |"))
  }

  @Test func singleZoneRowsGiveTheBestZoneAndTheAverageOverZones() {
    // Two windows; zone a costs 10 and 14, zone b 12 and 20; the
    // multi-region policy costs 9 and 13.
    var cells: [CellData] = []
    func add(_ values: [String: String], _ cost: Double) {
      cells.append(
        CellData(
          index: cells.count, key: "\(cells.count)", values: values,
          runs: [RunData(replicate: 0, seed: "1", metrics: ["total_cost": cost])]))
    }
    for (w, a, b, m) in [("1", 10.0, 12.0, 9.0), ("2", 14, 20, 13)] {
      add(["trace_start_hour": w, "policy": "uniform-progress", "trace_zones": "a"], a)
      add(["trace_start_hour": w, "policy": "uniform-progress", "trace_zones": "b"], b)
      add(["trace_start_hour": w, "policy": "synkti-value"], m)
    }
    let data = SweepData(
      sweep: Synthetic.record, experiment: "zones", specText: "name: zones\n", specHash: "abc",
      axes: ["trace_start_hour", "policy", "trace_zones"], cells: cells)
    let text = ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
    // Best zone a: mean 12 (10, 14); average over zones: 11 and 17, mean 14.
    #expect(text.contains("| best zone (`a`) | 2 | 12 ± 25 |"))
    #expect(text.contains("| average over zones | 2 | 14 ± 38 |"))
    // Paired: 9 − 10 = 13 − 14 = −1 (no spread); 9 − 11 = −2, 13 − 17 = −4.
    #expect(text.contains("| `synkti-value` | 2 | -1.00 ± 0 | -3 ± 13 |"))
    // Sweeps without per-zone runs have no such section.
    let plain = ExperimentReport(data: Synthetic.sweep(), spec: nil, catalog: nil, specNote: "")
    #expect(!plain.markdown(figures: [], skipped: []).contains("Single zone against multi-region"))
  }

  @Test func theProvenanceNamesTheSweepsThatComputedTheRuns() {
    var data = Synthetic.sweep()
    var earlier = Synthetic.record
    earlier.id = 3
    earlier.gitCommit = "fedcba9876543210"
    earlier.finishedAt = "2025-06-01T00:00:00Z"
    earlier.modelFingerprint = "abcdef0123456789abcdef"
    data.origins = [(earlier, 4), (data.sweep, 2)]
    data.resultsHash = "0011223344556677889900"
    let text = render(data)
    #expect(
      text.contains(
        "| computed by | sweep 3 at commit `fedcba987654`, host host, finished 2025-06-01T00:00:00Z: 4 runs; sweep 7 at commit `0123456789ab`, host host, finished 2026-01-01T00:01:00Z: 2 runs |"
      ))
    #expect(text.contains("| model | fingerprint `abcdef0123456789…` |"))
    #expect(
      text.contains("| results | SHA-256 `0011223344556677…` of `synkti export --omit-timing --as-stored` |"))
    // The sweep reporting them (its id, its dates) does not enter the text,
    // so a rerun that reuses every run reports the same.
    var rerun = data
    rerun.sweep.id = 99
    rerun.sweep.startedAt = "2027-01-01T00:00:00Z"
    rerun.sweep.gitCommit = "9999999999999999"
    #expect(render(rerun) == text)
  }

  @Test func adaptiveSweepsShowEachCellsNAndWhetherItMetTheTarget() {
    // Greedy − on-demand: −70, −68, −69; s = 1, half-width
    // t(0.975, 2) / √3 = 2.484138, i.e. 2.48 % of the baseline's 100.
    func report(_ percent: Int, max: Int) -> String {
      var data = Synthetic.sweep()
      data.specText =
        "name: synthetic\nreplicates: {min: 3, max: \(max), target: {metric: total_cost, halfwidth_percent: \(percent)}}\n"
      return ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
        .markdown(figures: [], skipped: [])
    }
    let met = report(3, max: 9)
    #expect(met.contains("| CI target |"))
    #expect(met.contains("| 0.00 ± 0 | met (±2.48%) |"))
    #expect(met.contains("| 0.00 ± 0 | baseline |"))
    #expect(met.contains("| runs | 6 over 2 cells, n = 3…3 (adaptive: 3–9 replicates per cell"))
    #expect(met.contains("; 2 of 2 cells met the target |"))
    #expect(report(2, max: 3).contains("| not met at max (±2.48%) |"))
    #expect(report(2, max: 9).contains("| not met (±2.48%) |"))
    let fixed = ExperimentReport(data: Synthetic.sweep(), spec: nil, catalog: nil, specNote: "")
    #expect(!fixed.markdown(figures: [], skipped: []).contains("CI target"))
  }

  /// Two policies and the baseline, one migration axis: `spot-only` is the
  /// cheapest but misses two deadlines of three.
  func deadlineSweep(maxMissRate: Double? = nil, spotUnfinished: Double = 0) -> SweepData {
    func cell(_ index: Int, _ policy: String, _ migration: String, cost: Double, misses: Int)
      -> CellData
    {
      CellData(
        index: index, key: "policy=\(policy);migration=\(migration)",
        values: ["policy": policy, "migration": migration],
        runs: (0..<3).map { r in
          var metrics: [String: Double] = [
            "total_cost": cost + Double(r), "baseline_cost": 100, "tasks_total": 1,
            "deadline_misses": r < misses ? 1 : 0,
            "savings_percent": 100 - cost - Double(r),
            "unfinished_work_hours": policy == "spot-only" ? spotUnfinished : 0,
          ]
          if r >= misses { metrics["completion_mean"] = 40 }
          return RunData(replicate: r, seed: "\(r)", metrics: metrics)
        })
    }
    var data = SweepData(
      sweep: Synthetic.record, experiment: "deadlines",
      specText: "name: deadlines\n"
        + (maxMissRate.map { "max_deadline_miss_rate: \($0)\n" } ?? ""), specHash: "abc",
      axes: ["policy", "migration"],
      cells: [
        cell(0, "on-demand-only", "naive", cost: 100, misses: 0),
        cell(1, "on-demand-only", "optimal", cost: 100, misses: 0),
        cell(2, "greedy", "naive", cost: 60, misses: 0),
        cell(3, "greedy", "optimal", cost: 50, misses: 0),
        cell(4, "spot-only", "naive", cost: 20, misses: 2),
      ])
    // The two on-demand cells are identical run by run.
    data.cells[1].runs = data.cells[0].runs
    return data
  }

  func render(_ data: SweepData) -> String {
    ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
  }

  @Test func aCellThatMissesDeadlinesIsNeverStarred() {
    let text = render(deadlineSweep())
    #expect(text.contains("| `spot-only` ✗ 67% missed | `naive` | 3 |"))
    #expect(text.contains("| `greedy` ★ | `optimal` | 3 |"))
    #expect(text.contains("| `spot-only` ✗ 67% missed | 3 |"))  // the policy axis table
    #expect(text.contains("| `greedy` ★ | 6 |"))
    // A spec that tolerates 70% misses stars the cheapest.
    let lenient = render(deadlineSweep(maxMissRate: 0.7))
    #expect(lenient.contains("| `spot-only` ★ | `naive` | 3 |"))
    #expect(lenient.contains("at most 70% of deadlines"))
  }

  @Test func aCellThatLeavesMoreWorkUnfinishedThanTheBaselineIsNeverStarred() {
    // The baseline leaves no work unfinished; without completed work the
    // 1% tolerance is 0 h.
    var data = deadlineSweep(maxMissRate: 1, spotUnfinished: 5)
    let text = render(data)
    #expect(text.contains("| `spot-only` ✗ more work unfinished than `on-demand-only` | `naive` |"))
    #expect(text.contains("| `greedy` ★ | `optimal` | 3 |"))
    // Within 1% of the baseline's work (0.5 h of 100 h) is not a shortfall.
    for c in data.cells.indices {
      for r in data.cells[c].runs.indices {
        data.cells[c].runs[r].metrics["completed_work_hours"] = 100
        if data.cells[c].values["policy"] == "spot-only" {
          data.cells[c].runs[r].metrics["unfinished_work_hours"] = 0.9
        }
      }
    }
    #expect(render(data).contains("| `spot-only` ★ | `naive` | 3 |"))
  }

  @Test func identicalRowsMergeAndUndefinedValuesShowADash() {
    let text = render(deadlineSweep())
    // on-demand-only × {naive, optimal} are identical: one row spans both.
    #expect(text.contains("| `on-demand-only` | `naive`, `optimal` | 3 |"))
    #expect(!text.contains("| `on-demand-only` | `naive` | 3 |"))
    #expect(text.contains("share one row, which lists the values they span"))
    // Greedy's cells differ, so they keep their rows.
    #expect(text.contains("| `greedy` | `naive` | 3 |"))
    // Spot-only completed one job of three: its completion mean is that
    // one job's, never a 0 for the two that did not finish.
    #expect(text.contains("| `spot-only` ✗ 67% missed | `naive` | 3 | 21.0 ± 2.5 |"))
    let row = text.split(separator: "\n").first {
      $0.hasPrefix("| `spot-only` ✗ 67% missed | `naive` | 3 | 21.0 ± 2.5")
    }!
    // Columns: policy, migration, n, cost, cost / on-demand, savings, completion mean.
    func completion(_ row: Substring) -> String {
      row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }[6]
    }
    #expect(completion(row) == "40.00")
    // A cell with no completed job at all shows —.
    var none = deadlineSweep()
    for r in none.cells[4].runs.indices { none.cells[4].runs[r].metrics["completion_mean"] = nil }
    let dash = render(none).split(separator: "\n").first {
      $0.hasPrefix("| `spot-only` ✗ 67% missed | `naive` | 3 | 21.0 ± 2.5")
    }!
    #expect(completion(dash) == "—")
  }

  /// `a` is 10 $ cheaper than `b` in zone x on every replicate (a known
  /// effect) and within noise of it in zone y (a known null).
  @Test func findingsStateTheKnownEffectAndTheKnownNull() {
    func cell(_ i: Int, _ policy: String, _ zone: String, _ costs: [Double]) -> CellData {
      CellData(
        index: i, key: "policy=\(policy);trace_zone=\(zone)",
        values: ["policy": policy, "trace_zone": zone],
        runs: costs.enumerated().map {
          RunData(replicate: $0.offset, seed: "\($0.offset)", metrics: ["total_cost": $0.element])
        })
    }
    let data = SweepData(
      sweep: Synthetic.record, experiment: "findings",
      specText: """
        name: findings
        grid: {policy: [a, b], trace_zone: [x, y]}
        compare: [[a, b]]
        """, specHash: "abc", axes: ["policy", "trace_zone"],
      cells: [
        cell(0, "a", "x", [90, 90, 90]), cell(1, "a", "y", [101, 99, 100.5]),
        cell(2, "b", "x", [100, 100, 100]), cell(3, "b", "y", [100, 100, 100]),
      ])
    let text = render(data)
    // Differences in y: 1, −1, 0.5: mean 0.17, s = 1.0408, half-width
    // t(0.975, 2) · s / √3 = 2.59.
    #expect(
      text.contains(
        "- **`a` vs `b`** (`policy`, 2 conditions): `a` costs significantly less in 1 (-10.0%); largest -10.00 ± 0 $ at trace_zone = x; no significant difference in 1; largest 0.2 ± 2.6 $ at trace_zone = y."
      ))
    #expect(text.contains("| trace_zone = x | 3 | -10.00 ± 0 | -10.0 |"))
    #expect(!text.contains("| trace_zone = y | 3 |"))
    // Equal costs are said to be equal, not merely "no difference".
    var same = data
    same.cells[0].runs = same.cells[2].runs
    same.cells[1].runs = same.cells[3].runs
    #expect(
      render(same).contains(
        "the same total cost in every run of every condition: the model gives them nothing to differ on here."
      ))
    // Start windows are samples, not conditions: three one-run windows
    // pool into one condition of n = 3 (differences −2, −3, −4).
    var windows: [CellData] = []
    for (policy, costs) in [("a", [8.0, 7, 6]), ("b", [10.0, 10, 10])] {
      for (w, cost) in costs.enumerated() {
        windows.append(
          CellData(
            index: windows.count, key: "policy=\(policy);trace_start_hour=\(w)",
            values: ["policy": policy, "trace_start_hour": "\(w)"],
            runs: [RunData(replicate: 0, seed: "1", metrics: ["total_cost": cost])]))
      }
    }
    let pooled = SweepData(
      sweep: Synthetic.record, experiment: "windows",
      specText:
        "name: windows\ngrid: {policy: [a, b], trace_start_hour: [0, 1, 2]}\ncompare: [[a, b]]\n",
      specHash: "abc", axes: ["policy", "trace_start_hour"], cells: windows)
    #expect(
      render(pooled).contains(
        "- **`a` vs `b`** (`policy`, 1 condition): `a` costs significantly less in 1 (-30.0%); largest -3.0 ± 2.5 $ at (all runs)"
      ))
    // Without `compare:` there is no Findings section.
    #expect(!render(deadlineSweep()).contains("## Findings"))
  }

  @Test func theIndexListsEveryExperimentReported() {
    var other = deadlineSweep()
    other.specText = "name: deadlines\ndescription: one job | two deadlines\n"
    let text = ReportIndex(sweeps: [Synthetic.sweep(), other]).markdown()
    #expect(text.contains("| [synthetic](synthetic/README.md) | — | `0123456789ab` | 2 | 6 |"))
    #expect(
      text.contains(
        "| [deadlines](deadlines/README.md) | one job \\| two deadlines | `0123456789ab` | 5 | 15 |"
      ))
  }

  @Test func aReportSaysWhenItsSweepIsIncompleteOrHadFailures() {
    var data = Synthetic.sweep()
    let complete = ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
    #expect(!complete.markdown(figures: [], skipped: []).contains("Incomplete"))
    data.sweep.status = .interrupted
    data.sweep.totalRuns = 10
    data.failedRuns = 2
    let text = ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
    #expect(text.contains("**Incomplete.** Sweep 7 is `interrupted`: 8 of its 10 runs are stored."))
    #expect(text.contains("2 runs failed"))
  }

  @Test func gnuplotWritesNonEmptyPNGAndPDF() throws {
    guard Gnuplot.isAvailable else { return }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("synkti-gp-\(UUID())")
      .path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let figure = try #require(
      Figures.completionCDF([("greedy", [1, 2, 3, 5]), ("on-demand-only", [1, 2, 2.5, 4])]))
    let files = try Gnuplot.render(figure, in: dir)
    for file in files {
      let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
      #expect(size > 100, "\(file) is empty")
    }
    let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/completion-cdf.png"))
    #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    let pdf = try Data(contentsOf: URL(fileURLWithPath: dir + "/completion-cdf.pdf"))
    #expect(pdf.prefix(4) == Data("%PDF".utf8))
  }

  @Test func aFigureWhoseDataAndScriptAreUnchangedIsNotPlottedAgain() throws {
    guard Gnuplot.isAvailable else { return }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("synkti-gp-\(UUID())")
      .path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let figure = try #require(Figures.completionCDF([("greedy", [1, 2, 3, 5])]))
    try Gnuplot.render(figure, in: dir, pdfDate: "20261205000000")
    let png = dir + "/completion-cdf.png"
    // A marker where the plot was: kept while data and script are the same,
    // and the PDF still takes the date it is given.
    try Data("kept".utf8).write(to: URL(fileURLWithPath: png))
    try Gnuplot.render(figure, in: dir, pdfDate: "20261206000000")
    #expect(try Data(contentsOf: URL(fileURLWithPath: png)) == Data("kept".utf8))
    let pdf = try Data(contentsOf: URL(fileURLWithPath: dir + "/completion-cdf.pdf"))
    #expect(pdf.firstRange(of: Data("/CreationDate (D:20261206000000".utf8)) != nil)
    // New data: plotted again.
    var changed = figure
    changed.data += "\n"
    try Gnuplot.render(changed, in: dir)
    let plotted = try Data(contentsOf: URL(fileURLWithPath: png))
    #expect(plotted.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
  }

  @Test func savingsFigureNeedsItsAxes() {
    #expect(Figures.savingsVersusRate(Synthetic.sweep()) == nil)
    #expect(Figures.accelerators(Synthetic.sweep()) == nil)
  }
}
