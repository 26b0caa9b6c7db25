import Foundation
import Testing

/// Traces without spot prices run at the catalog's constant price, and the
/// report says so in its provenance; traces with prices get no note.
@Suite struct TraceNoteTests {
  func sweepAndReport(withPrices: Bool) throws -> String {
    let dir = CLI.scratch()
    let traces = dir + "/traces"
    try FileManager.default.createDirectory(atPath: traces, withIntermediateDirectories: true)
    let fixture = CLI.repository.appendingPathComponent("Tests/ExperimentsTests/Fixtures/aws").path
    var files = ["us-test-1a_v100_1.csv"]
    if withPrices { files.append("spot_prices.json") }
    for file in files {
      try FileManager.default.copyItem(atPath: fixture + "/" + file, toPath: traces + "/" + file)
    }
    let spec = """
      name: notes
      description: a deadline job on a fixture trace
      base:
        model: deadline-job
        accelerator: V100
        market: trace:traces
        trace_zone: us-test-1a
        work_hours: constant(0.1)
        deadline_hours: 0.3
        restart_overhead_hours: 0.02
      grid:
        policy: [on-demand-only, greedy]
      replicates: 1
      seed: 1
      baseline: on-demand-only
      """
    try spec.write(toFile: dir + "/notes.yaml", atomically: true, encoding: .utf8)
    let db = dir + "/r.sqlite"
    let sweep = CLI.run(["sweep", dir + "/notes.yaml", "--db", db])
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let report = CLI.run(["report", "--db", db, "--out", dir + "/out"], timeout: 60)
    #expect(report.status == 0, "\(report.stderr)")
    return try String(contentsOfFile: dir + "/out/notes/README.md", encoding: .utf8)
  }

  @Test func tracesWithoutPricesAreNotedInProvenance() throws {
    let text = try sweepAndReport(withPrices: false)
    #expect(
      text.contains("| note | traces `")
        && text.contains(
          "/traces`: every zone without spot prices (no spot_prices.json entry, no prices in the file): spot priced at the catalog's constant price |"
        ), "\(text)")
    let priced = try sweepAndReport(withPrices: true)
    #expect(!priced.contains("without spot prices"))
  }
}
