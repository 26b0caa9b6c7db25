/// Everything a run depends on besides the code: a run is a pure function of
/// its scenario (which includes the seed).
public struct Scenario: Sendable {
  /// Simulated hours; work still running then is reported unfinished.
  public var horizon: Double
  /// Accelerator types the fleet may use, in catalog order.
  public var fleet: [AcceleratorType]
  /// Spot zones per accelerator type (a trace market fixes its own count).
  public var zones: Int
  /// How spot prices and reclaims are drawn.
  public var market: any SpotMarket
  /// The tasks to run.
  public var workload: WorkloadSpec
  /// Grace-period checkpoint thresholds.
  public var checkpoint: CheckpointPlanner
  /// Hours an idle instance is kept before release (0: at once).
  public var idleTimeout: Double
  /// Spot versus on-demand decisions.
  public var policy: any SchedulingPolicy
  /// Where displaced tasks go.
  public var migration: any MigrationPlanner
  /// The cost migration planners minimise.
  public var migrationCost: MigrationCostModel
  /// Paths between regions: bandwidth and egress. Its in-region figure is
  /// the throughput of the durable storage checkpoints are read back from.
  public var network: NetworkModel
  /// Zones, regions and continents; nil: every zone in one region (trace
  /// markets name their zones, and regions are derived from the names).
  public var geography: Geography?
  /// Spot instances per pool.
  public var spotCapacity: SpotCapacity
  /// Zone-wide capacity crunches (synthetic markets).
  public var crunches: CrunchModel
  /// How synthetic zones differ.
  public var zoneVariation: ZoneVariation
  /// Forecast-driven moves before the warning (trace markets); nil: every
  /// move reacts to a warning.
  public var proactive: ProactiveHandling? = nil
  /// Whether a run also solves its offline lower bound (`FleetBound`),
  /// reported as `lowerBoundCost` and `gapToBound`.
  public var computesLowerBound = false

  /// In-region storage throughput, Gbit/s: a restore runs at the slower of
  /// this (or the cross-region path) and the target's link.
  public var storageGbps: Double {
    get { network.inRegionGbps }
    set { network.inRegionGbps = newValue }
  }
  /// Root seed of the replicate.
  public var seed: UInt64

  /// Creates a scenario; defaults follow DESIGN.md.
  public init(
    horizon: Double, fleet: [AcceleratorType], zones: Int = 1,
    market: any SpotMarket = PoissonMarket(), workload: WorkloadSpec,
    checkpoint: CheckpointPlanner = CheckpointPlanner(), idleTimeout: Double = 0.1,
    policy: any SchedulingPolicy = GreedyPolicy(),
    migration: any MigrationPlanner = NaiveMigration(),
    migrationCost: MigrationCostModel = MigrationCostModel(),
    storageGbps: Double = Scenario.defaultStorageGbps, network: NetworkModel? = nil,
    geography: Geography? = nil, spotCapacity: SpotCapacity = .unlimited,
    crunches: CrunchModel = .none, zoneVariation: ZoneVariation = .none, seed: UInt64 = 1
  ) {
    precondition(horizon > 0 && !fleet.isEmpty && zones >= 1 && idleTimeout >= 0)
    self.horizon = horizon
    self.fleet = fleet
    self.zones = zones
    self.market = market
    self.workload = workload
    self.checkpoint = checkpoint
    self.idleTimeout = idleTimeout
    self.policy = policy
    self.migration = migration
    self.migrationCost = migrationCost
    var network = network ?? NetworkModel()
    // `storageGbps` is the older spelling of the in-region figure.
    if storageGbps != Scenario.defaultStorageGbps { network.inRegionGbps = storageGbps }
    self.network = network
    self.geography = geography
    self.spotCapacity = spotCapacity
    self.crunches = crunches
    self.zoneVariation = zoneVariation
    self.seed = seed
  }

  /// Object-store throughput from one instance within its region, Gbit/s:
  /// 9.72, measured S3 throughput in the SkyNomad artifact
  /// (`sky_spot/migration_model.py`, see `Experiments/data/README.md`).
  public static let defaultStorageGbps = 9.72
}

/// The named random streams of a replicate; see `SeedDerivation`.
enum SeedStream: UInt64 {
  case workload = 1
  case market = 2
  case reclaim = 3
  case zoneVariation = 4
  case crunch = 5
  case crunchRank = 6
  /// A randomized deadline policy's draws (`Ross`), one stream per draw.
  case policy = 7
}
