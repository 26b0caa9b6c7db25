import Experiments
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A trace set is complete or refused: a zone file that is empty, has the
/// wrong header, is a folder or a FIFO is an error naming the file (and
/// line), never a zone silently dropped.
@Suite struct TraceRefusalTests {
  static let good = "date,availability\n2023-02-15 22:08:16,0\n2023-02-15 22:11:31,1\n"

  /// A folder with one good zone file and `bad` written by `make`.
  func folder(_ make: (String) throws -> Void) throws -> String {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("synkti-traces-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try Self.good.write(toFile: dir + "/us-east-1a_v100_1.csv", atomically: true, encoding: .utf8)
    try make(dir + "/us-east-1c_v100_1.csv")
    return dir
  }

  @Test func anEmptyZoneFileIsAnErrorAtLineOne() throws {
    let dir = try folder { try "".write(toFile: $0, atomically: true, encoding: .utf8) }
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(
      throws: ExperimentsError.malformed(
        file: dir + "/us-east-1c_v100_1.csv", line: 1,
        reason: "expected header 'date,availability', found ''")
    ) { try TraceLoader.load(dir) }
  }

  @Test func aZoneFileWithTheWrongHeaderIsAnError() throws {
    let dir = try folder {
      try "time,avail,x\n1,2,3\n".write(toFile: $0, atomically: true, encoding: .utf8)
    }
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(
      throws: ExperimentsError.malformed(
        file: dir + "/us-east-1c_v100_1.csv", line: 1,
        reason: "expected header 'date,availability', found 'time,avail,x'")
    ) { try TraceLoader.load(dir) }
  }

  @Test func aZoneFileThatIsAFolderSaysSo() throws {
    let dir = try folder {
      try FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: false)
    }
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(
      throws: ExperimentsError.unreadable(
        file: dir + "/us-east-1c_v100_1.csv", reason: "it is a folder, not a file")
    ) { try TraceLoader.load(dir) }
  }

  @Test func aZoneFileThatIsAFIFOIsRefusedWithoutBlocking() throws {
    let dir = try folder { #expect(mkfifo($0, 0o644) == 0) }
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(
      throws: ExperimentsError.unreadable(
        file: dir + "/us-east-1c_v100_1.csv",
        reason: "it is a FIFO (named pipe), not a regular file")
    ) { try TraceLoader.load(dir) }
  }

  @Test func aSummaryCSVBesideTheZonesIsNotATrace() throws {
    let dir = try folder { try Self.good.write(toFile: $0, atomically: true, encoding: .utf8) }
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "az_id,min\nuse1-az1,1.1\n".write(
      toFile: dir + "/spot_price_archive_summary.csv", atomically: true, encoding: .utf8)
    #expect(try TraceLoader.load(dir).map(\.zone) == ["us-east-1a", "us-east-1c"])
  }

  /// Invalid JSON names the line and column where it breaks.
  @Test func invalidJSONNamesItsLineAndColumn() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("synkti-json-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = dir + "/a-zone_h100_16.json"
    try "{\"metadata\": {\"gap_seconds\": 600,\n \"zone\": x}}".write(
      toFile: file, atomically: true, encoding: .utf8)
    do {
      _ = try TraceLoader.load(file)
      Issue.record("invalid JSON was read")
    } catch let ExperimentsError.malformed(f, line, reason) {
      #expect(f == file && line == 2, "\(reason)")
      #expect(reason.hasPrefix("invalid JSON at column 10"), "\(reason)")
    }
  }
}
