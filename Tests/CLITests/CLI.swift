import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `synkti` binary as a user would, with a deadline.
enum CLI {
  /// The repository root.
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The `synkti` binary beside this test bundle (the same build), or the
  /// one `SYNKTI_BIN` names (to run these tests against another build).
  static let binary: String = {
    let candidates: [String?] = [
      ProcessInfo.processInfo.environment["SYNKTI_BIN"],
      Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("synkti").path,
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("synkti").path,
      repository.appendingPathComponent(".build/debug/synkti").path,
    ]
    let paths = candidates.compactMap { $0 }
    return paths.first { FileManager.default.isExecutableFile(atPath: $0) } ?? paths.last!
  }()

  /// What one invocation did.
  struct Result {
    var status: Int32
    var signaled: Bool
    var timedOut: Bool
    var stdout: String
    var stderr: String
  }

  /// Runs `synkti arguments` in the repository root.
  static func run(_ arguments: [String], timeout: Double = 20, input: Data? = nil) -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = repository
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    do {
      try process.run()
    } catch {
      return Result(status: -1, signaled: false, timedOut: false, stdout: "", stderr: "\(error)")
    }
    // Drain the pipes while waiting, so a chatty process never blocks.
    let stdout = Captured()
    let stderr = Captured()
    let readers = DispatchGroup()
    DispatchQueue.global().async(group: readers) {
      stdout.data = out.fileHandleForReading.readDataToEndOfFile()
    }
    DispatchQueue.global().async(group: readers) {
      stderr.data = err.fileHandleForReading.readDataToEndOfFile()
    }
    var timedOut = false
    if done.wait(timeout: .now() + timeout) == .timedOut {
      timedOut = true
      kill(process.processIdentifier, SIGKILL)
      done.wait()
    }
    readers.wait()
    return Result(
      status: process.terminationStatus,
      signaled: process.terminationReason == .uncaughtSignal && !timedOut, timedOut: timedOut,
      stdout: String(decoding: stdout.data, as: UTF8.self),
      stderr: String(decoding: stderr.data, as: UTF8.self))
  }

  /// Starts `synkti arguments` without waiting; the caller kills or waits.
  static func start(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = repository
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// A fresh scratch directory.
  static func scratch() -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("synkti-cli-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}

/// What a pipe delivered; written by one reader, read after it is done.
final class Captured: @unchecked Sendable {
  var data = Data()
}

/// SplitMix64: the fuzzers' seeded source of choices.
struct Choices {
  var state: UInt64

  /// The fuzzers' seed: `FUZZ_SEED` when set (a nightly run varies it
  /// there, and only there), else `fallback`; failures print it.
  static func seed(_ fallback: UInt64) -> UInt64 {
    ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? fallback
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }

  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
