import Experiments

/// The "Assumptions and limits" box: what the model takes for granted in
/// this experiment, generated from its model kind and spec, each point
/// linking the section of `docs/model.md` that states it in full.
extension ExperimentReport {
  /// The box, or nil when the spec file is not at hand (the report then
  /// says so under Figures).
  func assumptionsSection() -> String? {
    guard let spec, let first = spec.cells().first, let config = try? spec.config(for: first)
    else { return nil }
    let markets =
      spec.axes.first { $0.key == "market" }?.values.map(Self.marketKind) ?? [
        Self.marketKind(config.market.kind)
      ]
    // A key's value here, or the values an axis gives it.
    func setting(_ key: String, _ value: String) -> String {
      let values = spec.axes.first { $0.key == key }?.values
      return "`\(key)`: " + (values.map { $0.joined(separator: ", ") + " by axis" } ?? value)
    }
    var points: [String] = []
    switch config.model {
    case .fleet:
      points.append(
        "**Markets.** "
          + Set(markets).sorted().map { Self.marketAssumption[$0] ?? $0 }.joined(separator: " "))
      points.append(
        "**Billing.** Per instance from launch to termination at the price in force, boot and idle time included; an instance idle for its idle timeout (\(setting("idle_timeout_hours", Format.number(config.fleet.idleTimeoutHours, 2) + " h"))) is released; work still running at the horizon is billed and counted as unfinished ([Billing](../../docs/model.md#billing))."
      )
      points.append(
        "**Reclaims.** A warning gives the instance its grace period; the tasks of one host share its link to checkpoint, and the checkpoint model (\(setting("checkpoint_model", config.fleet.checkpointModel.rawValue))) turns what each moved into saved progress. On-demand is never reclaimed and always has capacity ([Grace-period checkpoints](../../docs/model.md#grace-period-checkpoints--fleetcheckpointcheckpointplannerswift))."
      )
      points.append(
        "**Limits.** Every cell of a replicate sees the same workload and market path, so differences are paired; "
          + (markets.contains("trace")
            ? "a trace is one measured sample path per start hour, not the worst case; " : "")
          + "instances fail only by reclaims.")
    case .deadlineJob:
      points.append(
        "**One job**, in ticks of its trace: each tick is billed whole at that tick's spot price, spot runs only while the trace says it is available, and every start pays the restart overhead (\(setting("restart_overhead_hours", Format.number(config.deadlineJob.restartOverheadHours, 2) + " h"))). On-demand is always available at its region's price ([Deadline jobs](../../docs/model.md))."
      )
      points.append(
        "**The optimum** (`optimal-offline`, where it runs) knows the whole window in advance: it is a bound on what any policy could pay, not a policy."
      )
      let probing = spec.axes.first { $0.key == "probe_interval_hours" }?.values
      points.append(observation(config.deadlineJob, axis: probing))
      let chips = spec.axes.contains { $0.key == "chips" } || config.deadlineJob.chips != nil
      if chips {
        points.append(
          "**Chips: measured and synthetic.** Only the `accelerator`'s zones replay measured availability; every other type (`chips`) is one spot zone whose reclaims are **synthetic**, drawn from its catalog hazard, at its catalog mean spot price. Each type runs at its measured throughput for the `workload` relative to the accelerator, and the published single-type baselines keep to the accelerator ([Choosing the chip](../../docs/model.md))."
        )
      }
      points.append(
        checkpoints(
          config, axis: spec.axes.first { $0.key == "checkpoint_interval_hours" }?.values))
      points.append(
        "**Limits.** A window is one measured availability sequence, not the adversary's worst; results cover the trace's weeks only; the job's work is fixed"
          + (chips
            ? "; a start on another type takes the restart overhead plus the difference of its catalog boot time from the accelerator's."
            : " and runs at one speed everywhere."))
    }
    return "## Assumptions and limits\n\n" + points.map { "- " + $0 + "\n" }.joined() + "\n"
  }

  /// The kind of a market value: `poisson`, `ou` or `trace`.
  static func marketKind(_ market: String) -> String {
    market.hasPrefix("trace:") ? "trace" : market
  }

  /// What each kind of market assumes.
  static let marketAssumption = [
    "poisson":
      "`poisson`: constant spot prices and a constant reclaim hazard per instance (reclaims are a Poisson process).",
    "ou":
      "`ou`: Ornstein–Uhlenbeck spot prices with a daily cycle, and a reclaim hazard that rises as spot nears on-demand.",
    "trace":
      "`trace`: measured availability and prices replayed tick by tick; losing capacity terminates an instance at the start of the unavailable tick, and after the trace ends its last state holds.",
  ]
}

extension ExperimentReport {
  /// What a deadline job's reclaim loses: nothing but a start in progress
  /// (progress kept as made), or, with periodic checkpoints, the work
  /// since the last one where the type's grace period is too short to
  /// write the checkpoint.
  func checkpoints(_ config: ScenarioConfig, axis: [String]?) -> String {
    let interval = config.deadlineJob.checkpointIntervalHours
    guard axis != nil || interval > 0 else {
      return
        "**Checkpoints.** Progress is kept as it is made (`checkpoint_interval_hours`: 0): a preemption loses only a start in progress, whatever the type's grace period."
    }
    let setting =
      axis.map { "\($0.joined(separator: ", ")) by axis" } ?? Format.number(interval, 2)
    let gb = config.deadlineJob.checkpointGB
    let written =
      catalog.map {
        let gbps = $0.network.inRegionGbps
        return
          " (\(Format.number(gb, 0)) GB, \(Format.number(gb * 8 / gbps, 0)) s at \(Format.number(gbps, 2)) Gbit/s)"
      } ?? ""
    return
      "**Checkpoints** (`checkpoint_interval_hours`: \(setting)): with 0, progress is kept as it is made; otherwise the job checkpoints every that many hours of running, writing `checkpoint_gb`\(written) to storage in its region, and a reclaim of a type whose grace period (`grace_seconds`: each type's catalog figure unless set) is shorter than that write loses the work since the last checkpoint. The guard keeps that much slack in reserve; the optimum, knowing every reclaim, loses nothing ([Periodic checkpoints](../../docs/model.md#periodic-checkpoints-and-grace-periods--deadlinesimulatorcheckpointsswift))."
  }

  /// How the policies learn which zones have spot: free probing (0),
  /// modelled probing at each policy's published interval (nil, the spec's
  /// `published`) or at a stated one, or several by axis.
  func observation(_ job: ScenarioConfig.DeadlineJobSettings, axis: [String]?) -> String {
    let modelled =
      "a policy sees a zone's availability only where it runs, tries to launch or probes, and every probe that finds spot is billed as \(Format.number(job.probeBilledSeconds, 0)) s of spot in that zone ([Probing](../../docs/model.md))"
    if let axis {
      return
        "**Observation** (`probe_interval_hours`: \(axis.joined(separator: ", ")) by axis): with 0, policies see every zone at every tick, free; otherwise \(modelled)."
    }
    switch job.probeIntervalHours {
    case 0:
      return
        "**Observation.** Policies see every zone's availability at every tick, free (`probe_interval_hours: 0`)."
    case nil:
      return
        "**Observation** (`probe_interval_hours: published`): \(modelled); each policy probes at its published interval (UP(A) every 2 h, UP(AP) every 1 h), and the others buy no probes."
    case let hours?:
      return
        "**Observation** (`probe_interval_hours: \(Format.number(hours, 2))`): \(modelled); the policies that probe do so every \(Format.number(hours, 2)) h, and the others buy no probes."
    }
  }
}
