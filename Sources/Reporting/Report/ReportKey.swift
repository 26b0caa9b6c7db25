import Experiments
import Foundation

/// What a report depends on, hashed, so that `synkti report` can leave a
/// report alone when nothing it reads has changed: the sweep (its record,
/// which names its model fingerprint, and its stored and failed runs: a
/// finished sweep's runs never change), the spec it ran and the spec file
/// and catalog that re-simulated figures read, whether gnuplot draws, and
/// the `synkti` binary itself (any rebuild counts as a change).
///
/// Keys live in the output folder's `.report-keys` (`ReportKey.File`; git
/// ignores it), not in the reports, so a report's text stays a function of
/// its runs alone; and readers never write beside the database.
public enum ReportKey {
  /// The key of the report of `sweep` (`gnuplot`: whether it draws).
  public static func of(
    store: ResultsStore, sweep record: SweepRecord, specFile: String, catalogFiles: [String],
    gnuplot: Bool
  ) throws -> String {
    let id = record.id!
    var text = "report key v1\n"
    text += "sweep \(record)\n"
    let counts = try store.runCounts(sweep: id)
    text += "runs \(counts.done) failed \(counts.failed)\n"
    text += "spec \(try store.spec(ofSweep: id)?.hash ?? "-")\n"
    for file in [specFile] + catalogFiles {
      let content = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
      text += "file \(file) \(ExperimentSpec.hash(of: content))\n"
    }
    text += "gnuplot \(gnuplot)\n"
    text += "binary \(binaryStamp())\n"
    return ExperimentSpec.hash(of: text)
  }

  /// The key of the index: the keys of the reports it lists, in order.
  public static func index(of keys: [String]) -> String {
    ExperimentSpec.hash(of: "index key v1\n" + keys.joined(separator: "\n"))
  }

  /// What is on disk: the file's text and its folder's file names and
  /// sizes (a report edited, checked out from elsewhere or missing a
  /// figure is written again).
  public static func state(of file: String) -> String {
    let folder = (file as NSString).deletingLastPathComponent
    var text = ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "-") + "\n"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for name in names.sorted() where !name.hasPrefix(".") {
      let path = (folder as NSString).appendingPathComponent(name)
      let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
      text += "\(name) \(size?.int64Value ?? -1)\n"
    }
    return ExperimentSpec.hash(of: text)
  }

  /// The running executable's path, size and modification time.
  static func binaryStamp() -> String {
    let path =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
    let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
    return "\(path) \(size) \(modified)"
  }

  /// The keys of the reports written into one folder, kept in it
  /// (`<folder>/.report-keys`): per report file, the key it was written
  /// under and the state it was left in.
  public struct File {
    /// Where the keys are kept.
    public let path: String
    /// Per report file: its key and state when written.
    public var entries: [String: (key: String, state: String)] = [:]

    /// Reads the keys kept in `directory` (none when there are none yet).
    public init(directory: String) {
      path = (directory as NSString).appendingPathComponent(".report-keys")
      let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
      for line in text.split(separator: "\n") {
        let parts = line.split(separator: "\t").map(String.init)
        if parts.count == 3 { entries[parts[0]] = (parts[1], parts[2]) }
      }
    }

    /// Whether `file` was written under `key` and is as it was left.
    public func isCurrent(_ file: String, key: String) -> Bool {
      guard let entry = entries[file] else { return false }
      return entry.key == key && entry.state == ReportKey.state(of: file)
    }

    /// Records that `file` was just written under `key`, and saves.
    public mutating func record(_ file: String, key: String) throws {
      entries[file] = (key, ReportKey.state(of: file))
      let text = entries.keys.sorted().map { "\($0)\t\(entries[$0]!.key)\t\(entries[$0]!.state)\n" }
        .joined()
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
  }
}
