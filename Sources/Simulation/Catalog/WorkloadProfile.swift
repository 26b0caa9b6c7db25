/// A class of GPU work with a measured throughput on each accelerator type
/// that has one: what lets a job say which chip it should run on.
///
/// A catalog's `relative_speed` is one ratio of peak throughput for every
/// workload; a workload instead carries what was measured for it, per type.
/// A type runs the workload only where both hold: a measured figure exists
/// (no figure is never guessed from another type's), and the instance's
/// accelerator memory holds the workload's footprint.
///
/// Work is counted in the workload's own unit (e.g. a million tokens); an
/// instance's rate is the measured rate per accelerator times the
/// instance's accelerators (linear scaling within an instance, as the
/// figures come from whole servers of 1–8 accelerators).
public struct WorkloadProfile: Sendable, Hashable {
  /// Catalog name, e.g. `llama2-70b-inference`.
  public var name: String
  /// What the work is, in a sentence.
  public var summary: String
  /// The unit work is counted in, e.g. `million output tokens`.
  public var workUnit: String
  /// The unit of the measured rates, e.g. `tokens/s`.
  public var rateUnit: String
  /// How many of the rate's items make one unit of work (1,000,000 tokens
  /// per million tokens).
  public var itemsPerWorkUnit: Double
  /// Accelerator memory an instance needs to hold the workload, in GiB.
  public var memoryGiB: Double
  /// Measured items per second per accelerator, by type name.
  public var ratePerAccelerator: [String: Double]

  /// Creates a workload; rates are items per second per accelerator.
  public init(
    name: String, summary: String = "", workUnit: String, rateUnit: String,
    itemsPerWorkUnit: Double, memoryGiB: Double, ratePerAccelerator: [String: Double]
  ) {
    precondition(itemsPerWorkUnit > 0 && memoryGiB >= 0)
    precondition(ratePerAccelerator.values.allSatisfy { $0 > 0 && $0.isFinite })
    self.name = name
    self.summary = summary
    self.workUnit = workUnit
    self.rateUnit = rateUnit
    self.itemsPerWorkUnit = itemsPerWorkUnit
    self.memoryGiB = memoryGiB
    self.ratePerAccelerator = ratePerAccelerator
  }

  /// Whether, and how fast, a type runs this workload.
  public enum Fit: Sendable, Hashable {
    /// Runs at this many units of work per instance-hour.
    case runs(workPerHour: Double)
    /// No measured figure for this type: it cannot run the workload here.
    case unmeasured
    /// The instance's accelerator memory (GiB) is below the workload's.
    case tooLittleMemory(instanceGiB: Double)

    /// Units of work per instance-hour, or nil when the type cannot run it.
    public var workPerHour: Double? {
      if case .runs(let rate) = self { return rate }
      return nil
    }
  }

  /// How `type` runs this workload.
  public func fit(_ type: AcceleratorType) -> Fit {
    let instanceGiB = type.memoryPerGPUGiB * Double(type.gpusPerInstance)
    if instanceGiB < memoryGiB { return .tooLittleMemory(instanceGiB: instanceGiB) }
    guard let rate = ratePerAccelerator[type.name] else { return .unmeasured }
    return .runs(workPerHour: rate * Double(type.gpusPerInstance) * 3600 / itemsPerWorkUnit)
  }

  /// Dollars per unit of work on `type` at `pricePerHour` ($ per
  /// instance-hour), or nil when the type cannot run the workload.
  public func costPerWork(_ type: AcceleratorType, pricePerHour: Double) -> Double? {
    fit(type).workPerHour.map { pricePerHour / $0 }
  }
}
