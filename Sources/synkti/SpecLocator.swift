import Experiments
import Foundation

/// Where `synkti report` finds the spec file a sweep ran, for the figures
/// that re-simulate a run and the report's assumptions: the file `--spec`
/// names; else `Experiments/paper/<experiment>.yaml`; else the YAML file
/// under `Experiments/` whose text is the spec the sweep stored (the same
/// hash), so a spec kept outside `paper/` is found without `--spec`.
struct SpecLocator {
  /// The file `--spec` named, if any: used as is.
  var explicit: String?
  /// The directory searched (relative to the working directory).
  var root = "Experiments"

  /// The spec file for `experiment`'s sweep, whose stored spec text has
  /// `hash`: the paper path when nothing matches (the report then says
  /// why it has no spec).
  func file(of experiment: String, hash: String?) -> String {
    if let explicit { return explicit }
    let paper = "\(root)/paper/\(experiment).yaml"
    guard let hash, !Self.file(paper, hasHash: hash) else { return paper }
    return Self.yamlFiles(under: root).first { Self.file($0, hasHash: hash) } ?? paper
  }

  /// Whether `file`'s text hashes to `hash`.
  static func file(_ file: String, hasHash hash: String) -> Bool {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return false }
    return ExperimentSpec.hash(of: text) == hash
  }

  /// The `.yaml` files under `root`, in a stable order.
  static func yamlFiles(under root: String) -> [String] {
    guard let paths = FileManager.default.enumerator(atPath: root) else { return [] }
    return paths.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.sorted()
      .map { "\(root)/\($0)" }
  }
}
