import Experiments
import Foundation
import Simulation
import Testing

@Suite struct TraceLoaderTests {
  @Test func awsCSVKeepsItsConventionOneIsAvailable() throws {
    let trace = try TraceLoader.loadFile(Paths.fixture("aws/us-test-1a_v100_1.csv"))
    #expect(trace.zone == "us-test-1a")
    #expect(trace.available == [false, true, true, false, true, true, true])
    #expect(trace.prices == [0.9, 0.9, 0.95, 0.95, 1.0, 1.0, 1.1])
    // Rows 195 s apart.
    #expect(abs(trace.tickHours - 195.0 / 3600) < 1e-12)
  }

  @Test func gcpJSONIsInvertedOneIsPreempted() throws {
    let trace = try TraceLoader.loadFile(Paths.fixture("gcp/test-zone-a_h100_16.json"))
    #expect(trace.zone == "test-zone-a")
    #expect(trace.available == [false, false, true, true, true, false, true, true])
    #expect(trace.tickHours == 600.0 / 3600)
    #expect(trace.prices?.count == 8)
  }

  @Test func directoriesLoadEveryTraceAndSkipSummaries() throws {
    let traces = try TraceLoader.load(Paths.fixture("aws"))
    #expect(traces.map(\.zone) == ["us-test-1a"])
  }

  @Test func malformedRowsNameTheLine() {
    let text = "date,availability\n2023-02-15 22:08:16,0\n2023-02-15 22:11:31,maybe\n"
    #expect(
      throws: ExperimentsError.malformed(
        file: "t.csv", line: 3,
        reason:
          "expected 'YYYY-MM-DD HH:MM:SS,0|1' (a year from 1970 to 9999), found '2023-02-15 22:11:31,maybe'"
      )
    ) {
      try TraceLoader.parseAWS(text, file: "t.csv", prices: nil)
    }
  }

  @Test func sharedTracesLoadWhenPresent() throws {
    let aws = (Paths.shared as NSString).appendingPathComponent("data/traces/aws-v100-2023-02")
    guard FileManager.default.fileExists(atPath: aws) else { return }
    let traces = try TraceLoader.load(aws)
    #expect(traces.count == 9)
    #expect(traces.allSatisfy { $0.available.count == 20_158 && $0.prices?.count == 20_158 })
    let gcp = (Paths.shared as NSString).appendingPathComponent("data/traces/gcp-h100-2025-10")
    let gcpTraces = try TraceLoader.load(gcp)
    #expect(gcpTraces.count == 13)
    // asia-south2-b was unavailable for 1 tick of 2,114 (the data README's "0%");
    // us-west1-b for about 76% of ticks.
    #expect(gcpTraces.first { $0.zone == "asia-south2-b" }?.available.filter { !$0 }.count == 1)
    let west = gcpTraces.first { $0.zone == "us-west1-b" }!
    let down = Double(west.available.filter { !$0 }.count) / Double(west.available.count)
    #expect(abs(down - 0.76) < 0.01)
  }
}
