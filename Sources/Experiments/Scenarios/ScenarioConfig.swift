import Simulation

/// A scenario as the user writes it: named parameters, before names are
/// resolved against the catalog and the registries.
///
/// Every scalar parameter has a key (see `ScenarioParameter.all`) and can be
/// set from a scenario file, a command-line flag or, later, a sweep axis,
/// through the one `set(_:to:)` path, so all three validate alike.
public struct ScenarioConfig: Sendable {
  /// Where this config came from, for error messages.
  public var file = "(defaults)"
  /// Directory relative paths (traces) resolve against, after the CWD.
  public var baseDirectory = "."
  public var name = "scenario"
  public var description = ""
  public var seed: UInt64 = 1
  /// Which model runs: the fleet simulator or one deadline job.
  public var model = ModelKind.fleet
  /// The fleet's types, or the deadline job's: catalog names or inline
  /// definitions.
  public var accelerators: [AcceleratorChoice] = [.named("A10G")]
  /// The fleet's or the deadline job's policy, by its registry name.
  public var policy = "greedy"
  /// Work per task (fleet) or of the job (its mean; deadline job), hours.
  public var work = DurationDistribution.uniform(1, 20)
  /// Reclaim notice of every type, seconds (nil: each type's own): the
  /// fleet's grace-period checkpoints, and a deadline job's periodic ones.
  public var graceSeconds: Double?
  /// The spot market: where prices and reclaims come from.
  public var market = MarketSettings()
  /// Links, storage and egress.
  public var network = NetworkSettings()
  /// What only the fleet simulator reads: its tasks, checkpoints, moves.
  public var fleet = FleetSettings()
  /// What only the deadline-job model reads: its deadline, window, places.
  public var deadlineJob = DeadlineJobSettings()
  /// Forecasters and the fleet's proactive moves.
  public var forecast = ForecastSettings()
  /// The keys set so far (by file, flag or axis), with their text, so that
  /// a key the chosen model does not read can be refused.
  public private(set) var setKeys: [String: String] = [:]

  /// A config with every default.
  public init() {}

  /// How the fleet names an accelerator.
  public enum AcceleratorChoice: Sendable, Equatable {
    /// A catalog entry.
    case named(String)
    /// A full definition (possibly based on a catalog entry).
    case inline(AcceleratorType)
  }

  /// Sets the parameter `key` from its text form.
  /// - Throws: `ExperimentsError.unknownKey` or `.invalidValue`, naming `file`.
  public mutating func set(_ key: String, to value: String) throws {
    guard let parameter = ScenarioParameter.named(key) else {
      throw ExperimentsError.unknownKey(
        file: file, key: key, known: ScenarioParameter.all.map(\.key))
    }
    // Values reach file names, figure scripts and tables: a line break or
    // other control character there could split a gnuplot command in two.
    if key != "description",
      value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    {
      throw ExperimentsError.invalidValue(
        file: file, key: key, value: value.debugDescription,
        expected: "text without control characters (line breaks, tabs, escapes)")
    }
    setKeys[key] = value
    do {
      try parameter.apply(&self, value)
    } catch let error as ScenarioParameter.Invalid {
      throw ExperimentsError.invalidValue(
        file: file, key: key, value: value, expected: error.expected)
    }
  }

  /// The current text form of parameter `key` (as `set` accepts it).
  public func value(of key: String) -> String? {
    ScenarioParameter.named(key)?.read(self)
  }
}
