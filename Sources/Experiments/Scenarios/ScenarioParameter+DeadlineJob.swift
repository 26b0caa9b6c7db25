import Foundation
import Simulation

extension ScenarioParameter {
  /// The deadline job: its deadline, overhead, zones, checkpoint and how
  /// its policy observes spot, in documentation order.
  static let deadlineJob: [ScenarioParameter] = [
    .init(
      key: "deadline_hours", models: [.deadlineJob],
      summary: "deadline-job: deadline, hours from the window start",
      apply: {
        $0.deadlineJob.deadlineHours = try number($1, in: ScenarioLimits.hours, positive: true)
      },
      read: { "\($0.deadlineJob.deadlineHours)" }),
    .init(
      key: "restart_overhead_hours", models: [.deadlineJob],
      summary: "deadline-job: overhead d charged on every start",
      apply: { $0.deadlineJob.restartOverheadHours = try number($1, in: ScenarioLimits.hours) },
      read: { "\($0.deadlineJob.restartOverheadHours)" }),
    .init(
      key: "trace_zone", models: [.deadlineJob],
      summary: "deadline-job: the trace zone to replay (e.g. us-east-1a)",
      apply: { $0.deadlineJob.traceZone = ["", "null", "none", "~"].contains($1) ? nil : $1 },
      read: { $0.deadlineJob.traceZone ?? "null" }),
    .init(
      key: "trace_zones", models: [.deadlineJob],
      summary: "deadline-job: the trace zones one job may move between (multi-region)",
      apply: { config, text in
        guard let zones = list(text) else {
          config.deadlineJob.traceZones = nil
          return
        }
        guard !zones.isEmpty, zones.allSatisfy({ !$0.isEmpty }) else {
          throw Invalid(expected: "a list of trace zone names (or null)")
        }
        config.deadlineJob.traceZones = zones
      }, read: { showList($0.deadlineJob.traceZones) }),
    .init(
      key: "zone_order", models: [.deadlineJob],
      summary: "deadline-job: an ordered list of trace zones for `regions: N`",
      apply: { config, text in
        guard let zones = list(text) else {
          config.deadlineJob.zoneOrder = nil
          return
        }
        guard !zones.isEmpty, zones.allSatisfy({ !$0.isEmpty }) else {
          throw Invalid(expected: "a list of trace zone names (or null)")
        }
        config.deadlineJob.zoneOrder = zones
      }, read: { showList($0.deadlineJob.zoneOrder) }),
    .init(
      key: "regions", models: [.deadlineJob],
      summary: "deadline-job: use the first N zones of zone_order",
      apply: { config, text in
        config.deadlineJob.regions =
          ["", "null", "none", "~"].contains(text) ? nil : try whole(text, in: ScenarioLimits.zones)
      }, read: { $0.deadlineJob.regions.map(String.init) ?? "null" }),
    .init(
      key: "checkpoint_gb", models: [.deadlineJob],
      summary:
        "deadline-job: checkpoint GB moved on every change of zone, and written at each periodic checkpoint",
      apply: { $0.deadlineJob.checkpointGB = try number($1, in: 0...1_000_000) },
      read: { "\($0.deadlineJob.checkpointGB)" }),
    .init(
      key: "checkpoint_interval_hours", models: [.deadlineJob],
      summary:
        "deadline-job: 0 = progress kept as made; > 0 = a checkpoint every this many hours of running, and a reclaim whose grace period (grace_seconds, by type) is too short to write checkpoint_gb loses the work since the last one",
      apply: {
        $0.deadlineJob.checkpointIntervalHours = try number($1, in: ScenarioLimits.hours)
      },
      read: { "\($0.deadlineJob.checkpointIntervalHours)" }),
    .init(
      key: "probe_interval_hours", models: [.deadlineJob], baselineReads: false,
      summary:
        "deadline-job: 0 = free probing (every zone seen every tick, nothing billed); published = a policy sees a zone only where it runs, launches or probes, and UP(A)/UP(AP) probe at their published 2 h/1 h; > 0 = the same, every policy that probes at this interval",
      apply: {
        $0.deadlineJob.probeIntervalHours =
          $1 == "published" ? nil : try number($1, in: ScenarioLimits.hours)
      },
      read: { $0.deadlineJob.probeIntervalHours.map { "\($0)" } ?? "published" }),
    .init(
      key: "probe_billed_seconds", models: [.deadlineJob], baselineReads: false,
      summary:
        "deadline-job: seconds of spot billed for a probe that finds spot (modelled probing)",
      apply: { $0.deadlineJob.probeBilledSeconds = try number($1, in: 0...3600) },
      read: { "\($0.deadlineJob.probeBilledSeconds)" }),
    .init(
      key: "value_memory_hours", models: [.deadlineJob], baselineReads: false,
      summary:
        "synkti-value / synkti-forecast: half-life of the history a zone's estimate is fitted on, hours (inf: no forgetting)",
      apply: {
        $0.deadlineJob.valueMemoryHours =
          $1 == "inf" ? .infinity : try number($1, in: ScenarioLimits.hours, positive: true)
      },
      read: { "\($0.deadlineJob.valueMemoryHours)" }),
    .init(
      key: "value_prior_hours", models: [.deadlineJob], baselineReads: false,
      summary:
        "synkti-value / synkti-forecast: weight of the neutral prior (half a spot run, half an outage), hours",
      apply: {
        $0.deadlineJob.valuePriorHours = try number($1, in: ScenarioLimits.hours, positive: true)
      },
      read: { "\($0.deadlineJob.valuePriorHours)" }),
    .init(
      key: "value_bridge_outages", models: [.deadlineJob], baselineReads: false,
      summary:
        "synkti-value / synkti-forecast: bridge a wait for a zone's outage on on-demand when the plan expects to need that much on-demand anyway: true | false",
      apply: {
        guard let b = Bool($1) else { throw Invalid(expected: "true or false") }
        $0.deadlineJob.valueBridgesOutages = b
      },
      read: { "\($0.deadlineJob.valueBridgesOutages)" }),
    .init(
      key: "on_demand_ratio", models: [.deadlineJob],
      summary:
        "deadline-job: on-demand priced at K times the first zone's mean spot price over the window, in every region (null: the catalog's or the traces' price)",
      apply: {
        $0.deadlineJob.onDemandRatio =
          ["", "null", "none", "~"].contains($1) ? nil : try number($1, in: 1...1000)
      },
      read: { $0.deadlineJob.onDemandRatio.map { "\($0)" } ?? "null" }),
    .init(
      key: "workload", models: [.deadlineJob],
      summary:
        "deadline-job: a catalog workload profile; work_hours are then hours on `accelerator`, and each chip runs at its measured throughput relative to it (null: one type)",
      apply: {
        $0.deadlineJob.workloadProfile = ["", "null", "none", "~"].contains($1) ? nil : $1
      },
      read: { $0.deadlineJob.workloadProfile ?? "null" }),
    .init(
      key: "chips", models: [.deadlineJob],
      summary:
        "deadline-job: other accelerator types the job may run on (with workload), each one spot zone with synthetic reclaims at its catalog hazard and its on-demand: a list of names, all (every feasible type: it runs the workload and alone could finish the job by the deadline), or cheapest:N (the N feasible ones whose unit of work is cheapest on spot); null: the accelerator alone",
      apply: { config, text in
        guard let names = list(text) else {
          config.deadlineJob.chips = nil
          return
        }
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty }) else {
          throw Invalid(expected: "a list of catalog accelerator names (or null)")
        }
        config.deadlineJob.chips = names
      }, read: { showList($0.deadlineJob.chips) }),
  ]
}
