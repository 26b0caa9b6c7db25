/// Words and units for the scenario parameters figures draw along an axis
/// (kept here, not in the model's sources, so a label never changes the
/// model's fingerprint).
public enum AxisLabel {
  /// A figure's axis label for the parameter `key`: words with units where
  /// a paper spec sweeps it, else the key itself.
  public static func words(_ key: String) -> String { table[key] ?? key }

  /// The legend of series drawn per value of `keys`: above the plot,
  /// titled by the keys' words (joined by " · "). Below it, under the x
  /// axis's label, it read as titled by that label.
  static func keyTitle(_ keys: [String]) -> String {
    "set key above title \(Figures.quoted(keys.map(words).joined(separator: " · "))) noenhanced"
  }

  /// The labels of the keys paper specs sweep (every key is a parameter;
  /// a test keeps it so).
  static let table: [String: String] = [
    "bandwidth_gbps": "Bandwidth (Gbit/s)",
    "checkpoint_gb": "Checkpoint size (GB)",
    "checkpoint_interval_hours": "Hours between periodic checkpoints (0: progress kept as made)",
    "checkpoint_model": "Checkpoint model",
    "chips": "Other accelerator types the job may use (null: its own only)",
    "crunch_fraction": "Share of spot instances a crunch reclaims",
    "deadline_hours": "Deadline (h)",
    "deadline_slack": "Deadline slack (× runtime)",
    "fleet": "Fleet",
    "forecast_noise": "Forecast noise of the noisy oracle (0 = truth, 1 = no information)",
    "forecaster": "Forecaster",
    "grace_seconds": "Reclaim warning (s)",
    "market": "Market",
    "migration": "Migration strategy",
    "on_demand_ratio": "K = on-demand price ÷ mean spot price",
    "policy": "Policy",
    "preemption_rate": "Reclaim rate (1/h)",
    "proactive_test": "Proactive test",
    "proactive_threshold": "Proactive threshold (loss probability)",
    "regions": "Regions",
    "restart_overhead_hours": "Restart overhead (h)",
    "spot_capacity": "Spot capacity (instances per type and zone)",
    "state_mib": "Task state (MiB)",
    "trace_start_hour": "Trace start (h)",
    "trace_zone": "Trace zone",
    "trace_zones": "Trace zones of the job's own type",
    "value_bridge_outages": "Value policy bridges outages on on-demand",
    "value_memory_hours": "Value policy's memory (h)",
    "value_prior_hours": "Value policy's prior (h)",
    "workload": "Workload",
    "zone_regions": "Zone regions",
  ]
}
