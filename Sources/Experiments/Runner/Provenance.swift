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

  /// The full hash of the commit `revision` names (HEAD~1, a tag, a hash
  /// prefix) in the working directory's repository; nil when it names none.
  public static func commit(of revision: String) -> String? {
    let hash = git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"])?
      .trimmingCharacters(in: .whitespacesAndNewlines)
    return hash?.isEmpty == false ? hash : nil
  }

  /// `git ARGUMENTS` in the working directory: its standard output, or
  /// nil when git is missing or fails.
  public static func git(_ arguments: [String]) -> String? {
    gitData(arguments).map { String(decoding: $0, as: UTF8.self) }
  }

  /// `git ARGUMENTS` with `input` on its standard input: its standard
  /// output as bytes, or nil when git is missing or fails.
  public static func gitData(_ arguments: [String], input: Data? = nil) -> Data? {
    guard let result = Subprocess.run(["git"] + arguments, input: input), result.status == 0
    else { return nil }
    return result.output
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
