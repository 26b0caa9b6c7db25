/// Named constructors of policies, so experiment files can name them.
///
/// A value type: start from `standard`, `register` your own, and pass the
/// registry to whatever resolves names. Nothing is global.
public struct PolicyRegistry: Sendable {
  /// Builds a policy from its named numeric parameters.
  public typealias Factory = @Sendable ([String: Double]) throws -> any SchedulingPolicy

  private var factories: [String: Factory] = [:]
  private var summaries: [String: String] = [:]

  /// An empty registry.
  public init() {}

  /// Greedy, OnDemandFallback(k), OnDemandOnly and UniformProgress.
  public static var standard: PolicyRegistry {
    var registry = PolicyRegistry()
    registry.register("greedy", summary: "always spot (waits when spot is unavailable)") { _ in
      GreedyPolicy()
    }
    registry.register(
      "on-demand-fallback", summary: "spot until k reclaims of a task, then on-demand (k = 2)"
    ) { p in
      let k = p["k"] ?? 2
      guard k >= 0, k == k.rounded() else {
        throw SimulationError.invalidParameter(
          name: "k", value: String(k), reason: "a whole number ≥ 0")
      }
      return OnDemandFallbackPolicy(maxPreemptions: Int(k))
    }
    registry.register("on-demand-only", summary: "on-demand only: the baseline") { _ in
      OnDemandOnlyPolicy()
    }
    registry.register(
      "uniform-progress", summary: "deadline-aware Uniform Progress (Can't Be Late, NSDI '24)"
    ) { p in
      UniformProgressPolicy(reviewEvery: p["review"] ?? 0.25)
    }
    return registry
  }

  /// Adds or replaces the policy called `name`.
  public mutating func register(_ name: String, summary: String = "", factory: @escaping Factory) {
    factories[name] = factory
    summaries[name] = summary
  }

  /// Registered names, sorted.
  public var names: [String] { factories.keys.sorted() }

  /// One-line description of `name`.
  public func summary(of name: String) -> String? { summaries[name] }

  /// Builds a policy from a name such as `greedy` or `on-demand-fallback:k=3`
  /// (`on-demand-fallback:3` also works when the policy has one parameter).
  /// - Throws: `SimulationError.unknownName` or `.invalidParameter`.
  public func make(_ reference: String) throws -> any SchedulingPolicy {
    let (name, parameters) = try Self.parse(reference)
    guard let factory = factories[name] else {
      throw SimulationError.unknownName(kind: "policy", name: name, known: names)
    }
    return try factory(parameters)
  }

  /// Splits `name:key=value,key=value` (a bare value is called `k`).
  static func parse(_ reference: String) throws -> (String, [String: Double]) {
    let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
    let name = parts.first ?? ""
    var parameters: [String: Double] = [:]
    if parts.count == 2 {
      for item in parts[1].split(separator: ",") {
        let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
        let key = kv.count == 2 ? kv[0] : "k"
        let text = kv.count == 2 ? kv[1] : kv[0]
        guard let value = Double(text) else {
          throw SimulationError.invalidParameter(name: key, value: text, reason: "a number")
        }
        parameters[key] = value
      }
    }
    return (name, parameters)
  }
}
