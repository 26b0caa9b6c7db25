import Foundation
import Simulation

extension ScenarioParameter {
  /// The fleet, its market, network, checkpoints and zones, in
  /// documentation order.
  static let market: [ScenarioParameter] = [
    .init(
      key: "name", models: [.fleet, .deadlineJob], summary: "scenario name",
      apply: { $0.name = $1 }, read: { $0.name }),
    .init(
      key: "description", models: [.fleet, .deadlineJob], summary: "free text",
      apply: { $0.description = $1 },
      read: { $0.description }),
    .init(
      key: "horizon_hours", summary: "simulated hours; work running then is unfinished",
      apply: { $0.fleet.horizonHours = try number($1, in: ScenarioLimits.hours, positive: true) },
      read: { "\($0.fleet.horizonHours)" }),
    .init(
      key: "seed", models: [.fleet, .deadlineJob],
      summary: "root seed of the replicate (a whole number ≥ 0)",
      apply: {
        guard let s = UInt64($1) else { throw Invalid(expected: "a whole number ≥ 0") }
        $0.seed = s
      }, read: { "\($0.seed)" }),
    .init(
      key: "accelerator", models: [.fleet, .deadlineJob],
      summary: "a one-type fleet: a catalog name (e.g. H100-80GB)",
      apply: {
        guard !$1.isEmpty else { throw Invalid(expected: "a catalog name") }
        $0.accelerators = [.named($1)]
      },
      read: { config in
        config.accelerators.map {
          switch $0 {
          case .named(let n): return n
          case .inline(let t): return t.name
          }
        }.joined(separator: "+")
      }),
    .init(
      key: "zones", summary: "spot zones per accelerator type (trace markets fix their own)",
      apply: { $0.market.zones = try whole($1, in: ScenarioLimits.zones) },
      read: { "\($0.market.zones)" }),
    .init(
      key: "market", models: [.fleet, .deadlineJob],
      summary: "poisson | ou | trace:PATH (a trace file or directory)",
      apply: {
        guard ["poisson", "ou"].contains($1) || ($1.hasPrefix("trace:") && $1.count > 6) else {
          throw Invalid(expected: "poisson, ou or trace:PATH")
        }
        $0.market.kind = $1
      }, read: { $0.market.kind }),
    .init(
      key: "trace_start_hour", models: [.fleet, .deadlineJob],
      summary: "hours into each trace where replay starts",
      apply: { $0.market.traceStartHour = try number($1, in: ScenarioLimits.hours) },
      read: { "\($0.market.traceStartHour)" }),
    .init(
      key: "preemption_rate", baselineReads: false,
      summary: "spot reclaim hazard per instance-hour, for every type",
      apply: {
        $0.market.preemptionRate = try optionalNumber($1, in: ScenarioLimits.hazardPerHour)
      },
      read: { show($0.market.preemptionRate) }),
    .init(
      key: "bandwidth_gbps", baselineReads: false, summary: "network Gbit/s of every type",
      apply: { $0.network.bandwidthGbps = try optionalNumber($1, in: ScenarioLimits.gbps) },
      read: { show($0.network.bandwidthGbps) }),
    .init(
      key: "grace_seconds", models: [.fleet, .deadlineJob], baselineReads: false,
      summary: "reclaim notice of every type, seconds",
      apply: { $0.graceSeconds = try optionalNumber($1, in: ScenarioLimits.seconds) },
      read: { show($0.graceSeconds) }),
    .init(
      key: "boot_seconds", summary: "launch-to-ready delay of every type, seconds",
      apply: { $0.fleet.bootSeconds = try optionalNumber($1, in: ScenarioLimits.seconds) },
      read: { show($0.fleet.bootSeconds) }),
    .init(
      key: "policy", models: [.fleet, .deadlineJob], baselineReads: false,
      summary: "greedy | on-demand-fallback[:k] | on-demand-only | uniform-progress",
      apply: { $0.policy = $1 }, read: { $0.policy }),
    .init(
      key: "migration", baselineReads: false, summary: "optimal | best-fit | naive | none",
      apply: { $0.fleet.migration = $1 }, read: { $0.fleet.migration }),
    .init(
      key: "idle_timeout_hours", summary: "hours an idle instance is kept before release",
      apply: { $0.fleet.idleTimeoutHours = try number($1, in: ScenarioLimits.hours) },
      read: { "\($0.fleet.idleTimeoutHours)" }),
    .init(
      key: "checkpoint_full", baselineReads: false,
      summary: "transfer ratio at or above which a checkpoint is full",
      apply: { $0.fleet.checkpointFull = try number($1, in: ScenarioLimits.factor) },
      read: { "\($0.fleet.checkpointFull)" }),
    .init(
      key: "checkpoint_partial", baselineReads: false,
      summary: "transfer ratio at or above which it is partial",
      apply: { $0.fleet.checkpointPartial = try number($1, in: ScenarioLimits.factor) },
      read: { "\($0.fleet.checkpointPartial)" }),
    .init(
      key: "checkpoint_model", baselineReads: false,
      summary:
        "bands (litepaper: ≥ full keeps all) | proportional (keeps min(1, ratio)) | none (always restart)",
      apply: { $0.fleet.checkpointModel = try choice($1) },
      read: { $0.fleet.checkpointModel.rawValue }),
    .init(
      key: "storage_gbps", models: [.fleet, .deadlineJob], baselineReads: false,
      summary: "checkpoint storage Gbit/s; restores read at min(link, this)",
      apply: { $0.network.storageGbps = try number($1, in: ScenarioLimits.gbps) },
      read: { "\($0.network.storageGbps)" }),
    .init(
      key: "trace_other_types",
      summary: "refuse | scaled: price other types on a trace at own spot × relative trace price",
      apply: { $0.market.traceOtherTypes = try choice($1) },
      read: { $0.market.traceOtherTypes.rawValue }),
    .init(
      key: "fleet",
      summary: "a named fleet from the spec's or catalog's fleets: (replaces accelerators)",
      apply: { $0.fleet.fleetName = ["", "null", "none", "~"].contains($1) ? nil : $1 },
      read: { $0.fleet.fleetName ?? "null" }),
    .init(
      key: "zone_regions",
      summary: "region of each synthetic zone, e.g. us-east-1,us-east-1,eu-west-1 (sets zones)",
      apply: { config, text in
        guard let regions = list(text) else {
          config.market.zoneRegions = nil
          return
        }
        guard !regions.isEmpty, regions.count <= ScenarioLimits.zones.upperBound,
          regions.allSatisfy({ !$0.isEmpty })
        else { throw Invalid(expected: "a list of region names (or null)") }
        config.market.zoneRegions = regions
        config.market.zones = regions.count
      }, read: { showList($0.market.zoneRegions) }),
    .init(
      key: "spot_capacity", summary: "spot instances per (type, zone); null: unlimited",
      apply: { config, text in
        config.market.spotCapacity =
          try optionalNumber(text, in: 0...1e9).map { v in
            guard v == v.rounded() else { throw Invalid(expected: "a whole number (or null)") }
            return Int(v)
          }
      }, read: { $0.market.spotCapacity.map(String.init) ?? "null" }),
    .init(
      key: "zone_spot_capacity",
      summary: "spot capacity per zone, e.g. 10,-,4 (- falls through to spot_capacity)",
      apply: { config, text in
        guard let items = list(text) else {
          config.market.zoneSpotCapacity = []
          return
        }
        config.market.zoneSpotCapacity = try items.map { item in
          if item == "-" { return nil }
          guard let v = Int(item), v >= 0, v <= 1_000_000_000 else {
            throw Invalid(expected: "a list of whole numbers ≥ 0 or - (or null)")
          }
          return v
        }
      },
      read: { config in
        config.market.zoneSpotCapacity.isEmpty
          ? "null"
          : config.market.zoneSpotCapacity.map { $0.map(String.init) ?? "-" }.joined(separator: ",")
      }),
    .init(
      key: "crunch_rate_per_hour", summary: "zone-wide capacity crunches per zone per hour",
      apply: { $0.market.crunches.ratePerHour = try number($1, in: ScenarioLimits.hazardPerHour) },
      read: { "\($0.market.crunches.ratePerHour)" }),
    .init(
      key: "crunch_fraction", summary: "share of a zone's spot instances a crunch reclaims",
      apply: { $0.market.crunches.fraction = try number($1, in: 0...1) },
      read: { "\($0.market.crunches.fraction)" }),
    .init(
      key: "crunch_hours", summary: "hours a crunch keeps the zone's capacity reduced",
      apply: { $0.market.crunches.hours = try number($1, in: ScenarioLimits.hours) },
      read: { "\($0.market.crunches.hours)" }),
    .init(
      key: "zone_price_spread", summary: "σ of each synthetic zone's log price multiplier",
      apply: { $0.market.zoneVariation.priceSpread = try number($1, in: 0...3) },
      read: { "\($0.market.zoneVariation.priceSpread)" }),
    .init(
      key: "zone_hazard_spread", baselineReads: false,
      summary: "σ of each synthetic zone's log hazard multiplier",
      apply: { $0.market.zoneVariation.hazardSpread = try number($1, in: 0...3) },
      read: { "\($0.market.zoneVariation.hazardSpread)" }),
    .init(
      key: "zone_price_scale", summary: "explicit price multiplier per zone, e.g. 1,1.4,0.8",
      apply: { $0.market.zoneVariation.priceScale = try numbers($1, in: 0.001...1000) },
      read: { showList($0.market.zoneVariation.priceScale?.map { "\($0)" }) }),
    .init(
      key: "zone_hazard_scale", baselineReads: false,
      summary: "explicit hazard multiplier per zone, e.g. 1,3,0.5",
      apply: { $0.market.zoneVariation.hazardScale = try numbers($1, in: 0...1000) },
      read: { showList($0.market.zoneVariation.hazardScale?.map { "\($0)" }) }),
    .init(
      key: "cross_region_gbps", models: [.fleet, .deadlineJob], baselineReads: false,
      summary: "restore Gbit/s across regions of one continent",
      apply: { $0.network.crossRegionGbps = try optionalNumber($1, in: ScenarioLimits.gbps) },
      read: { show($0.network.crossRegionGbps) }),
    .init(
      key: "cross_continent_gbps", models: [.fleet, .deadlineJob], baselineReads: false,
      summary: "restore Gbit/s across continents",
      apply: { $0.network.crossContinentGbps = try optionalNumber($1, in: ScenarioLimits.gbps) },
      read: { show($0.network.crossContinentGbps) }),
    .init(
      key: "egress_usd_per_gb", models: [.fleet, .deadlineJob], baselineReads: false,
      summary: "egress $/GB between regions the egress table lacks",
      apply: { $0.network.egressPerGB = try optionalNumber($1, in: 0...100) },
      read: { show($0.network.egressPerGB) }),
    .init(
      key: "bandwidth_scale", baselineReads: false,
      summary: "multiplies every type's own link speed (keeps differences)",
      apply: { $0.network.bandwidthScale = try number($1, in: 0.001...1000) },
      read: { "\($0.network.bandwidthScale)" }),
    .init(
      key: "hazard_scale", baselineReads: false,
      summary: "multiplies every type's own reclaim hazard (keeps differences)",
      apply: { $0.market.hazardScale = try number($1, in: 0...1000) },
      read: { "\($0.market.hazardScale)" }),
  ]

  /// The synthetic market, the workload, migration weights, the deadline
  /// job and forecasts, in documentation order.
  static let workload: [ScenarioParameter] = [
    .init(
      key: "ou_reversion", summary: "OU mean reversion per hour",
      apply: { $0.market.ou.reversion = try number($1, in: 0...1_000, positive: true) },
      read: { "\($0.market.ou.reversion)" }),
    .init(
      key: "ou_volatility", summary: "OU volatility, fraction of mean per √hour",
      apply: { $0.market.ou.volatility = try number($1, in: 0...100) },
      read: { "\($0.market.ou.volatility)" }),
    .init(
      key: "ou_daily_amplitude", summary: "OU daily cycle amplitude, fraction of mean",
      apply: {
        $0.market.ou.dailyAmplitude = try number($1, "a number in [0, 1)", { $0 >= 0 && $0 < 1 })
      },
      read: { "\($0.market.ou.dailyAmplitude)" }),
    .init(
      key: "ou_hazard_sensitivity", baselineReads: false,
      summary: "κ: hazard is e^κ times base at on-demand price",
      apply: {
        $0.market.ou.hazardSensitivity = try number($1, in: ScenarioLimits.hazardSensitivity)
      },
      read: { "\($0.market.ou.hazardSensitivity)" }),
    .init(
      key: "tasks", summary: "number of tasks",
      apply: { $0.fleet.tasks = try whole($1, in: ScenarioLimits.tasks) },
      read: { "\($0.fleet.tasks)" }),
    .init(
      key: "arrivals", summary: "uniform | poisson | batch",
      apply: {
        guard ["uniform", "poisson", "batch"].contains($1) else {
          throw Invalid(expected: "uniform, poisson or batch")
        }
        $0.fleet.arrivals = $1
      }, read: { $0.fleet.arrivals }),
    .init(
      key: "arrival_fraction", summary: "arrivals fall in the first fraction of the horizon",
      apply: {
        $0.fleet.arrivalFraction = try number($1, "a number in (0, 1]", { $0 > 0 && $0 <= 1 })
      },
      read: { "\($0.fleet.arrivalFraction)" }),
    .init(
      key: "work_hours", models: [.fleet, .deadlineJob],
      summary: "uniform(a,b) | exponential(mean) | constant(x), reference hours",
      apply: { $0.work = try DurationDistribution(parsing: $1) },
      read: { $0.work.text }),
    .init(
      key: "state_mib", summary: "checkpoint state of every kind, MiB (growth kept)",
      apply: { $0.fleet.stateMiB = try optionalNumber($1, in: ScenarioLimits.stateMiB) },
      read: { show($0.fleet.stateMiB) }),
    .init(
      key: "weights_gib", summary: "model weights every start loads, GiB, for every kind",
      apply: { $0.fleet.weightsGiB = try optionalNumber($1, in: ScenarioLimits.memoryGiB) },
      read: { show($0.fleet.weightsGiB) }),
    .init(
      key: "memory_gib", summary: "GPU memory footprint of every kind, GiB",
      apply: {
        $0.fleet.memoryGiB = try optionalNumber($1, in: ScenarioLimits.memoryGiB, positive: true)
      },
      read: { show($0.fleet.memoryGiB) }),
    .init(
      key: "deadline_slack",
      summary: "deadline = arrival + slack × runtime on the fastest fitting type (null: none)",
      apply: {
        $0.fleet.deadlineSlack = try optionalNumber($1, in: ScenarioLimits.factor, positive: true)
      },
      read: { show($0.fleet.deadlineSlack) }),
    .init(
      key: "migration_price_weight", baselineReads: false,
      summary: "weight of target dollars in migration cost",
      apply: { $0.fleet.migrationCost.priceWeight = try number($1, in: ScenarioLimits.factor) },
      read: { "\($0.fleet.migrationCost.priceWeight)" }),
    .init(
      key: "migration_hazard_weight", baselineReads: false,
      summary: "weight of expected reclaim rework",
      apply: { $0.fleet.migrationCost.hazardWeight = try number($1, in: ScenarioLimits.factor) },
      read: { "\($0.fleet.migrationCost.hazardWeight)" }),
    .init(
      key: "model", models: [.fleet, .deadlineJob],
      summary: "fleet | deadline-job (one job on one zone's trace or several, tick by tick)",
      apply: {
        guard let kind = ModelKind(rawValue: $1) else {
          throw Invalid(expected: "fleet or deadline-job")
        }
        $0.model = kind
      }, read: { $0.model.rawValue }),
    .init(
      key: "forecaster", models: [.fleet, .deadlineJob], baselineReads: false,
      summary:
        "synkti-forecast's (deadline-job) or proactive_threshold's (fleet) forecaster: \(Forecasters.names.joined(separator: " | "))",
      apply: { config, text in
        guard Forecasters.names.contains(text) else {
          throw Invalid(expected: "one of \(Forecasters.names.joined(separator: ", "))")
        }
        config.forecast.forecaster = text
      }, read: { $0.forecast.forecaster }),
    .init(
      key: "forecast_noise", models: [.fleet, .deadlineJob], baselineReads: false,
      summary: "noisy-oracle's noise, 0 (truth) to 1 (no information)",
      apply: { $0.forecast.forecastNoise = try number($1, in: 0...1) },
      read: { "\($0.forecast.forecastNoise)" }),
    .init(
      key: "train_until_hour", models: [.fleet, .deadlineJob], baselineReads: false,
      summary: "forecasters fit on [0, this) of each trace; windows must start at or after it",
      apply: {
        $0.forecast.trainUntilHour = try optionalNumber(
          $1, in: ScenarioLimits.hours, positive: true)
      },
      read: { $0.forecast.trainUntilHour.map { "\($0)" } ?? "null" }),
    .init(
      key: "proactive_threshold", baselineReads: false,
      summary:
        "fleet on a trace: move a zone's tasks before the warning when its predicted loss probability over the next interval exceeds this (null: reactive)",
      apply: {
        $0.forecast.proactiveThreshold = try optionalNumber(
          $1, "a probability in [0, 1)", { (0..<1).contains($0) })
      },
      read: { $0.forecast.proactiveThreshold.map { "\($0)" } ?? "null" }),
    .init(
      key: "proactive_interval_minutes", baselineReads: false,
      summary: "fleet: minutes between forecast reviews, and the interval a loss is predicted over",
      apply: {
        $0.forecast.proactiveIntervalMinutes = try number(
          $1, "minutes in (0, 1440]", { $0 > 0 && $0 <= 1440 })
      },
      read: { "\($0.forecast.proactiveIntervalMinutes)" }),
    .init(
      key: "proactive_test", baselineReads: false,
      summary:
        "fleet with proactive_threshold: which of a flagged zone's tasks move: threshold (every one; null is the same) | value (those whose expected loss of staying exceeds the move's cost)",
      apply: {
        $0.forecast.proactiveTest =
          ["", "null", "none", "~"].contains($1) ? nil : try choice($1) as ProactiveHandling.Test
      },
      read: { $0.forecast.proactiveTest?.rawValue ?? "null" }),
    .init(
      key: "bound", baselineReads: false,
      summary:
        "fleet: also solve each run's offline lower bound (an LP on its own realised path: lower_bound_cost, gap_to_bound): true | false | N (the first N replicates only, to bound its cost)",
      apply: {
        if let b = Bool($1) {
          $0.fleet.boundReplicates = b ? Int.max : 0
        } else {
          guard let n = Int($1), (1...1_000_000).contains(n) else {
            throw Invalid(expected: "true, false or a number of replicates in [1, 1000000]")
          }
          $0.fleet.boundReplicates = n
        }
      },
      read: {
        switch $0.fleet.boundReplicates {
        case 0: "false"
        case .max: "true"
        case let n: "\(n)"
        }
      }),
    .init(
      key: "migration_delay_weight", baselineReads: false,
      summary: "dollars per hour of resume delay",
      apply: { $0.fleet.migrationCost.delayWeight = try number($1, in: ScenarioLimits.factor) },
      read: { "\($0.fleet.migrationCost.delayWeight)" }),
  ]
}
