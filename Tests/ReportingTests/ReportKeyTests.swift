import Experiments
import Foundation
import Reporting
import Testing

/// The keys that let `synkti report` leave unchanged reports alone.
@Suite struct ReportKeyTests {
  static func scratch() throws -> String {
    let dir = NSTemporaryDirectory() + "report-key-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir + "/x", withIntermediateDirectories: true)
    return dir
  }

  /// A report recorded under a key is current for that key only, and only
  /// while its folder is as it was written; the keys survive a reload.
  @Test func aReportIsCurrentUntilItsKeyOrItsFilesChange() throws {
    let dir = try Self.scratch()
    let readme = dir + "/x/README.md"
    try "report\n".write(toFile: readme, atomically: true, encoding: .utf8)
    var keys = ReportKey.File(directory: dir)
    #expect(!keys.isCurrent(readme, key: "k1"))
    try keys.record(readme, key: "k1")
    #expect(keys.isCurrent(readme, key: "k1"))
    #expect(!keys.isCurrent(readme, key: "k2"))
    #expect(ReportKey.File(directory: dir).isCurrent(readme, key: "k1"))
    // A figure added, removed or resized, or the text edited: written again.
    try "png".write(toFile: dir + "/x/f.png", atomically: true, encoding: .utf8)
    #expect(!keys.isCurrent(readme, key: "k1"))
    try keys.record(readme, key: "k1")
    try FileManager.default.removeItem(atPath: dir + "/x/f.png")
    #expect(!keys.isCurrent(readme, key: "k1"))
    try keys.record(readme, key: "k1")
    try "edited\n".write(toFile: readme, atomically: true, encoding: .utf8)
    #expect(!keys.isCurrent(readme, key: "k1"))
  }

  /// The key follows whether gnuplot draws; the index's key follows its
  /// reports' keys, in order.
  @Test func theKeyFollowsGnuplotAndTheIndexItsReports() throws {
    let store = try ResultsStore.inMemory()
    #expect(ReportKey.index(of: ["a", "b"]) != ReportKey.index(of: ["b", "a"]))
    #expect(ReportKey.index(of: ["a"]) == ReportKey.index(of: ["a"]))
    let a = try ReportKey.of(
      store: store, sweep: Synthetic.record, specFile: "/nonexistent", catalogFiles: [],
      gnuplot: true)
    let b = try ReportKey.of(
      store: store, sweep: Synthetic.record, specFile: "/nonexistent", catalogFiles: [],
      gnuplot: false)
    #expect(a != b)
  }
}
