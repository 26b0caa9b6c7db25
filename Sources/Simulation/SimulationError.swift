/// Errors raised while building a run from names and parameters.
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A policy, migration strategy or market name nobody registered.
  case unknownName(kind: String, name: String, known: [String])
  /// A parameter outside its domain.
  case invalidParameter(name: String, value: String, reason: String)

  public var description: String {
    switch self {
    case .unknownName(let kind, let name, let known):
      return "unknown \(kind) '\(name)'; known: \(known.joined(separator: ", "))"
    case .invalidParameter(let name, let value, let reason):
      return "invalid value '\(value)' for \(name): expected \(reason)"
    }
  }
}
