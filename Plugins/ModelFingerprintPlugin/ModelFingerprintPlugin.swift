import Foundation
import PackagePlugin

/// Computes the model-source half of the model fingerprint when the
/// `Experiments` target is built, and embeds it in the binary as
/// `ModelSourcesAtBuild.digest`.
///
/// The runner keys every stored run by this fingerprint. Fixed at build, it
/// names the code that the binary runs: a binary that was not rebuilt after
/// an edit, or that was copied to a machine without the sources, still keys
/// its runs by the code it was built from. The files and the formula are
/// `ModelFingerprint`'s (a test checks that both give the same digest):
/// every `.swift` file under the model directories, minus the excluded
/// ones, in sorted path order; SHA-256 over each file's path, byte count
/// and bytes.
@main
struct ModelFingerprintPlugin: BuildToolPlugin {
  static let modelDirectories = ["Sources/Assignment", "Sources/Simulation", "Sources/Experiments"]
  static let excludedDirectories = ["Sources/Experiments/Storage"]
  static let excludedFilePrefixes = [
    "Sources/Experiments/Runner/SweepRunner", "Sources/Experiments/Runner/Provenance",
    "Sources/Experiments/Runner/ModelFingerprint",
  ]

  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = context.package.directoryURL
    let files = Self.modelSources(root: root)
    let output = context.pluginWorkDirectoryURL.appending(path: "ModelSourcesAtBuild.swift")
    // sh -c SCRIPT sh OUTPUT FILE…: each file's path, its byte count and its
    // bytes, hashed together; written as a Swift constant.
    let script = """
      set -e
      out="$1"; shift
      digest=$(for f in "$@"; do printf '%s\\n%s\\n' "$f" "$(wc -c < "$f" | tr -d ' ')"; cat "$f"; done | sha256sum | cut -d ' ' -f 1)
      printf '/// The model sources this binary was built from (generated at build).\\nenum ModelSourcesAtBuild {\\n  static let digest = "%s"\\n}\\n' "$digest" > "$out.tmp"
      mv "$out.tmp" "$out"
      """
    return [
      .buildCommand(
        displayName: "Model fingerprint of \(files.count) sources",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", script, "sh", output.path] + files,
        environment: [:],
        inputFiles: files.map { root.appending(path: $0) },
        outputFiles: [output])
    ]
  }

  /// The model's source files, as paths from the package root, sorted.
  static func modelSources(root: URL) -> [String] {
    var files: [String] = []
    for directory in modelDirectories {
      let base = root.appending(path: directory)
      guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
      for case let relative as String in walker {
        let path = directory + "/" + relative
        guard path.hasSuffix(".swift"),
          !excludedFilePrefixes.contains(where: { path.hasPrefix($0) }),
          !excludedDirectories.contains(where: { path.hasPrefix($0 + "/") })
        else { continue }
        files.append(path)
      }
    }
    return files.sorted()
  }
}
