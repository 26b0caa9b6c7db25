/// One kind of accelerator instance a provider rents out.
///
/// Prices are per instance-hour; an instance offers `gpusPerInstance` slots,
/// and each task occupies one slot (one GPU) whose memory must hold the
/// task's footprint.
public struct AcceleratorType: Sendable, Hashable {
  /// Catalog name, e.g. `H100-80GB`.
  public var name: String
  /// Cloud provider label (`aws`, `gcp`, `azure`, or anything for custom types).
  public var provider: String
  /// GPUs (task slots) per instance.
  public var gpusPerInstance: Int
  /// Memory per GPU in GiB.
  public var memoryPerGPUGiB: Double
  /// Network bandwidth of the instance in Gbit/s.
  public var networkGbps: Double
  /// On-demand price in $ per instance-hour.
  public var onDemandPrice: Double
  /// Mean spot price in $ per instance-hour.
  public var spotPrice: Double
  /// Base spot interruption hazard per instance-hour.
  public var hazardPerHour: Double
  /// Notice between a reclaim warning and termination, in seconds.
  public var graceSeconds: Double
  /// Launch-to-ready delay in hours (billed).
  public var bootHours: Double
  /// Throughput relative to the reference accelerator (work-hours per hour).
  public var relativeSpeed: Double
  /// Spot instances of this type per zone (nil: unlimited, or as the
  /// scenario says).
  public var spotCapacity: Int?

  /// Creates an accelerator type; every figure is explicit.
  public init(
    name: String, provider: String = "custom", gpusPerInstance: Int = 1,
    memoryPerGPUGiB: Double, networkGbps: Double, onDemandPrice: Double,
    spotPrice: Double, hazardPerHour: Double, graceSeconds: Double,
    bootHours: Double, relativeSpeed: Double = 1, spotCapacity: Int? = nil
  ) {
    self.name = name
    self.provider = provider
    self.gpusPerInstance = gpusPerInstance
    self.memoryPerGPUGiB = memoryPerGPUGiB
    self.networkGbps = networkGbps
    self.onDemandPrice = onDemandPrice
    self.spotPrice = spotPrice
    self.hazardPerHour = hazardPerHour
    self.graceSeconds = graceSeconds
    self.bootHours = bootHours
    self.relativeSpeed = relativeSpeed
    self.spotCapacity = spotCapacity
  }

  /// The grace period in hours.
  public var graceHours: Double { Units.hours(seconds: graceSeconds) }

  /// Converts an interruption frequency band — the share of instances
  /// interrupted over a trailing month — into a constant hourly hazard.
  ///
  /// If a fraction `p` of instances is interrupted within a month of `H`
  /// hours under a constant hazard λ, then `1 - exp(-λH) = p`, so
  /// `λ = -ln(1 - p) / H`. The month is 730 h (8,760 h / 12).
  public static func hourlyHazard(monthlyInterruptedFraction p: Double) -> Double {
    precondition(p >= 0 && p < 1, "fraction must be in [0, 1)")
    return -_log1p(-p) / 730.0
  }
}
