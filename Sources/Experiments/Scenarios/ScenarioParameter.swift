import Foundation
import Simulation

/// One settable scenario parameter: its key, what it means, which models
/// read it, and how its text form is parsed and printed.
public struct ScenarioParameter: Sendable {
  /// The key, as in files, flags and sweep axes (`bandwidth_gbps`).
  public let key: String
  /// The models that read it; setting it for another model is refused.
  public let models: Set<ModelKind>
  /// Whether a fleet's on-demand-only baseline can depend on it (false for
  /// what only spot reclaims, checkpoints, moves and policies read), so
  /// cells that differ only in such keys share their baseline.
  public let baselineReads: Bool
  /// One line for `--help` and the docs.
  public let summary: String
  let apply: @Sendable (inout ScenarioConfig, String) throws -> Void
  let read: @Sendable (ScenarioConfig) -> String

  init(
    key: String, models: Set<ModelKind> = [.fleet], baselineReads: Bool = true, summary: String,
    apply: @escaping @Sendable (inout ScenarioConfig, String) throws -> Void,
    read: @escaping @Sendable (ScenarioConfig) -> String
  ) {
    self.key = key
    self.models = models
    self.baselineReads = baselineReads
    self.summary = summary
    self.apply = apply
    self.read = read
  }

  /// `summary`, with the model it is limited to when there is one.
  public var help: String {
    models.count == ModelKind.allCases.count
      ? summary : "\(summary) [\(models.map(\.rawValue).sorted().joined(separator: ", ")) only]"
  }

  /// The keys a fleet's on-demand-only baseline cannot depend on.
  public static let baselineIgnores = Set(all.filter { !$0.baselineReads }.map(\.key))

  struct Invalid: Error { let expected: String }

  /// The parameter called `key`.
  public static func named(_ key: String) -> ScenarioParameter? { byKey[key] }

  /// Every parameter by key (sweeps look up every key of every cell).
  static let byKey = Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0) })

  static func number(_ text: String, _ expected: String, _ check: (Double) -> Bool) throws -> Double
  {
    guard let v = Double(text), v.isFinite, check(v) else { throw Invalid(expected: expected) }
    return v
  }

  /// A finite number in `range` (above its lower bound when `positive`).
  static func number(_ text: String, in range: ClosedRange<Double>, positive: Bool = false)
    throws -> Double
  {
    try number(
      text, ScenarioLimits.describe(range, exclusiveLower: positive),
      { range.contains($0) && (!positive || $0 > range.lowerBound) })
  }

  static func optionalNumber(_ text: String, in range: ClosedRange<Double>, positive: Bool = false)
    throws -> Double?
  {
    if ["", "null", "none", "~"].contains(text) { return nil }
    return try optionalNumber(
      text, ScenarioLimits.describe(range, exclusiveLower: positive),
      { range.contains($0) && (!positive || $0 > range.lowerBound) })
  }

  static func whole(_ text: String, in range: ClosedRange<Int>) throws -> Int {
    try whole(text, ScenarioLimits.describe(range), { range.contains($0) })
  }

  static func optionalNumber(_ text: String, _ expected: String, _ check: (Double) -> Bool) throws
    -> Double?
  {
    if ["", "null", "none", "~"].contains(text) { return nil }
    return try number(text, expected + " (or null)", check)
  }

  static func whole(_ text: String, _ expected: String, _ check: (Int) -> Bool) throws -> Int {
    guard let v = Int(text), check(v) else { throw Invalid(expected: expected) }
    return v
  }

  /// A comma-separated list (`a,b,c`, or `[a, b, c]`), nil for null.
  static func list(_ text: String) -> [String]? {
    if ["", "null", "none", "~"].contains(text) { return nil }
    var t = text.trimmingCharacters(in: .whitespaces)
    if t.hasPrefix("[") && t.hasSuffix("]") { t = String(t.dropFirst().dropLast()) }
    return t.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
  }

  static func numbers(_ text: String, in range: ClosedRange<Double>) throws -> [Double]? {
    guard let items = list(text) else { return nil }
    let expected = "a list of numbers in \(ScenarioLimits.describe(range).dropFirst(12)) (or null)"
    guard !items.isEmpty, items.count <= ScenarioLimits.zones.upperBound else {
      throw Invalid(expected: expected)
    }
    return try items.map { try number($0, expected, { range.contains($0) }) }
  }

  static func showList(_ values: [String]?) -> String {
    values.map { $0.joined(separator: ",") } ?? "null"
  }

  /// One of an enumeration's cases, by its raw name.
  static func choice<T: RawRepresentable & CaseIterable>(_ text: String) throws -> T
  where T.RawValue == String {
    guard let value = T(rawValue: text) else {
      throw Invalid(expected: T.allCases.map(\.rawValue).joined(separator: " or "))
    }
    return value
  }

  static func show(_ v: Double?) -> String { v.map { "\($0)" } ?? "null" }

  /// Every parameter, in documentation order (the order of the store's
  /// parameter columns).
  public static let all: [ScenarioParameter] = market + workload + deadlineJob
}

extension DurationDistribution {
  /// Parses `uniform(a,b)`, `exponential(mean)` or `constant(x)` (or a bare number).
  init(parsing text: String) throws {
    let limit = ScenarioLimits.show(ScenarioLimits.workHours.upperBound)
    let expected =
      "uniform(a,b) with a < b, exponential(mean), constant(x) or a number, all finite, > 0 and ≤ \(limit)"
    let t = text.replacingOccurrences(of: " ", with: "")
    func ok(_ v: Double) -> Bool { v.isFinite && v > 0 && ScenarioLimits.workHours.contains(v) }
    if let v = Double(t) {
      guard ok(v) else { throw ScenarioParameter.Invalid(expected: expected) }
      self = .constant(v)
      return
    }
    guard let open = t.firstIndex(of: "("), t.hasSuffix(")") else {
      throw ScenarioParameter.Invalid(expected: expected)
    }
    let head = String(t[..<open])
    let fields = t[t.index(after: open)..<t.index(before: t.endIndex)].split(
      separator: ",", omittingEmptySubsequences: false)
    let args = fields.compactMap { Double($0) }
    guard args.count == fields.count, args.allSatisfy(ok) else {
      throw ScenarioParameter.Invalid(expected: expected)
    }
    switch (head, args.count) {
    case ("uniform", 2) where args[0] > 0 && args[1] > args[0]: self = .uniform(args[0], args[1])
    case ("exponential", 1) where args[0] > 0: self = .exponential(mean: args[0])
    case ("constant", 1) where args[0] > 0: self = .constant(args[0])
    default: throw ScenarioParameter.Invalid(expected: expected)
    }
  }

  /// The text form `init(parsing:)` reads.
  var text: String {
    switch self {
    case .uniform(let a, let b): return "uniform(\(a),\(b))"
    case .exponential(let m): return "exponential(\(m))"
    case .constant(let v): return "constant(\(v))"
    }
  }
}
