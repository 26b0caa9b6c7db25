import Experiments
import Foundation
import Reporting
import Testing

/// A report is written only inside `--out`: an experiment name stored by an
/// older version, or forged into a database, cannot make `report` write
/// anywhere else.
@Suite struct ReportOutputFolderTests {
  @Test(arguments: ["../escaped", "a/b", "/tmp/abs", ".hidden", "x/../../y"])
  func aNameThatWouldLeaveOutIsRefusedAndNothingIsWritten(_ name: String) throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("synkti-report-\(UUID().uuidString)")
    let out = root.appendingPathComponent("out").path
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    var data = Synthetic.sweep()
    data.experiment = name
    let writer = ReportWriter(
      report: ExperimentReport(data: data, spec: nil, catalog: nil, specNote: ""))
    #expect(throws: ExperimentsError.self) { try writer.write(into: out) }
    // Nothing anywhere under the scratch root but the empty --out folder.
    let written = FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String]
    #expect(written == ["out"], "\(written ?? [])")
  }

  @Test func anIdentifierIsWrittenInItsFolder() throws {
    let out = FileManager.default.temporaryDirectory
      .appendingPathComponent("synkti-report-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: out) }
    let writer = ReportWriter(
      report: ExperimentReport(data: Synthetic.sweep(), spec: nil, catalog: nil, specNote: ""))
    let readme = try writer.write(into: out)
    #expect(readme == out + "/synthetic/README.md")
    #expect(FileManager.default.fileExists(atPath: readme))
  }

  /// `--out` may be a link to a folder: the report goes through it.
  @Test func anOutFolderThatIsALinkIsFollowed() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("synkti-report-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(
      atPath: root + "/real", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: root + "/link", withDestinationPath: root + "/real")
    let writer = ReportWriter(
      report: ExperimentReport(data: Synthetic.sweep(), spec: nil, catalog: nil, specNote: ""))
    try writer.write(into: root + "/link")
    #expect(FileManager.default.fileExists(atPath: root + "/real/synthetic/README.md"))
  }

  /// A link planted where the report folder goes must not lead elsewhere.
  @Test func aReportFolderThatLinksOutsideIsRefused() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("synkti-report-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(
      atPath: root + "/out", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: root + "/elsewhere", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: root + "/out/synthetic", withDestinationPath: root + "/elsewhere")
    let writer = ReportWriter(
      report: ExperimentReport(data: Synthetic.sweep(), spec: nil, catalog: nil, specNote: ""))
    #expect(throws: ExperimentsError.self) { try writer.write(into: root + "/out") }
    #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/elsewhere").isEmpty)
  }
}
