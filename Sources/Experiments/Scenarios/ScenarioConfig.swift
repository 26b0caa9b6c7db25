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
  public var horizonHours = 72.0
  public var seed: UInt64 = 1
  /// The fleet: catalog names or inline definitions.
  public var accelerators: [AcceleratorChoice] = [.named("A10G")]
  public var zones = 1
  /// `poisson`, `ou` or `trace:PATH`.
  public var market = "poisson"
  public var traceStartHour = 0.0
  public var preemptionRate: Double?
  public var bandwidthGbps: Double?
  public var graceSeconds: Double?
  public var bootSeconds: Double?
  public var policy = "greedy"
  public var migration = "naive"
  public var idleTimeoutHours = 0.1
  public var checkpointFull = 0.8
  public var checkpointPartial = 0.3
  /// How a checkpoint's transfer ratio becomes saved progress.
  public var checkpointModel = CheckpointModel.bands
  /// Throughput of durable checkpoint storage, Gbit/s (restores read at
  /// the slower of this and the target's link).
  public var storageGbps = Scenario.defaultStorageGbps
  /// How a trace market prices types other than the one it measured.
  public var traceOtherTypes = TracePricing.refuse
  /// A named fleet (from the spec's or the catalog's `fleets:`), replacing
  /// `accelerators` when set.
  public var fleetName: String?
  /// Fleets a spec defines, by name.
  public var namedFleets: [String: [String]] = [:]
  /// Region of each synthetic zone (sets the zone count); nil: one region.
  public var zoneRegions: [String]?
  /// Spot instances per (type, zone); nil: unlimited (or the type's own).
  public var spotCapacity: Int?
  /// Per-zone spot capacity, overriding the rest (nil entries fall through).
  public var zoneSpotCapacity: [Int?] = []
  /// Zone-wide crunches.
  public var crunches = CrunchModel()
  /// How synthetic zones differ.
  public var zoneVariation = ZoneVariation()
  /// Cross-region and cross-continent throughput, Gbit/s (nil: catalog).
  public var crossRegionGbps: Double?
  public var crossContinentGbps: Double?
  /// Egress $/GB between regions the table does not list (nil: catalog).
  public var egressPerGB: Double?
  /// Multipliers of every type's own link speed and reclaim hazard, which
  /// keep the types' differences (unlike `bandwidth_gbps`, `preemption_rate`).
  public var bandwidthScale = 1.0
  public var hazardScale = 1.0
  public var ou = OrnsteinUhlenbeckMarket()
  public var tasks = 200
  public var arrivals = "uniform"
  public var arrivalFraction = 0.8
  public var work = DurationDistribution.uniform(1, 20)
  public var kinds: [WorkloadKind: KindProfile] = [.training: .training]
  public var stateMiB: Double?
  /// Model weights every start loads, GiB, for every kind (nil: the kinds' own).
  public var weightsGiB: Double?
  public var memoryGiB: Double?
  public var deadlineSlack: Double?
  public var migrationCost = MigrationCostModel()
  /// Which model runs: the fleet simulator or one deadline job.
  public var model = ModelKind.fleet
  /// The keys set so far (by file, flag or axis), with their text, so that
  /// a key the chosen model does not read can be refused.
  public private(set) var setKeys: [String: String] = [:]
  /// Deadline of the deadline job, hours from the window start.
  public var deadlineHours = 52.0
  /// Restart overhead of the deadline job, hours, charged on every start.
  public var restartOverheadHours = 0.2
  /// Zone of the trace the deadline job runs on (trace markets).
  public var traceZone: String?
  /// Deadline job over several zones: the trace zones it may use.
  public var traceZones: [String]?
  /// An ordered list of trace zones, of which `regions` takes the first N.
  public var zoneOrder: [String]?
  /// How many zones of `zoneOrder` a multi-region deadline job uses.
  public var regions: Int?
  /// The deadline job's checkpoint, GB, moved on every change of zone.
  public var checkpointGB = 0.0
  /// Hours between a deadline policy's probes: 0 means free probing, nil
  /// (`published`) each policy's published interval.
  public var probeIntervalHours: Double? = 0
  /// Seconds of spot billed for a probe that finds spot.
  public var probeBilledSeconds = 60.0
  /// On-demand priced at this multiple K of the first zone's mean spot
  /// price over the window, in every region (nil: the catalog's or the
  /// traces' price).
  public var onDemandRatio: Double?
  /// The deadline job's workload profile (a catalog `workloads:` name):
  /// its measured throughput sets each type's speed relative to the
  /// `accelerator` (nil: one type, speed 1).
  public var workloadProfile: String?
  /// Other accelerator types the deadline job may also run on, each as one
  /// spot zone (synthetic, from its catalog hazard) and its on-demand.
  public var chips: [String]?
  /// `synkti-value`'s memory half-life and prior weight, hours.
  public var valueMemoryHours = ValuePolicy().memoryHours
  public var valuePriorHours = ValuePolicy().priorHours
  /// The forecaster `synkti-forecast` takes spot lifetimes from.
  public var forecaster = "empirical-survival"
  /// `noisy-oracle`'s noise, in [0, 1].
  public var forecastNoise = 0.0
  /// Forecasters are fitted on each trace's hours `[0, trainUntilHour)`;
  /// windows must start at or after it.
  public var trainUntilHour: Double?
  /// Fleet on a trace market: move a zone's tasks before the warning when
  /// its forecaster's loss probability over the next interval exceeds
  /// this; nil: reactive only.
  public var proactiveThreshold: Double?
  /// Minutes between forecast reviews, and the interval a loss is
  /// predicted over.
  public var proactiveIntervalMinutes = 30.0
  /// Which of a flagged zone's tasks move; nil: every one (the threshold
  /// test), stored as null so that specs from before it keep their cells.
  public var proactiveTest: ProactiveHandling.Test?
  /// Fleet: solve the offline lower bound (`FleetBound`) of the runs of
  /// replicates numbered below this (0: none; `Int.max`: every one).
  public var boundReplicates = 0

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
