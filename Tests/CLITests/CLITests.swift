import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The CLI as a process: exit codes, fuzzed inputs, concurrent writers and
/// kills. One serialized suite, so these processes never compete with each
/// other for the machine's cores; the whole suite stays near a minute.
@Suite(.serialized) struct CLITests {
  @Test func theBinaryIsBuilt() {
    #expect(FileManager.default.isExecutableFile(atPath: CLI.binary), "\(CLI.binary)")
  }

  /// Bad input exits 2 for every command, argument validation included.
  @Test func everyCommandExitsTwoOnBadInput() throws {
    let dir = CLI.scratch()
    let missing = dir + "/missing.sqlite"
    let cases: [[String]] = [
      ["simulate", "--set", "no_such_key=1"],
      ["simulate", "--set", "boot_seconds=1e308"],
      ["simulate", "--policy", "greedy:3"],
      ["simulate", "--no-such-flag"],
      ["sweep", dir + "/no-such-spec.yaml", "--db", dir + "/s.sqlite"],
      ["sweep", "Experiments/paper/headline.yaml", "--jobs", "0", "--db", dir + "/s.sqlite"],
      ["report", "--db", missing],
      ["compare", "1", "2", "--db", missing],
      ["compare", "HEAD", "no-such-revision", "--db", missing],
      ["fingerprint", "no-such-revision"],
      ["export", "--db", missing],
      ["export", "--format", "xml"],
      ["merge", dir + "/out.sqlite"],
      ["merge", dir + "/out.sqlite", missing],
      ["assign", "--costs", dir + "/no-such.csv"],
      ["catalog", "--catalog", dir + "/no-such.yaml"],
      ["trace-windows", "--trace", dir + "/no-such-trace"],
      ["trace-windows", "--trace", "Tests/ExperimentsTests/Fixtures/aws", "--count", "x"],
      ["no-such-command"],
    ]
    for arguments in cases {
      let result = CLI.run(arguments)
      #expect(result.status == 2, "\(arguments.joined(separator: " ")): \(result.stderr)")
    }
    for path in [missing, dir + "/s.sqlite", dir + "/out.sqlite"] {
      #expect(!FileManager.default.fileExists(atPath: path), "\(path) was created")
    }
    #expect(CLI.run(["--version"]).status == 0)
    #expect(CLI.run(["simulate", "--tasks", "5", "--hours", "24"]).status == 0)
  }

  /// Mutations of the paper specs, seeded: every outcome is exit 0 or 2,
  /// never a signal or a hang, and an exit 2 writes no database.
  /// The dry run's estimate times cells spread over the grid, not only the
  /// first (the headline grid has 12 cells: 8 are sampled).
  @Test func theDryRunEstimatesFromASampleOfCells() {
    let result = CLI.run(["sweep", "Experiments/paper/headline.yaml", "--dry-run"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains(
        "per shared baseline or optimum × 30 (timed on samples of 8 cells across the grid) → about")
    )
  }

  /// Two revisions of one model compare without a database or a run.
  @Test func compareOfOneModelNeedsNoRuns() throws {
    let missing = CLI.scratch() + "/missing.sqlite"
    let result = CLI.run(["compare", "HEAD", "HEAD", "--db", missing])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("identical model") && result.stdout.contains("no runs needed"))
    #expect(!FileManager.default.fileExists(atPath: missing))
    let fingerprint = CLI.run(["fingerprint", "HEAD"])
    #expect(fingerprint.status == 0, "\(fingerprint.stderr)")
    #expect(fingerprint.stdout.trimmingCharacters(in: .whitespacesAndNewlines).count == 64)
  }

  @Test func fuzzedSpecsExitZeroOrTwoAndWriteNothingOnTwo() throws {
    let layout = try FuzzLayout()
    let seed = Choices.seed(20_261_201)
    var choices = Choices(state: seed)
    let specs = ["headline", "five-axis", "checkpointing"]
    var outcomes: [Int32: Int] = [:]
    for index in 0..<200 {
      let name = choices.pick(specs)
      let text = Mutation.apply(to: layout.spec(name), using: &choices)
      try text.write(toFile: layout.specFile, atomically: true, encoding: .utf8)
      let db = layout.root + "/fuzz-\(index).sqlite"
      let result = CLI.run(
        ["sweep", layout.specFile, "--db", db, "--max-runs", "1", "--jobs", "1"], timeout: 30)
      outcomes[result.status, default: 0] += 1
      let context = "FUZZ_SEED=\(seed) case \(index) (\(name)):\n\(text)\n\(result.stderr)"
      #expect(!result.signaled && !result.timedOut, "\(context)")
      #expect(result.status == 0 || result.status == 2, "exit \(result.status), \(context)")
      if result.status == 2 {
        #expect(!FileManager.default.fileExists(atPath: db), "database written: \(context)")
      }
    }
    // Both kinds of outcome occur, or the fuzzer is not exercising anything.
    #expect((outcomes[0] ?? 0) > 10 && (outcomes[2] ?? 0) > 10, "\(outcomes)")
    print("spec fuzzer: 200 cases, outcomes by exit code \(outcomes.sorted { $0.key < $1.key })")
  }

  /// Mutated trace files: simulate on them exits 0 or 2, never a signal.
  @Test func fuzzedTracesExitZeroOrTwo() throws {
    let dir = CLI.scratch()
    let fixture = CLI.repository.appendingPathComponent("Tests/ExperimentsTests/Fixtures")
    let aws = try String(
      contentsOf: fixture.appendingPathComponent("aws/us-test-1a_v100_1.csv"), encoding: .utf8)
    let gcp = try String(
      contentsOf: fixture.appendingPathComponent("gcp/test-zone-a_h100_16.json"), encoding: .utf8)
    let seed = Choices.seed(17)
    var choices = Choices(state: seed)
    var outcomes: [Int32: Int] = [:]
    for index in 0..<60 {
      let isAWS = index % 2 == 0
      var text = Mutation.applyToTrace(isAWS ? aws : gcp, using: &choices)
      let file = dir + (isAWS ? "/z\(index)-1a_v100_1.csv" : "/z\(index)-a_h100_16.json")
      // Every sixth case is a file no parser should read: a FIFO, a
      // folder, binary bytes, one huge line, an empty file, a wrong header.
      switch index % 6 == 5 ? choices.below(6) : -1 {
      case 0:
        text = "(a FIFO)"
        #expect(mkfifo(file, 0o644) == 0)
      case 1:
        text = "(a folder)"
        try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: false)
      case 2:
        text = "(binary)"
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(
          to: URL(fileURLWithPath: file))
      case 3:
        text = "(one 2 MB line)"
        try String(repeating: "1", count: 2_000_000).write(
          toFile: file, atomically: true, encoding: .utf8)
      case 4:
        text = "(empty)"
        try "".write(toFile: file, atomically: true, encoding: .utf8)
      case 5:
        text = "time,avail,x\n1,2,3\n"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
      default:
        try text.write(toFile: file, atomically: true, encoding: .utf8)
      }
      let result = CLI.run([
        "simulate", "--accelerator", isAWS ? "V100" : "H100-80GB-GCP", "--market", "trace:" + file,
        "--tasks", "3", "--hours", "2", "--set", "memory_gib=12",
      ])
      outcomes[result.status, default: 0] += 1
      let context = "FUZZ_SEED=\(seed) trace case \(index)"
      #expect(!result.signaled && !result.timedOut, "\(context):\n\(text.prefix(2_000))")
      #expect(result.status == 0 || result.status == 2, "\(context): \(result.stderr)")
      #expect(result.stderr.count < 2_000, "\(context): message too long")
    }
    print("trace fuzzer: 60 cases, outcomes by exit code \(outcomes.sorted { $0.key < $1.key })")
  }

  /// As another user, on a read-only directory: export and report work and
  /// leave the file byte for byte as it was. Needs root (to switch user), as
  /// in CI; elsewhere it checks nothing and says so.
  @Test func readOnlyCommandsWorkForAnotherUserAndChangeNothing() throws {
    guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else {
      print("read-only test skipped: needs root and runuser")
      return
    }
    let dir = CLI.scratch()
    let db = dir + "/r.sqlite"
    let sweep = CLI.run([
      "sweep", "Experiments/paper/headline.yaml", "--db", db, "--max-runs", "12",
    ])
    #expect(sweep.status == 0)
    // The other user needs to reach the binary and the scratch directory.
    let binary = dir + "/synkti"
    try FileManager.default.copyItem(atPath: CLI.binary, toPath: binary)
    chmod(dir, 0o555)
    chmod(db, 0o444)
    defer { chmod(dir, 0o755) }
    let before = try Data(contentsOf: URL(fileURLWithPath: db))
    let listing = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    for command in [
      ["export", "--db", db, "--format", "json"],
      [
        "report", "--db", db, "--out",
        FileManager.default.temporaryDirectory.path + "/ro-\(getpid())",
      ],
    ] {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
      process.arguments = ["-u", "nobody", "--", binary] + command
      process.currentDirectoryURL = CLI.repository
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "\(command[0]) as nobody")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == listing)
  }

  /// A second sweep on a database being written is refused at once (or
  /// waits with --wait); the first finishes with every run stored.
  @Test func aSecondSweepNeverDisturbsTheFirst() throws {
    let dir = CLI.scratch()
    let db = dir + "/shared.sqlite"
    let spec = "Experiments/paper/headline.yaml"
    let first = try CLI.start(["sweep", spec, "--db", db, "--jobs", "2"])
    usleep(400_000)
    let refused = CLI.run(["sweep", spec, "--db", db, "--resume"])
    #expect(refused.status == 2 && refused.stderr.contains("in use by another sweep"))
    let waited = CLI.run(["sweep", spec, "--db", db, "--resume", "--wait"], timeout: 60)
    first.waitUntilExit()
    #expect(first.terminationStatus == 0)
    #expect(waited.status == 0 && waited.stdout.contains("already complete"), "\(waited.stdout)")
    let rows = CLI.run(["export", "--db", db, "--format", "csv"]).stdout
      .split(separator: "\n").count
    #expect(rows == 361)
  }

  /// kill -9 at several moments, then --resume: the same rows as a sweep
  /// that was never interrupted.
  @Test func killedAndResumedSweepsEqualAnUninterruptedOne() throws {
    let dir = CLI.scratch()
    let spec = "Experiments/paper/headline.yaml"
    let whole = dir + "/whole.sqlite"
    #expect(CLI.run(["sweep", spec, "--db", whole, "--jobs", "2"], timeout: 60).status == 0)
    let expected = CLI.run(["export", "--db", whole, "--omit-timing"]).stdout
    for (trial, delay) in [200_000, 700_000, 1_200_000].enumerated() {
      let db = dir + "/killed-\(trial).sqlite"
      let sweep = try CLI.start(["sweep", spec, "--db", db, "--jobs", "2"])
      usleep(useconds_t(delay))
      kill(sweep.processIdentifier, SIGKILL)
      sweep.waitUntilExit()
      let resumed = CLI.run(["sweep", spec, "--db", db, "--jobs", "2", "--resume"], timeout: 60)
      #expect(resumed.status == 0, "trial \(trial): \(resumed.stderr)")
      let rows = CLI.run(["export", "--db", db, "--omit-timing"]).stdout
      #expect(rows == expected, "trial \(trial) (kill after \(delay / 1000) ms)")
    }
  }
}

/// A scratch copy of the paper specs' neighbourhood, so mutated specs keep
/// resolving their relative paths (`../headline.yaml`, the shared traces).
struct FuzzLayout {
  let root = CLI.scratch()
  let specFile: String
  private let texts: [String: String]

  init() throws {
    let experiments = CLI.repository.appendingPathComponent("Experiments")
    let paper = root + "/main/Experiments/paper"
    try FileManager.default.createDirectory(atPath: paper, withIntermediateDirectories: true)
    for name in ["headline.yaml", "checkpoint-bands.yaml", "heterogeneous.yaml", "scale.yaml"] {
      try FileManager.default.copyItem(
        atPath: experiments.appendingPathComponent(name).path,
        toPath: root + "/main/Experiments/" + name)
    }
    try? FileManager.default.createSymbolicLink(
      atPath: root + "/shared",
      withDestinationPath: CLI.repository.deletingLastPathComponent().appendingPathComponent(
        "shared"
      ).path)
    var texts: [String: String] = [:]
    for name in ["headline", "five-axis", "checkpointing"] {
      texts[name] = try String(
        contentsOf: experiments.appendingPathComponent("paper/\(name).yaml"), encoding: .utf8)
    }
    self.texts = texts
    specFile = paper + "/fuzzed.yaml"
  }

  func spec(_ name: String) -> String { texts[name]! }
}
