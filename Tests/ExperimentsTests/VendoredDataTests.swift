import Foundation
import Testing

@testable import Experiments

/// The measured data under `Experiments/data/` is exactly what its README
/// lists: every file named with its size and SHA-256, and nothing unlisted,
/// so a trace edited (or added) by accident fails here.
@Suite struct VendoredDataTests {
  /// `(path, bytes, sha256)` of each row of the README's hash table.
  static func listed() throws -> [(path: String, bytes: Int, sha256: String)] {
    let readme = try String(
      contentsOfFile: (Paths.data as NSString).appendingPathComponent("README.md"), encoding: .utf8)
    return readme.split(separator: "\n").compactMap { line in
      // | `path` | 123 | `hex` |
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count == 3, cells[0].hasPrefix("`"), cells[2].hasPrefix("`"),
        let bytes = Int(cells[1])
      else { return nil }
      return (cells[0].trimmingCharacters(in: ["`"]), bytes, cells[2].trimmingCharacters(in: ["`"]))
    }
  }

  @Test func everyFileMatchesTheHashItsREADMEGives() throws {
    let rows = try Self.listed()
    #expect(rows.count == 30)
    for row in rows {
      let path = (Paths.data as NSString).appendingPathComponent(row.path)
      let data = try #require(FileManager.default.contents(atPath: path), "\(row.path) missing")
      #expect(data.count == row.bytes, "\(row.path): size")
      #expect(SHA256.hex([UInt8](data)) == row.sha256, "\(row.path): SHA-256")
    }
  }

  @Test func nothingShipsUnlisted() throws {
    let listed = Set(try Self.listed().map(\.path))
    let enumerator = try #require(FileManager.default.enumerator(atPath: Paths.data))
    var found: Set<String> = []
    while let path = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let full = (Paths.data as NSString).appendingPathComponent(path)
      if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
        !isDirectory.boolValue, path != "README.md"
      {
        found.insert(path)
      }
    }
    #expect(found.subtracting(listed).isEmpty, "unlisted: \(found.subtracting(listed).sorted())")
    #expect(listed.subtracting(found).isEmpty, "missing: \(listed.subtracting(found).sorted())")
  }
}
