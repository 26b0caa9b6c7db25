import Experiments
import Foundation
import Reporting
import Testing

/// Paired-difference figures, regime maps, coincident series, deadline
/// Findings and the litepaper-claims table, on hand-made sweeps whose
/// numbers are computed by hand.
@Suite struct PairedFigureTests {
  /// `a` vs `b` by trace zone (x, y) and task count (1, 2): `a` is 10 $ cheaper in
  /// zone x on every replicate and ±1 $ of `b` in zone y; `b` misses 2
  /// deadlines per run in zone x, `a` none.
  static func sweep(spec extra: String = "") -> SweepData {
    var cells: [CellData] = []
    for policy in ["a", "b"] {
      for zone in ["x", "y"] {
        for size in ["1", "2"] {
          let costs: [Double] =
            switch (policy, zone) {
            case ("a", "x"): [90, 90, 90]
            case ("a", "y"): [101, 99, 100]
            default: [100, 100, 100]
            }
          let misses = policy == "b" && zone == "x" ? 2.0 : 0
          cells.append(
            CellData(
              index: cells.count, key: "policy=\(policy);trace_zone=\(zone);tasks=\(size)",
              values: ["policy": policy, "trace_zone": zone, "tasks": size],
              runs: costs.enumerated().map {
                RunData(
                  replicate: $0.offset, seed: "\($0.offset)",
                  metrics: ["total_cost": $0.element, "deadline_misses": misses])
              }))
        }
      }
    }
    return SweepData(
      sweep: Synthetic.record, experiment: "paired",
      specText:
        "name: paired\ngrid: {policy: [a, b], trace_zone: [x, y], tasks: [1, 2]}\ncompare: [[a, b]]\n"
        + extra, specHash: "abc", axes: ["policy", "trace_zone", "tasks"], cells: cells)
  }

  static let comparison = ExperimentSpec.Comparison(axis: "policy", value: "a", against: "b")

  @Test func pairedDifferencesPlotTheMeanAndCIAlongEachOtherAxis() throws {
    let (figures, skipped) = Figures.pairedDifferences(Self.sweep(), comparisons: [Self.comparison])
    #expect(skipped.isEmpty)
    #expect(
      figures.map(\.name) == ["difference-policy-by-trace-zone", "difference-policy-by-tasks"])
    // Zone x: six pairs, all −10. Zone y: 1, −1, 0 twice: mean 0, s = 0.894,
    // half-width t(0.975, 5) · s / √6 = 0.939.
    let zone = figures[0].data.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(zone[0] == "0.0 -10.0 0.0 6 \"x\"")
    let y = zone[1].split(separator: " ")
    #expect(y[0] == "1.0" && y[1] == "0.0" && y[3] == "6")
    #expect(abs(Double(y[2])! - 0.939) < 0.001)
    // Tasks is numeric: its positions are its values.
    #expect(figures[1].data.contains("\n1.0 -5.0 "))
    // Equal on every run: no figure, and a note says why.
    var same = Self.sweep()
    for i in same.cells.indices where same.cells[i].values["policy"] == "a" {
      same.cells[i].runs = same.cells[i + 4].runs
    }
    let none = Figures.pairedDifferences(same, comparisons: [Self.comparison])
    #expect(none.figures.isEmpty)
    #expect(none.skipped.count == 2 && none.skipped[0].contains("cost the same in every run"))
  }

  @Test func regimeMapsPrintEachSquareAndMarkTheInsignificant() throws {
    // Misses allowed here (the next test holds b to none).
    let (figures, _) = Figures.regimeMaps(
      Self.sweep(spec: "max_deadline_miss_rate: 2\n"), comparisons: [Self.comparison])
    // b misses deadlines, so a second map gives the misses.
    #expect(figures.map(\.name) == ["regime-a-vs-b", "regime-a-vs-b-misses"])
    let rows = figures[0].data.split(separator: "\n").filter { !$0.hasPrefix("#") }
    // x = trace_zone (first of two axes with 2 values), y = tasks; zone x: −10 %.
    #expect(rows[0] == "0 0 -10.0 \"-10.0\" 3")
    // Zone y: differences 1, −1, 0: 0 %, CI includes 0: in parentheses.
    #expect(rows[1] == "1 0 0.0 \"(0.0)\" 3")
    let misses = figures[1].data.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(misses[0] == "0 0 -2.0 \"-2.0\" 3")
    #expect(figures[1].commands.contains("deadline misses per run"))
  }

  /// A value where only one side ran (b never ran with 2 tasks, as a
  /// policy an option does not apply to) is no row of "not run": the map
  /// keeps the values where both ran.
  @Test func regimeMapsKeepTheValuesWhereBothSidesRan() throws {
    var data = Self.sweep(spec: "max_deadline_miss_rate: 2\n")
    data.cells.removeAll { $0.values["policy"] == "b" && $0.values["tasks"] == "2" }
    let map = try #require(
      Figures.regimeMaps(data, comparisons: [Self.comparison]).figures.first)
    let rows = map.data.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(rows == ["0 0 -10.0 \"-10.0\" 3", "1 0 0.0 \"(0.0)\" 3"])
    #expect(map.commands.contains("set ytics ('1' 0) noenhanced"))
    #expect(map.commands.contains("set yrange [-0.5:0.5]"))
    // One row: `with image` cannot size its pixels, so filled boxes.
    #expect(map.commands.contains("with boxxyerror fc palette"))
    let full = try #require(
      Figures.regimeMaps(
        Self.sweep(spec: "max_deadline_miss_rate: 2\n"), comparisons: [Self.comparison]
      )
      .figures.first)
    #expect(full.commands.contains("using 1:2:3 with image"))
  }

  /// Where b misses more deadlines than allowed, the cost square is left
  /// uncoloured and says so; the misses map still shows the difference.
  @Test func regimeMapsMarkSquaresWhereASideMissesTooManyDeadlines() throws {
    var data = Self.sweep()
    for i in data.cells.indices {
      for r in data.cells[i].runs.indices { data.cells[i].runs[r].metrics["tasks_total"] = 4 }
    }
    let (figures, _) = Figures.regimeMaps(data, comparisons: [Self.comparison])
    let rows = figures[0].data.split(separator: "\n").filter { !$0.hasPrefix("#") }
    // Zone x: b misses 2 of 4 deadlines per run (50 %); zone y: none.
    #expect(rows[0] == "0 0 NaN \"✗ 50% missed\" 3")
    #expect(rows[1] == "1 0 0.0 \"(0.0)\" 3")
    #expect(figures[0].caption.contains("Squares marked ✗ are left uncoloured"))
    let misses = figures[1].data.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(misses[0] == "0 0 -2.0 \"-2.0\" 3")
  }

  @Test func coincidentSeriesAreDetected() {
    let data = Self.sweep()
    #expect(!Figures.seriesCoincide(data, series: "policy", x: "trace_zone", metric: "total_cost"))
    // Tasks changes nothing here: the series of each task count coincide
    // at every zone; the policies' do not.
    #expect(Figures.seriesCoincide(data, series: "tasks", x: "trace_zone", metric: "total_cost"))
  }

  @Test func findingsStateDeadlineMissesWhereAnyAreMissed() {
    let text = ExperimentReport(data: Self.sweep(), spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
    #expect(
      text.contains(
        "  Deadlines: `a` misses significantly fewer deadlines in 2 (-100.0%); largest -2.00 ± 0 deadlines per run at trace_zone = x, tasks = 1; no significant difference in 2 (2 of them the same deadline misses in every run)."
      ))
  }

  @Test func claimsAreSetBesideTheRemeasuredNumberAndTheirGap() throws {
    let claims = """
      claims:
        - {claim: "A in x", policy: a, trace_zone: x, total_cost: 60}
        - {claim: "B in x", policy: b, trace_zone: x, total_cost: 120}
      """
    let text = ReportIndex(sweeps: [Self.sweep(spec: claims)]).markdown()
    #expect(text.contains("## Litepaper claims, re-measured"))
    // a in zone x: six runs of 90; claimed 60: 1.50×.
    #expect(
      text.contains(
        "| A in x | `total_cost` | 60.00 | 90.00 ± 0 (n = 6) | 1.50× | [paired](paired/README.md): policy = a, trace_zone = x |"
      ))
    // Claimed gap (60 − 120) / 120 = −50 %; paired here −10 / 100 = −10 %.
    #expect(text.contains("| A in x vs B in x | -50.0% | -10.0 ± 0.0% (n = 6) |"))
    #expect(text.contains("-10.0 ± 0.0% ([paired](paired/README.md): trace_zone = x, tasks = 1)"))
  }

  @Test func aClaimOnAValueTheAxisDoesNotHaveIsBadInput() throws {
    let catalog = try Synthetic.catalog()
    let text = """
      name: c
      base: {tasks: 5}
      grid: {migration: [naive, optimal]}
      claims:
        - {claim: "x", migration: best-fit, total_cost: 1}
      """
    #expect {
      try ExperimentSpec.parse(text, file: "c.yaml", catalog: catalog)
    } throws: { error in
      "\(error)".contains("c.yaml") && "\(error)".contains("claims[0].migration")
        && "\(error)".contains("best-fit")
    }
  }
}

@Suite struct ReportFolderTests {
  @Test func aRewrittenReportRemovesFiguresItNoLongerDraws() throws {
    let out = FileManager.default.temporaryDirectory
      .appendingPathComponent("synkti-report-\(UUID().uuidString)").path
    let folder = out + "/synthetic"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for file in ["old-figure.png", "old-figure.gp", "notes.txt"] {
      try "x".write(toFile: folder + "/" + file, atomically: true, encoding: .utf8)
    }
    let report = ExperimentReport(
      data: Synthetic.sweep(), spec: nil, catalog: nil, specNote: "no spec in this test")
    try ReportWriter(report: report).write(into: out)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    // Without gnuplot nothing is drawn, and nothing is removed either.
    #expect(
      left
        == (Gnuplot.isAvailable
          ? ["README.md", "notes.txt", "tables.tex"]
          : ["README.md", "notes.txt", "old-figure.gp", "old-figure.png", "tables.tex"]))
  }
}

@Suite struct PooledFigureTests {
  @Test func anAxisWhoseValuesPoolDifferentConditionsIsNotDrawn() {
    // Drop `a`/`b` at trace zone y, tasks 2: tasks 1 pools zones x and y,
    // tasks 2 only x.
    var data = PairedFigureTests.sweep()
    data.cells.removeAll { $0.values["trace_zone"] == "y" && $0.values["tasks"] == "2" }
    let (figures, skipped) = Figures.pairedDifferences(
      data, comparisons: [PairedFigureTests.comparison])
    #expect(figures.map(\.name) == [])
    #expect(skipped.count == 2 && skipped.allSatisfy { $0.contains("would not be comparable") })
    // The regime map shows the hole as such.
    let map = Figures.regimeMaps(data, comparisons: [PairedFigureTests.comparison]).figures[0]
    #expect(map.data.contains("\n1 1 NaN \"not run\" 0\n"))
  }
}

@Suite struct ShortLabelTests {
  @Test func findingsNameATraceMarketByItsZone() {
    let market = "trace:../data/traces/aws-v100-2023-02/us-east-1a_v100_1.csv"
    var data = PairedFigureTests.sweep()
    for i in data.cells.indices {
      let zone = data.cells[i].values["trace_zone"]!
      data.cells[i].values["trace_zone"] = zone == "x" ? market : "trace:y/us-west-2b_v100_1.csv"
    }
    let text = ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
    #expect(text.contains("at trace_zone = trace us-east-1a, tasks = 1"))
    #expect(!text.contains("at trace_zone = trace:"))
  }
}
