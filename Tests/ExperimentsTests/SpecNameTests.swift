import Experiments
import Foundation
import Testing

/// An experiment's name becomes the folder of its report, so a spec whose
/// name could leave `--out` (or hide a file, or exceed a file system's
/// limit) is refused at load, naming the key and the rule.
@Suite struct SpecNameTests {
  let catalog = try! AcceleratorCatalog.load(Paths.catalog)

  func spec(named name: String) throws -> ExperimentSpec {
    let quoted = name.replacingOccurrences(of: "\"", with: "\\\"")
    return try ExperimentSpec.parse(
      """
      name: "\(quoted)"
      base: {tasks: 2, horizon_hours: 4}
      grid: {policy: [greedy]}
      """, file: "n.yaml", catalog: catalog)
  }

  @Test(arguments: [
    "../../x", "/etc/x", "a/b", "a;rm -rf ~/", String(repeating: "a", count: 101), "été",
    ".hidden", "", "a b", "tab\there",
  ])
  func aNameThatIsNotAnIdentifierIsRefused(_ name: String) {
    #expect(
      throws: ExperimentsError.invalidValue(
        file: "n.yaml", key: "name", value: name, expected: Identifier.rule)
    ) { try spec(named: name) }
  }

  @Test(arguments: ["headline", "multi-region-v100", "a.b_c-1", String(repeating: "a", count: 100)])
  func anIdentifierIsAccepted(_ name: String) throws {
    #expect(try spec(named: name).name == name)
  }

  @Test func aNameTakenFromTheFileNameFollowsTheRuleToo() {
    #expect(throws: ExperimentsError.self) {
      try ExperimentSpec.parse(
        "base: {tasks: 2}\ngrid: {policy: [greedy]}\n", file: "dir/bad name.yaml", catalog: catalog)
    }
  }

  @Test func everyPaperSpecNameIsAnIdentifier() throws {
    let folder = Paths.experiment("paper")
    for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".yaml") {
      let spec = try ExperimentSpec.load(folder + "/" + file, catalog: catalog)
      #expect(Identifier.isValid(spec.name), "\(file)")
    }
  }

  /// A scenario file given where a spec belongs is named as such, with the
  /// command that runs it (it used to say "unknown key 'horizon_hours'").
  @Test func aScenarioFileGivenAsASpecSaysWhatItIs() throws {
    do {
      _ = try ExperimentSpec.load(Paths.experiment("headline.yaml"), catalog: catalog)
      Issue.record("a scenario file loaded as a spec")
    } catch let error as ExperimentsError {
      #expect(error.description.contains("this file is a scenario"))
      #expect(error.description.contains("synkti simulate --scenario"))
    }
  }
}
