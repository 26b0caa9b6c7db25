import Foundation
import Testing

@testable import Experiments

@Suite struct ModelFingerprintTests {
  /// The build tool and `ModelFingerprint.sources` pick the same files and
  /// hash them the same way: the digest embedded at build is the one the
  /// checkout's sources give (and so the one `synkti fingerprint REV` gives
  /// for a clean commit).
  @Test func theDigestEmbeddedAtBuildIsTheCheckoutsSources() {
    let root = ModelFingerprint.packageRootOfThisBuild
    #expect(ModelFingerprint.sources(packageRoot: root) == ModelFingerprint.sourcesAtBuild)
    #expect(ModelFingerprint.checkout() == .same)
    #expect(ModelFingerprint.staleBuildWarning() == nil)
  }

  /// A binary keeps the fingerprint it was built with when its sources are
  /// edited (or gone): the cache can never serve it runs under the edited
  /// code's fingerprint, and it says so once.
  @Test func editingAModelSourceWithoutRebuildingKeepsTheBuildsFingerprint() throws {
    let checkout = RunnerFixtures.scratch()
    let manager = FileManager.default
    let root = ModelFingerprint.packageRootOfThisBuild
    for directory in ModelFingerprint.modelDirectories {
      try manager.createDirectory(
        atPath: (checkout as NSString).appendingPathComponent(
          (directory as NSString).deletingLastPathComponent),
        withIntermediateDirectories: true)
      try manager.copyItem(
        atPath: (root as NSString).appendingPathComponent(directory),
        toPath: (checkout as NSString).appendingPathComponent(directory))
    }
    let before = ModelFingerprint.current()
    #expect(ModelFingerprint.checkout(packageRoot: checkout) == .same)
    let edited = (checkout as NSString).appendingPathComponent(
      "Sources/Simulation/Support/Units.swift")
    let handle = try #require(FileHandle(forWritingAtPath: edited))
    handle.seekToEndOfFile()
    handle.write(Data("// an edit the binary never ran\n".utf8))
    try handle.close()
    let now = try #require(ModelFingerprint.sources(packageRoot: checkout))
    #expect(now != ModelFingerprint.sourcesAtBuild)
    #expect(ModelFingerprint.checkout(packageRoot: checkout) == .edited(now))
    #expect(ModelFingerprint.current() == before)
    #expect(ModelFingerprint.current() != ModelFingerprint.combine(code: now, inputs: []))
    let warning = try #require(ModelFingerprint.staleBuildWarning(packageRoot: checkout))
    #expect(warning.contains(checkout) && warning.contains(String(now.prefix(12))))
    // A binary copied where there are no sources keeps its fingerprint too.
    #expect(ModelFingerprint.checkout(packageRoot: checkout + "/nowhere") == .gone)
    #expect(ModelFingerprint.staleBuildWarning(packageRoot: checkout + "/nowhere") == nil)
  }
}
