import Experiments
import Foundation
import GRDB
import Testing

/// Every malformed input is rejected before a database is touched.
@Suite struct BadInputTests {
  static let cases: [(String, String)] = [
    ("unknown axis", "grid:\n  bandwidth: [1, 10]\n"),
    ("unknown key", "grids:\n  policy: [greedy]\n"),
    ("wrong type", "grid:\n  policy: [greedy]\nreplicates: many\n"),
    ("empty grid axis", "grid:\n  policy: []\n"),
    ("negative bandwidth", "grid:\n  bandwidth_gbps: [10, -1]\n"),
    ("negative rate", "grid:\n  preemption_rate: [-0.1]\n"),
    ("unknown policy", "grid:\n  policy: [greedy, yolo]\n"),
    ("unknown migration", "grid:\n  migration: [hungarian]\n"),
    ("unknown accelerator", "grid:\n  accelerator: [A10G, Z9000]\n"),
    ("missing scenario file", "scenario: nowhere.yaml\ngrid:\n  policy: [greedy]\n"),
    ("everything excluded", "grid:\n  policy: [greedy]\nexclude:\n  - {policy: greedy}\n"),
    // Continues `base:`; a null list once crashed the reader.
    ("null accelerators", "  accelerators: null\ngrid:\n  policy: [greedy]\n"),
    ("exclusion on a non-axis", "grid:\n  policy: [greedy]\nexclude:\n  - {migration: naive}\n"),
  ]

  @Test(arguments: cases)
  func rejectedWithAMessageNamingTheFile(label: String, text: String) throws {
    let dir = RunnerFixtures.scratch()
    let file = dir + "/bad.yaml"
    try ("name: bad\nbase:\n  tasks: 5\n" + text).write(
      toFile: file, atomically: true, encoding: .utf8)
    do {
      let spec = try ExperimentSpec.load(file, catalog: RunnerFixtures.catalog)
      _ = try SweepPlan(spec: spec, size: nil, catalog: RunnerFixtures.catalog)
      Issue.record("\(label): accepted")
    } catch let error as ExperimentsError {
      #expect(
        "\(error)".contains("bad.yaml") || "\(error)".contains("nowhere.yaml"), "\(label): \(error)"
      )
    }
    // Planning never opens a database.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["bad.yaml"])
  }

  @Test func aFileThatIsNotADatabaseIsRefused() throws {
    let file = RunnerFixtures.scratch() + "/junk.sqlite"
    try String(repeating: "not sqlite ", count: 200).write(
      toFile: file, atomically: true, encoding: .utf8)
    #expect(throws: ExperimentsError.self) { try ResultsStore.open(file) }
  }

  @Test func aForeignDatabaseIsRefusedUntouched() throws {
    let file = RunnerFixtures.scratch() + "/foreign.sqlite"
    let queue = try DatabaseQueue(path: file)
    try queue.write { try $0.execute(sql: "CREATE TABLE players (id INTEGER)") }
    try queue.close()
    #expect(throws: ExperimentsError.self) { try ResultsStore.open(file) }
    let tables = try DatabaseQueue(path: file).read {
      try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    #expect(tables == ["players"])
  }
}
