import Foundation
import Testing

/// `sweep --check` and `simulate --check`: every spec and scenario file the
/// project ships resolves the files it names from the repository alone, and
/// one that names a missing file exits 2 naming the spec, key and path.
@Suite(.serialized) struct CheckCommandTests {
  /// The YAML files directly under `Experiments/` and `Experiments/paper/`.
  static func shippedFiles() throws -> [String] {
    try ["Experiments", "Experiments/paper"].flatMap { folder in
      try FileManager.default.contentsOfDirectory(
        atPath: CLI.repository.appendingPathComponent(folder).path
      )
      .filter { $0.hasSuffix(".yaml") && $0 != "catalog.yaml" }
      .sorted().map { "\(folder)/\($0)" }
    }
  }

  /// A file with a `grid:` is a spec; any other is a scenario.
  static func isSpec(_ path: String) throws -> Bool {
    let text = try String(
      contentsOf: CLI.repository.appendingPathComponent(path), encoding: .utf8)
    return text.split(separator: "\n").contains { $0.hasPrefix("grid:") }
  }

  @Test func everyShippedSpecAndScenarioResolvesItsFiles() throws {
    let files = try Self.shippedFiles()
    #expect(files.count >= 24, "\(files)")
    var traced = 0
    for file in files {
      let arguments =
        try Self.isSpec(file)
        ? ["sweep", file, "--check"] : ["simulate", "--scenario", file, "--check"]
      let result = CLI.run(arguments, timeout: 60)
      #expect(result.status == 0, "\(file): \(result.stderr)")
      #expect(result.stdout.hasPrefix("ok: \(file)"), "\(file): \(result.stdout)")
      if result.stdout.contains("data/traces/") { traced += 1 }
      #expect(!result.stdout.contains("shared"), "\(file): \(result.stdout)")
    }
    // The twenty trace-driven paper specs, zone-order-v100 and the two
    // value-bridging specs.
    #expect(traced == 23)
  }

  @Test func aCheckNamesTheSpecKeyAndPathOfAMissingTrace() throws {
    let dir = CLI.scratch()
    let spec = dir + "/lost.yaml"
    try """
    name: lost
    base:
      model: deadline-job
      accelerator: V100
      market: trace:../no-such-data/traces/aws-v100-2023-02
      work_hours: constant(10)
      deadline_hours: 20
    grid:
      policy: [greedy]
    replicates: 1
    """.write(toFile: spec, atomically: true, encoding: .utf8)
    let db = dir + "/never.sqlite"
    let result = CLI.run(["sweep", spec, "--check", "--db", db])
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains(spec), "\(result.stderr)")
    #expect(result.stderr.contains("'market'"), "\(result.stderr)")
    #expect(result.stderr.contains("no-such-data/traces/aws-v100-2023-02 does not exist"))
    #expect(!FileManager.default.fileExists(atPath: db))
  }

  @Test func aCheckRunsNothingAndWritesNothing() throws {
    let dir = CLI.scratch()
    let db = dir + "/never.sqlite"
    let result = CLI.run(["sweep", "Experiments/paper/cant-be-late.yaml", "--check", "--db", db])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains("Experiments/paper/../data/traces/aws-v100-2023-02"),
      "\(result.stdout)")
    #expect(result.stdout.contains("Experiments/data/aws-s3-egress-pricing.csv"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
  }
}

/// Readers (`export`, `report`, `compare`) leave the database's folder as
/// they found it, as the user who wrote it: no `-shm`, no `-wal`.
@Suite(.serialized) struct ReaderTraceTests {
  @Test func readersCreateNoSideFiles() throws {
    let dir = CLI.scratch()
    let db = dir + "/r.sqlite"
    let sweep = CLI.run([
      "sweep", "Experiments/paper/headline.yaml", "--db", db, "--max-runs", "12",
    ])
    #expect(sweep.status == 0, "\(sweep.stderr)")
    // What the writer left (its lock file), without side files of SQLite.
    for side in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + side) }
    let listing = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    let before = try Data(contentsOf: URL(fileURLWithPath: db))
    for command in [
      ["export", "--db", db, "--format", "csv"],
      ["report", "--db", db, "--out", dir + "-out"],
      ["compare", "HEAD", "HEAD", "--db", db],
    ] {
      let result = CLI.run(command, timeout: 60)
      #expect([0, 1].contains(result.status), "\(command[0]): \(result.stderr)")
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == listing,
        "\(command[0]) left files")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
  }
}
