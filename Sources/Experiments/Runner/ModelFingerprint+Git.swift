import Foundation

extension ModelFingerprint {
  /// The fingerprint a build of `commit` would have, read from git objects
  /// without checking anything out: the same digest as `current(inputs:)`
  /// over the same files, the model sources as they are at that commit.
  /// `inputs` (the catalog and its egress tables, as paths from the working
  /// directory) are read at that commit when they are in the repository,
  /// and from disk when not (shared data beside it). Nil outside git, for an
  /// unknown commit, or when a file is missing.
  public static func atCommit(_ commit: String, inputs: [String], git: [String] = []) -> String? {
    guard let located = locate(inputs, git: git) else { return nil }
    guard
      let listing = Provenance.git(
        git + ["ls-tree", "-r", "-z", commit, "--"] + modelDirectories)
    else { return nil }
    var files: [(path: String, object: String)] = []
    for entry in listing.split(separator: "\0") {
      // "<mode> blob <object>\t<path>"
      guard let tab = entry.firstIndex(of: "\t") else { continue }
      let fields = entry[..<tab].split(separator: " ")
      let path = String(entry[entry.index(after: tab)...])
      guard fields.count == 3, fields[1] == "blob", isModelSource(path) else { continue }
      files.append((path, String(fields[2])))
    }
    guard !files.isEmpty else { return nil }
    files.sort { $0.path < $1.path }
    let names = located.compactMap { $0.committed ? "\(commit):\($0.path)" : nil }
    guard let blobs = contents(of: files.map(\.object) + names, git: git) else { return nil }
    let code = digest(contents: zip(files, blobs).map { (label: $0.path, bytes: $1) })
    var committed = blobs.dropFirst(files.count).makeIterator()
    var inputBytes: [[UInt8]] = []
    for input in located {
      if input.committed {
        inputBytes.append(committed.next()!)
      } else {
        guard let data = FileManager.default.contents(atPath: input.path) else { return nil }
        inputBytes.append([UInt8](data))
      }
    }
    return combine(code: code, inputs: inputBytes)
  }

  /// Each file as a path relative to the root of the git repository
  /// (`committed`), or as it is when it lies outside; nil outside git.
  static func locate(_ files: [String], git: [String]) -> [(path: String, committed: Bool)]? {
    guard
      let root = Provenance.git(git + ["rev-parse", "--show-toplevel"])?
        .trimmingCharacters(in: .whitespacesAndNewlines), !root.isEmpty
    else { return nil }
    let base = URL(fileURLWithPath: root).resolvingSymlinksInPath().path + "/"
    return files.map { file in
      let path = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
      return path.hasPrefix(base) ? (String(path.dropFirst(base.count)), true) : (file, false)
    }
  }

  /// The bytes of each git object (`cat-file --batch`, one process); nil
  /// when any is missing.
  static func contents(of objects: [String], git: [String]) -> [[UInt8]]? {
    let request = Data(objects.map { $0 + "\n" }.joined().utf8)
    guard let data = Provenance.gitData(git + ["cat-file", "--batch"], input: request) else {
      return nil
    }
    let bytes = [UInt8](data)
    var result: [[UInt8]] = []
    var at = 0
    for _ in objects {
      // "<object> <type> <size>\n<content>\n", or "<name> missing\n".
      guard let end = bytes[at...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
      let header = String(decoding: bytes[at..<end], as: UTF8.self).split(separator: " ")
      guard header.count == 3, let size = Int(header[2]), end + 1 + size <= bytes.count else {
        return nil
      }
      result.append(Array(bytes[(end + 1)..<(end + 1 + size)]))
      at = end + 1 + size + 1
    }
    return result
  }
}
