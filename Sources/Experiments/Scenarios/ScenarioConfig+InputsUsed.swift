import Simulation

extension ScenarioConfig {
  /// The parameters `inputsUsed` can fill in.
  public static let derivableKeys = [
    "preemption_rate", "bandwidth_gbps", "grace_seconds", "boot_seconds", "cross_region_gbps",
    "cross_continent_gbps", "egress_usd_per_gb", "state_mib", "weights_gib", "memory_gib",
  ]

  /// The value the model uses for each parameter this config leaves unset
  /// and the model reads from elsewhere — the fleet's accelerator types
  /// (when every type has the same figure), the catalog's network, the
  /// workload kinds (when there is one) — by key, in the parameters' text
  /// form. Only keys the config's model reads; empty where nothing can be
  /// resolved (a fleet that no longer resolves, say).
  public func inputsUsed(catalog: AcceleratorCatalog) -> [String: String] {
    var used: [String: String] = [:]
    func fill(_ key: String, _ values: [Double]) {
      guard let first = values.first, values.allSatisfy({ $0 == first }),
        let parameter = ScenarioParameter.named(key), parameter.models.contains(model),
        value(of: key) == "null"
      else { return }
      used[key] = "\(first)"
    }
    if model == .fleet, let fleet = try? fleetTypes(catalog: catalog) {
      fill("preemption_rate", fleet.map(\.hazardPerHour))
      fill("bandwidth_gbps", fleet.map(\.networkGbps))
      fill("grace_seconds", fleet.map(\.graceSeconds))
      fill("boot_seconds", fleet.map { $0.bootHours * 3600 })
    }
    fill("cross_region_gbps", [catalog.network.crossRegionGbps])
    fill("cross_continent_gbps", [catalog.network.crossContinentGbps])
    fill("egress_usd_per_gb", [catalog.network.defaultEgressPerGB])
    if model == .fleet {
      let profiles = Array(fleet.kinds.values)
      fill("state_mib", profiles.map(\.state.baseMiB))
      fill("weights_gib", profiles.map(\.weightsGiB))
      fill("memory_gib", profiles.map(\.memoryGiB))
    }
    return used
  }
}
