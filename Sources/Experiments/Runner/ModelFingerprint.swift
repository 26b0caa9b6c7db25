import Foundation

/// A hash of everything a run's result depends on besides its parameters
/// and seed: the model's source code, the catalog and the traces it reads.
///
/// Runs are pure functions of (model, parameters, seed), so two runs with
/// the same fingerprint, parameters and seed have bit-identical metrics, and
/// a sweep may reuse one instead of computing it (see `SweepRunner`).
///
/// The source part hashes, in sorted path order, the path and bytes of
/// every `.swift` file under `Sources/Assignment`, `Sources/Simulation` and
/// `Sources/Experiments` except `Sources/Experiments/Storage` and the
/// runner's scheduling and bookkeeping files (`excludedFilePrefixes`): how runs are
/// stored and scheduled, not what they compute. It is computed when the
/// binary is built (the `ModelFingerprintPlugin` build tool) and embedded
/// in it (`sourcesAtBuild`), so it names the code the binary runs, even
/// where the sources are gone or were edited since; README, docs, reports,
/// tests and the CLI do not enter it. `checkout()` compares it with the
/// sources now on disk.
public enum ModelFingerprint {
  /// Directories of model code, relative to the package root.
  public static let modelDirectories = [
    "Sources/Assignment", "Sources/Simulation", "Sources/Experiments",
  ]
  /// Directories under those that do not change results.
  public static let excludedDirectories = ["Sources/Experiments/Storage"]
  /// Files of the runner that schedule, store and identify runs but compute
  /// no metric, so editing them keeps the cache: `SweepRunner*.swift`,
  /// `Provenance*.swift` and `ModelFingerprint*.swift` under
  /// `Sources/Experiments/Runner`.
  public static let excludedFilePrefixes = [
    "Sources/Experiments/Runner/SweepRunner", "Sources/Experiments/Runner/Provenance",
    "Sources/Experiments/Runner/ModelFingerprint",
  ]

  /// Whether a source file (path from the package root) enters the
  /// fingerprint.
  static func isModelSource(_ path: String) -> Bool {
    path.hasSuffix(".swift") && !excludedFilePrefixes.contains(where: { path.hasPrefix($0) })
      && !excludedDirectories.contains(where: { path.hasPrefix($0 + "/") })
  }

  /// The fingerprint of the model sources of the package at `root`; nil
  /// when they are not there.
  public static func sources(packageRoot root: String) -> String? {
    let manager = FileManager.default
    var files: [String] = []
    for directory in modelDirectories {
      guard
        let enumerator = manager.enumerator(
          atPath: (root as NSString).appendingPathComponent(directory))
      else { return nil }
      for case let relative as String in enumerator {
        let path = directory + "/" + relative
        if isModelSource(path) { files.append(path) }
      }
    }
    guard !files.isEmpty else { return nil }
    return digest(
      files.sorted().map { (label: $0, path: (root as NSString).appendingPathComponent($0)) })
  }

  /// SHA-256 of each file's label, length and bytes, in the given order;
  /// nil when a file cannot be read.
  static func digest(_ files: [(label: String, path: String)]) -> String? {
    var contents: [(label: String, bytes: [UInt8])] = []
    for file in files {
      guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
      contents.append((file.label, [UInt8](data)))
    }
    return digest(contents: contents)
  }

  /// SHA-256 of each label, length and bytes, in the given order: the one
  /// formula for sources read from disk and from git objects.
  static func digest(contents: [(label: String, bytes: [UInt8])]) -> String {
    var bytes: [UInt8] = []
    for item in contents {
      bytes += Array("\(item.label)\n\(item.bytes.count)\n".utf8) + item.bytes
    }
    return SHA256.hex(bytes)
  }

  /// The fingerprint from the sources' digest and the input files' bytes.
  static func combine(code: String, inputs: [[UInt8]]) -> String {
    var text = "code \(code)\n"
    for input in inputs { text += "input \(SHA256.hex(input))\n" }
    return SHA256.hex(Array(text.utf8))
  }

  /// The package root this binary was built from, if its sources remain.
  public static var packageRootOfThisBuild: String {
    // This file is Sources/Experiments/Runner/ModelFingerprint.swift.
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }

  /// The digest of the model sources this binary was built from, fixed at
  /// build.
  public static var sourcesAtBuild: String { ModelSourcesAtBuild.digest }

  /// The fingerprint of this build's model sources (as built) and the given
  /// input files (the catalog, say): nil when an input cannot be read.
  public static func current(inputs: [String] = []) -> String? {
    combine(code: sourcesAtBuild, inputFiles: inputs)
  }

  /// How this build's model sources compare with a checkout's.
  public enum Checkout: Equatable, Sendable {
    /// The checkout holds the sources the binary was built from.
    case same
    /// The model sources there were edited since the build (their digest).
    case edited(String)
    /// No model sources there (a binary copied elsewhere).
    case gone
  }

  /// Whether the model sources at `root` (default: the checkout this binary
  /// was built from) are the ones it was built from.
  public static func checkout(packageRoot root: String = packageRootOfThisBuild) -> Checkout {
    guard let now = sources(packageRoot: root) else { return .gone }
    return now == sourcesAtBuild ? .same : .edited(now)
  }

  /// A warning for a binary whose checkout's model sources were edited
  /// since it was built (nil otherwise): its runs are keyed by the code it
  /// runs, which is not the checkout's.
  public static func staleBuildWarning(packageRoot root: String = packageRootOfThisBuild)
    -> String?
  {
    guard case .edited(let now) = checkout(packageRoot: root) else { return nil }
    return
      "warning: this binary was built from other model sources than those now in \(root) (built \(sourcesAtBuild.prefix(12)), on disk \(now.prefix(12))): it runs, and keys its runs by, the code it was built from; rebuild (make build) to run the checkout's code"
  }

  /// The fingerprint of the model sources of the package at `root` and the
  /// given input files: nil when any cannot be read.
  public static func of(packageRoot root: String, inputs: [String]) -> String? {
    guard let code = sources(packageRoot: root) else { return nil }
    return combine(code: code, inputFiles: inputs)
  }

  /// The fingerprint from the sources' digest and the input files' bytes:
  /// nil when a file cannot be read.
  static func combine(code: String, inputFiles: [String]) -> String? {
    var bytes: [[UInt8]] = []
    for path in inputFiles {
      guard let data = FileManager.default.contents(atPath: path) else { return nil }
      bytes.append([UInt8](data))
    }
    return combine(code: code, inputs: bytes)
  }

  /// A hash of the files of a trace directory (or a single trace file), in
  /// sorted name order: nil when it cannot be read.
  public static func traces(at path: String) -> String? {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
    let files =
      isDirectory.boolValue
      ? ((try? manager.contentsOfDirectory(atPath: path)) ?? []).sorted().map {
        (path as NSString).appendingPathComponent($0)
      } : [path]
    // Entries that are not readable files (subdirectories) are left out.
    let readable = files.filter { file in
      var directory: ObjCBool = false
      return manager.fileExists(atPath: file, isDirectory: &directory) && !directory.boolValue
        && manager.isReadableFile(atPath: file)
    }
    return digest(readable.map { (label: ($0 as NSString).lastPathComponent, path: $0) })
  }
}
