/// Everything that can be wrong with an experiment's inputs. Each case names
/// the file, the key (a dotted path) and the offending value.
public enum ExperimentsError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The file could not be read.
  case unreadable(file: String, reason: String)
  /// The file is not valid YAML / JSON / CSV.
  case malformed(file: String, line: Int?, reason: String)
  /// A required key is absent.
  case missingKey(file: String, key: String)
  /// A key holds a value of the wrong type or outside its domain.
  case invalidValue(file: String, key: String, value: String, expected: String)
  /// A key nobody reads (most likely a typo).
  case unknownKey(file: String, key: String, known: [String])
  /// A key the chosen model does not read (its value would change nothing).
  case notApplicable(file: String, key: String, value: String, model: String, reads: [String])
  /// A name (accelerator, policy, strategy, market) that is not defined.
  case unknownName(file: String, key: String, name: String, known: [String])
  /// A results database that cannot be used (unreadable, foreign, newer).
  case database(file: String, reason: String)
  /// A request that does not fit the data (nothing to resume, no such sweep).
  case invalidRequest(String)

  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read: \(reason)"
    case .malformed(let file, let line, let reason):
      return "\(file)\(line.map { ":\($0)" } ?? ""): \(reason)"
    case .missingKey(let file, let key):
      return "\(file): missing key '\(key)'"
    case .invalidValue(let file, let key, let value, let expected):
      return "\(file): key '\(key)' has value '\(value)', expected \(expected)"
    case .unknownKey(let file, let key, let known):
      return "\(file): unknown key '\(key)'; known keys: \(known.joined(separator: ", "))"
    case .notApplicable(let file, let key, let value, let model, let reads):
      return
        "\(file): key '\(key)' (value '\(value)') does not apply to model \(model), which never reads it; remove it, or choose a model that reads it. Model \(model) reads: \(reads.joined(separator: ", "))"
    case .unknownName(let file, let key, let name, let known):
      return
        "\(file): key '\(key)' names '\(name)', which is not defined; known: \(known.joined(separator: ", "))"
    case .database(let file, let reason):
      return "\(file): \(reason)"
    case .invalidRequest(let reason):
      return reason
    }
  }
}
