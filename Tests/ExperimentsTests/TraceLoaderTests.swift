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

  @Test func vendoredTracesLoad() throws {
    let aws = (Paths.data as NSString).appendingPathComponent("traces/aws-v100-2023-02")
    let traces = try TraceLoader.load(aws)
    #expect(traces.count == 9)
    #expect(traces.allSatisfy { $0.available.count == 20_158 && $0.prices?.count == 20_158 })
    let gcp = (Paths.data as NSString).appendingPathComponent("traces/gcp-h100-2025-10")
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

@Suite struct TraceRobustnessTests {
  let lf =
    "date,availability\n2023-02-15 22:08:16,0\n2023-02-15 22:11:31,1\n2023-02-15 22:14:46,1\n"

  @Test func crlfAndAByteOrderMarkReadLikeLF() throws {
    let plain = try TraceLoader.parseAWS(lf, file: "t.csv", prices: nil)
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(try TraceLoader.parseAWS(crlf, file: "t.csv", prices: nil) == plain)
    #expect(try TraceLoader.parseAWS("\u{FEFF}" + crlf, file: "t.csv", prices: nil) == plain)
  }

  @Test(arguments: [
    "99999999999999-02-28 00:00:00", "2023-13-01 00:00:00", "2023-02-15 25:00:00",
    "-9223372036854775808-01-01 00:00:00",
  ])
  func absurdTimestampsNameTheLine(stamp: String) {
    let text = lf + "\(stamp),1\n"
    do {
      _ = try TraceLoader.parseAWS(text, file: "t.csv", prices: nil)
      Issue.record("\(stamp) must be refused")
    } catch let error as ExperimentsError {
      #expect("\(error)".hasPrefix("t.csv:5:"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func aMalformedOneLineFileIsQuotedShortly() {
    let huge = "date,availability " + String(repeating: "x", count: 100_000)
    do {
      _ = try TraceLoader.parseAWS(huge, file: "t.csv", prices: nil)
      Issue.record("must be refused")
    } catch {
      #expect("\(error)".count < 300)
    }
  }

  func directory(prices: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("synkti-trace-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try lf.write(toFile: dir + "/z-1a_v100_1.csv", atomically: true, encoding: .utf8)
    try prices.write(toFile: dir + "/spot_prices.json", atomically: true, encoding: .utf8)
    return dir
  }

  @Test(arguments: [
    "[1, 2, 3]", "{\"z-1a_v100_1\": [1, -2, 3]}", "{\"z-1a_v100_1\": \"cheap\"}",
    "{\"z-1a_v100_1\": [1, 1e999, 3]}",
  ])
  func badPriceFilesAreRefused(prices: String) throws {
    let dir = try directory(prices: prices)
    #expect(throws: ExperimentsError.self) { try TraceLoader.load(dir) }
  }

  @Test func gcpPricesMustBeFiniteAndNonNegative() throws {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("z-a_h100_16-\(UUID().uuidString).json").path
    try #"{"metadata": {"gap_seconds": 600}, "data": [0, 1], "prices": [1, -1]}"#
      .write(toFile: file, atomically: true, encoding: .utf8)
    #expect(throws: ExperimentsError.self) { try TraceLoader.loadFile(file) }
  }
}
