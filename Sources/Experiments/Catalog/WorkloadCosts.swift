import Simulation

/// What a unit of a workload's work costs on each accelerator type of a
/// catalog, on spot and on-demand: the table `synkti catalog --workloads`
/// prints, cheapest spot first, then the types that cannot run it.
public struct WorkloadCosts: Sendable {
  /// One type's line.
  public struct Entry: Sendable, Hashable {
    /// The accelerator type.
    public var type: AcceleratorType
    /// Whether and how fast it runs the workload.
    public var fit: WorkloadProfile.Fit
    /// Dollars per unit of work on spot (nil: cannot run).
    public var spotPerWork: Double?
    /// Dollars per unit of work on on-demand (nil: cannot run).
    public var onDemandPerWork: Double?
  }

  /// The workload.
  public var workload: WorkloadProfile
  /// Types that run it, by spot cost per unit of work (then on-demand cost,
  /// then name); then those that cannot, in catalog order.
  public var entries: [Entry]

  /// The costs of `workload` on every type of `catalog`.
  public init(_ workload: WorkloadProfile, catalog: AcceleratorCatalog) {
    self.workload = workload
    let all = catalog.types.map { type in
      Entry(
        type: type, fit: workload.fit(type),
        spotPerWork: workload.costPerWork(type, pricePerHour: type.spotPrice),
        onDemandPerWork: workload.costPerWork(type, pricePerHour: type.onDemandPrice))
    }
    let runs = all.filter { $0.spotPerWork != nil }.sorted {
      ($0.spotPerWork!, $0.onDemandPerWork!, $0.type.name)
        < ($1.spotPerWork!, $1.onDemandPerWork!, $1.type.name)
    }
    entries = runs + all.filter { $0.spotPerWork == nil }
  }

  /// The types that run the workload, cheapest spot first.
  public var feasible: [Entry] { entries.filter { $0.spotPerWork != nil } }
}
