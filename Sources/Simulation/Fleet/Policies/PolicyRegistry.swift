/// Named constructors of policies, so experiment files can name them.
///
/// A value type: start from `standard`, `register` your own, and pass the
/// registry to whatever resolves names. Nothing is global.
public struct PolicyRegistry: Sendable {
  /// Builds a policy from its named numeric parameters.
  public typealias Factory = @Sendable ([String: Double]) throws -> any SchedulingPolicy

  private var factories: [String: Factory] = [:]
  private var summaries: [String: String] = [:]
  private var parameterNames: [String: [String]] = [:]

  /// An empty registry.
  public init() {}

  /// Greedy, OnDemandFallback(k), OnDemandOnly and UniformProgress.
  public static var standard: PolicyRegistry {
    var registry = PolicyRegistry()
    registry.register("greedy", summary: "always spot (waits when spot is unavailable)") { _ in
      GreedyPolicy()
    }
    registry.register(
      "on-demand-fallback", summary: "spot until k reclaims of a task, then on-demand (k = 2)",
      parameters: ["k"]
    ) { p in
      let k = p["k"] ?? 2
      // Checked before the conversion: Int(1e308) would trap.
      guard k >= 0, k <= 1_000, k == k.rounded() else {
        throw SimulationError.invalidParameter(
          name: "k", value: "\(k)", reason: "a whole number in [0, 1000]")
      }
      return OnDemandFallbackPolicy(maxPreemptions: Int(k))
    }
    registry.register("on-demand-only", summary: "on-demand only: the baseline") { _ in
      OnDemandOnlyPolicy()
    }
    registry.register(
      "uniform-progress", summary: "deadline-aware Uniform Progress (Can't Be Late, NSDI '24)",
      parameters: ["review"]
    ) { p in
      let review = p["review"] ?? 0.25
      guard review > 0, review <= 10_000 else {
        throw SimulationError.invalidParameter(
          name: "review", value: "\(review)", reason: "hours in (0, 10000]")
      }
      return UniformProgressPolicy(reviewEvery: review)
    }
    return registry
  }

  /// Adds or replaces the policy called `name`, which takes the named
  /// numeric `parameters` (the first may be given bare: `name:3`).
  public mutating func register(
    _ name: String, summary: String = "", parameters: [String] = [],
    factory: @escaping Factory
  ) {
    factories[name] = factory
    summaries[name] = summary
    parameterNames[name] = parameters
  }

  /// Registered names, sorted.
  public var names: [String] { factories.keys.sorted() }

  /// One-line description of `name`.
  public func summary(of name: String) -> String? { summaries[name] }

  /// Builds a policy from a name such as `greedy` or `on-demand-fallback:k=3`
  /// (`on-demand-fallback:3` also works when the policy has one parameter).
  /// - Throws: `SimulationError.unknownName` or `.invalidParameter` (also
  ///   for a parameter the policy does not take, e.g. `greedy:3`).
  public func make(_ reference: String) throws -> any SchedulingPolicy {
    let name = String(reference.split(separator: ":", maxSplits: 1).first ?? "")
    guard let factory = factories[name] else {
      throw SimulationError.unknownName(kind: "policy", name: name, known: names)
    }
    let accepted = parameterNames[name] ?? []
    let parameters = try Self.parse(reference, bareName: accepted.first ?? "k")
    for key in parameters.keys.sorted() where !accepted.contains(key) {
      throw SimulationError.invalidParameter(
        name: key, value: reference,
        reason: accepted.isEmpty
          ? "no parameters: \(name) takes none"
          : "one of \(accepted.joined(separator: ", ")) for \(name)")
    }
    return try factory(parameters)
  }

  /// Splits `name:key=value,key=value` (a bare value is called `bareName`).
  static func parse(_ reference: String, bareName: String) throws -> [String: Double] {
    let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
    var parameters: [String: Double] = [:]
    if parts.count == 2 {
      for item in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
        let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
        let key = kv.count == 2 ? kv[0] : bareName
        let text = kv.count == 2 ? kv[1] : kv[0]
        guard let value = Double(text), value.isFinite else {
          throw SimulationError.invalidParameter(
            name: key, value: text, reason: "a finite number")
        }
        parameters[key] = value
      }
    }
    return parameters
  }
}
