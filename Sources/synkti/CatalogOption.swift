import ArgumentParser
import Experiments
import Foundation

/// The `--catalog` option shared by the commands that resolve accelerators.
struct CatalogOption: ParsableArguments {
  static let defaultPath = "Experiments/catalog.yaml"

  @Option(
    name: .customLong("catalog"),
    help:
      "Accelerator catalog (default: Experiments/catalog.yaml here, else beside the synkti build).")
  var path: String?

  /// Loads the catalog: the given path, else `Experiments/catalog.yaml` in
  /// the working directory, else in the repository this binary was built in
  /// (`<repo>/.build/<config>/synkti`).
  func load() throws -> AcceleratorCatalog {
    if let path { return try AcceleratorCatalog.load(path) }
    let fm = FileManager.default
    if fm.fileExists(atPath: Self.defaultPath) {
      return try AcceleratorCatalog.load(Self.defaultPath)
    }
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = executable.deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent(Self.defaultPath).path
      if fm.fileExists(atPath: candidate) { return try AcceleratorCatalog.load(candidate) }
      directory = directory.deletingLastPathComponent()
    }
    throw ValidationError(
      "cannot find the accelerator catalog: no \(Self.defaultPath) in the current directory; run from the repository root or pass --catalog PATH"
    )
  }
}
