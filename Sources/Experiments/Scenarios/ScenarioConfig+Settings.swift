import Simulation

extension ScenarioConfig {
  /// The spot market: synthetic (Poisson, OU) or replayed traces, and how
  /// zones and their capacity differ.
  public struct MarketSettings: Sendable {
    /// `poisson`, `ou` or `trace:PATH` (the key `market`).
    public var kind = "poisson"
    /// Hours into each trace where replay starts.
    public var traceStartHour = 0.0
    /// Spot zones per accelerator type (trace markets fix their own).
    public var zones = 1
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
    /// The Ornstein–Uhlenbeck market's parameters.
    public var ou = OrnsteinUhlenbeckMarket()
    /// Spot reclaim hazard per instance-hour of every type (nil: each type's).
    public var preemptionRate: Double?
    /// Multiplier of every type's own reclaim hazard, which keeps the
    /// types' differences (unlike `preemptionRate`).
    public var hazardScale = 1.0
    /// How a trace market prices types other than the one it measured.
    public var traceOtherTypes = TracePricing.refuse

    /// Every default.
    public init() {}
  }

  /// Links, durable storage and egress.
  public struct NetworkSettings: Sendable {
    /// Network Gbit/s of every type (nil: each type's own).
    public var bandwidthGbps: Double?
    /// Multiplier of every type's own link speed, which keeps the types'
    /// differences (unlike `bandwidthGbps`).
    public var bandwidthScale = 1.0
    /// Cross-region and cross-continent throughput, Gbit/s (nil: catalog).
    public var crossRegionGbps: Double?
    public var crossContinentGbps: Double?
    /// Egress $/GB between regions the table does not list (nil: catalog).
    public var egressPerGB: Double?
    /// Throughput of durable checkpoint storage, Gbit/s (restores read at
    /// the slower of this and the target's link).
    public var storageGbps = Scenario.defaultStorageGbps

    /// Every default.
    public init() {}
  }

  /// What only the fleet simulator reads: its instances, tasks,
  /// checkpoints, moves and bound.
  public struct FleetSettings: Sendable {
    /// Simulated hours; work running then is unfinished.
    public var horizonHours = 72.0
    /// Launch-to-ready delay of every type, seconds (nil: each type's own).
    public var bootSeconds: Double?
    /// The migration strategy, by name.
    public var migration = "naive"
    public var idleTimeoutHours = 0.1
    public var checkpointFull = 0.8
    public var checkpointPartial = 0.3
    /// How a checkpoint's transfer ratio becomes saved progress.
    public var checkpointModel = CheckpointModel.bands
    /// A named fleet (from the spec's or the catalog's `fleets:`), replacing
    /// `accelerators` when set.
    public var fleetName: String?
    /// Fleets a spec defines, by name.
    public var namedFleets: [String: [String]] = [:]
    public var tasks = 200
    public var arrivals = "uniform"
    public var arrivalFraction = 0.8
    public var kinds: [WorkloadKind: KindProfile] = [.training: .training]
    public var stateMiB: Double?
    /// Model weights every start loads, GiB, for every kind (nil: the kinds' own).
    public var weightsGiB: Double?
    public var memoryGiB: Double?
    public var deadlineSlack: Double?
    public var migrationCost = MigrationCostModel()
    /// Solve the offline lower bound (`FleetBound`) of the runs of
    /// replicates numbered below this (0: none; `Int.max`: every one).
    public var boundReplicates = 0

    /// Every default.
    public init() {}
  }

  /// What only the deadline-job model reads: the job's deadline and
  /// overhead, its window of zones, its checkpoint, probing and places.
  public struct DeadlineJobSettings: Sendable {
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
    /// Hours of running between periodic checkpoints (0: progress kept as
    /// it is made).
    public var checkpointIntervalHours = 0.0
    /// Whether `synkti-value` bridges outages on on-demand it expects to
    /// need anyway.
    public var valueBridgesOutages = ValuePolicy().bridgesOutages

    /// Every default.
    public init() {}
  }

  /// Forecasters, and the fleet's proactive moves that act on them.
  public struct ForecastSettings: Sendable {
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

    /// Every default.
    public init() {}
  }
}
