import Foundation
import Yams

/// A YAML mapping read with typed accessors whose errors name the file, the
/// dotted key and the value. Unread keys can be reported as typos.
struct YAMLMap {
  let file: String
  let path: String
  let entries: [(key: String, value: Node)]

  /// Parses `text` (from `file`) whose top level must be a mapping.
  static func parse(_ text: String, file: String) throws -> YAMLMap {
    // Specs and catalogs never need many aliases; a file with more is
    // refused before anything expands them (billion-laughs).
    if aliasCount(text) > maxAliases {
      throw ExperimentsError.malformed(
        file: file, line: nil, reason: "more than \(maxAliases) YAML aliases")
    }
    let node: Node?
    do {
      // Tags are never read (every accessor takes the scalar as written), so
      // the basic resolver skips the default rules' regular expressions:
      // about a tenth of a small command's start-up.
      node = try Yams.compose(yaml: text, .basic)
    } catch let error as YamlError {
      throw ExperimentsError.malformed(
        file: file, line: nil, reason: truncated("\(error)", limit: 400))
    }
    guard let node else { return YAMLMap(file: file, path: "", entries: []) }
    return try YAMLMap(node, file: file, path: "")
  }

  /// Most YAML aliases a file may use (none of ours uses any).
  static let maxAliases = 256

  /// Alias references (`*name` after a separator) in `text`: a cheap upper
  /// bound, since a `*` inside a quoted string may count too.
  static func aliasCount(_ text: String) -> Int {
    var count = 0
    var previous: UInt8 = UInt8(ascii: "\n")
    var afterStar = false
    for byte in text.utf8 {
      if afterStar, byte.isAnchorCharacter { count += 1 }
      afterStar = byte == UInt8(ascii: "*") && previous.isAliasSeparator
      previous = byte
    }
    return count
  }

  /// Loads and parses a file.
  static func load(_ file: String) throws -> YAMLMap {
    try parse(readText(file), file: file)
  }

  init(file: String, path: String, entries: [(key: String, value: Node)]) {
    self.file = file
    self.path = path
    self.entries = entries
  }

  init(_ node: Node, file: String, path: String) throws {
    guard let mapping = node.mapping else {
      throw ExperimentsError.invalidValue(
        file: file, key: path.isEmpty ? "(top level)" : path, value: Self.show(node),
        expected: "a mapping of keys to values")
    }
    self.file = file
    self.path = path
    self.entries = mapping.map { ($0.key.string ?? Self.show($0.key), $0.value) }
  }

  func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  func node(_ key: String) -> Node? {
    guard let node = entries.first(where: { $0.key == key })?.value else { return nil }
    return node.null == nil ? node : nil
  }

  var keys: [String] { entries.map(\.key) }

  func has(_ key: String) -> Bool { node(key) != nil }

  /// Fails on any key not in `known`.
  func rejectUnknownKeys(_ known: [String]) throws {
    for key in keys where !known.contains(key) {
      throw ExperimentsError.unknownKey(file: file, key: keyPath(key), known: known.sorted())
    }
  }

  func string(_ key: String) throws -> String? {
    guard let node = node(key) else { return nil }
    guard let s = node.scalar?.string else {
      throw invalid(key, node, "a string")
    }
    return s
  }

  func requiredString(_ key: String) throws -> String {
    guard let s = try string(key) else { throw missing(key) }
    return s
  }

  func double(_ key: String) throws -> Double? {
    guard let node = node(key) else { return nil }
    guard let text = node.scalar?.string, let v = Double(text), v.isFinite else {
      throw invalid(key, node, "a finite number")
    }
    return v
  }

  func requiredDouble(_ key: String) throws -> Double {
    guard let v = try double(key) else { throw missing(key) }
    return v
  }

  /// A number that must satisfy `check`, described by `expected`.
  func double(_ key: String, _ expected: String, _ check: (Double) -> Bool) throws -> Double? {
    guard let v = try double(key) else { return nil }
    guard check(v) else { throw invalid(key, node(key)!, expected) }
    return v
  }

  func int(
    _ key: String, _ expected: String = "a whole number", _ check: (Int) -> Bool = { _ in true }
  )
    throws -> Int?
  {
    guard let node = node(key) else { return nil }
    guard let text = node.scalar?.string, let v = Int(text), check(v) else {
      throw invalid(key, node, expected)
    }
    return v
  }

  func map(_ key: String) throws -> YAMLMap? {
    guard let node = node(key) else { return nil }
    return try YAMLMap(node, file: file, path: keyPath(key))
  }

  func sequence(_ key: String) throws -> [Node]? {
    guard let node = node(key) else { return nil }
    guard let seq = node.sequence else { throw invalid(key, node, "a list") }
    return Array(seq)
  }

  func invalid(_ key: String, _ node: Node, _ expected: String) -> ExperimentsError {
    .invalidValue(file: file, key: keyPath(key), value: Self.show(node), expected: expected)
  }

  func missing(_ key: String) -> ExperimentsError {
    .missingKey(file: file, key: keyPath(key))
  }

  /// The full text of a value: a scalar as written; a short list of
  /// scalars as `[a, b]` (so a list can stand for a list-valued key); else
  /// the short message form. Values, unlike messages, are never truncated.
  static func text(_ node: Node) -> String {
    if let s = node.scalar?.string { return s }
    if let q = node.sequence, q.allSatisfy({ $0.scalar != nil }), q.count <= 10_000 {
      return "[" + q.map { $0.scalar!.string }.joined(separator: ", ") + "]"
    }
    return show(node)
  }

  /// A short text form of a node for messages: scalars as written
  /// (truncated), collections by their size. Never serialises a collection,
  /// so an alias bomb (a node that expands exponentially) stays cheap.
  static func show(_ node: Node) -> String {
    if let s = node.scalar?.string { return truncated(s) }
    if let m = node.mapping { return "a mapping of \(m.count) keys" }
    if let q = node.sequence {
      if q.count <= 8, q.allSatisfy({ $0.scalar != nil }) {
        return truncated("[" + q.map { $0.scalar!.string }.joined(separator: ", ") + "]")
      }
      return "a list of \(q.count) items"
    }
    return "?"
  }

  /// At most `limit` characters of `text`, marked when cut.
  static func truncated(_ text: String, limit: Int = 120) -> String {
    text.count <= limit ? text : String(text.prefix(limit)) + "… (\(text.count) characters)"
  }
}

/// Reads a whole text file, with the error naming it.
func readText(_ file: String) throws -> String {
  try InputFile.check(file)
  do {
    return try String(contentsOfFile: file, encoding: .utf8)
  } catch {
    throw ExperimentsError.unreadable(file: file, reason: error.localizedDescription)
  }
}

extension UInt8 {
  fileprivate var isAliasSeparator: Bool {
    self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") || self == UInt8(ascii: "\n")
      || self == UInt8(ascii: "[") || self == UInt8(ascii: ",") || self == UInt8(ascii: "{")
      || self == UInt8(ascii: "-") || self == UInt8(ascii: ":")
  }

  fileprivate var isAnchorCharacter: Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
      || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || self == UInt8(ascii: "_")
  }
}
