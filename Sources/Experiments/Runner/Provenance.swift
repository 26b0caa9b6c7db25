import Foundation

/// Synkti's version, stored with every sweep.
public enum SynktiVersion {
  /// The version string.
  public static let current = "0.2.0"
}

/// Where and from what code a sweep ran.
public struct Provenance: Sendable, Equatable {
  /// `git rev-parse HEAD`, or `unknown` outside a git work tree.
  public var gitCommit: String
  /// Whether tracked files had uncommitted changes.
  public var gitDirty: Bool
  /// Host name.
  public var host: String

  /// Creates provenance from its parts.
  public init(gitCommit: String, gitDirty: Bool, host: String) {
    self.gitCommit = gitCommit
    self.gitDirty = gitDirty
    self.host = host
  }

  /// Reads git state of the working directory and the host name.
  public static func current() -> Provenance {
    let commit = git(["rev-parse", "HEAD"])?.trimmingCharacters(in: .whitespacesAndNewlines)
    let status = git(["status", "--porcelain", "--untracked-files=no"])
    return Provenance(
      gitCommit: commit.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown",
      gitDirty: !(status ?? "").isEmpty, host: ProcessInfo.processInfo.hostName)
  }

  public static func git(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    do {
      try process.run()
    } catch {
      return nil
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
  }
}

/// ISO 8601 timestamps for the database.
enum Timestamp {
  static func now() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: Date())
  }
}
