import Foundation

/// Paths relative to this test target and to the repository.
enum Paths {
  static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let fixtures = testsDirectory.appendingPathComponent("Fixtures").path
  static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
  static let catalog = repository.appendingPathComponent("Experiments/catalog.yaml").path
  /// The measured data the project vendors (`Experiments/data/README.md`).
  static let data = repository.appendingPathComponent("Experiments/data").path
  static func fixture(_ name: String) -> String {
    (fixtures as NSString).appendingPathComponent(name)
  }
  static func experiment(_ name: String) -> String {
    repository.appendingPathComponent("Experiments").appendingPathComponent(name).path
  }
}
