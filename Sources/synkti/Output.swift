import Foundation
import Simulation
import Experiments

/// JSON for metrics: snake_case keys, sorted, numbers as Swift prints them.
enum MetricsJSON {
  static func encode(_ metrics: RunMetrics, extra: [String: Double] = [:]) throws -> String {
    let encoder = JSONEncoder()
    let data = try encoder.encode(metrics)
    var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    // Undefined metrics (nothing completed, no baseline work) are null, not absent.
    for key in RunMetrics.CodingKeys.allCases where object[key.rawValue] == nil {
      object[key.rawValue] = NSNull()
    }
    for (k, v) in extra { object[k] = v }
    let out = try JSONSerialization.data(
      withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
    return String(decoding: out, as: UTF8.self)
  }

  /// A JSON number (finite) or null.
  static func number(_ v: Double) -> String { v.isFinite ? "\(v)" : "null" }
}

/// Aligned plain-text tables.
enum TextTable {
  static func render(_ rows: [[String]]) -> String {
    guard let first = rows.first else { return "" }
    var widths = [Int](repeating: 0, count: first.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    return rows.map { row in
      row.enumerated().map { i, cell in
        i == 0
          ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[i] - cell.count) + cell
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }
}

/// The human-readable summary of one run.
enum MetricsSummary {
  /// A deadline job's periodic checkpoints and the work reclaims lost
  /// (a line, empty when progress is kept as made).
  static func checkpoints(_ m: RunMetrics, _ config: ScenarioConfig) -> String {
    let interval = config.deadlineJob.checkpointIntervalHours
    guard interval > 0 else { return "" }
    return
      "checkpoints every \(String(format: "%.2f", interval)) h of running; \(String(format: "%.2f", m.workLostHours)) h of work lost to reclaims whose grace period was too short to write one\n"
  }

  static func text(
    _ m: RunMetrics, config: ScenarioConfig, wallMs: Double, extra: [String: Double] = [:]
  ) -> String {
    func d(_ v: Double) -> String { String(format: "%.2f", v) }
    func d(_ v: Double?) -> String { v.map { d($0) } ?? "—" }
    if config.model == .deadlineJob {
      let zones =
        config.deadlineJob.traceZones?.joined(separator: ", ") ?? config.deadlineJob.traceZone
        ?? "zone_order"
      return """
        deadline job \(config.name): policy \(config.policy), zones \(zones), market \(config.market.kind), from hour \(config.market.traceStartHour)
        cost        $\(d(m.totalCost)) (spot $\(d(m.spotCost)), on-demand $\(d(m.onDemandCost)), egress $\(d(m.egressCost)), probes $\(d(m.probeCost)))
        probing     \(config.deadlineJob.probeIntervalHours == 0 ? "free (every zone seen every tick)" : "modelled, \(m.probes) probes")
        optimum     cost ÷ optimum \(d(m.gapToOptimal))
        baseline    $\(d(m.baselineCost)) on-demand only -> savings \(d(m.savingsPercent))%
        deadline    \(m.deadlineMisses == 0 ? "met, done at \(d(m.completionMean)) h" : "missed") of \(d(config.deadlineJob.deadlineHours)) h; \(d(m.completedWorkHours + m.unfinishedWorkHours)) h of work
        moves       \(m.preemptions) preemptions, \(m.instancesLaunched) starts, \(m.zoneMigrations) checkpoint moves
        \(checkpoints(m, config))instances   \(d(m.spotInstanceHours)) spot h, \(d(m.onDemandInstanceHours)) on-demand h
        ticks       \(m.eventsProcessed) in \(d(wallMs)) ms
        """
    }
    let bound =
      m.lowerBoundCost.map {
        "bound       $\(d($0)) (any schedule that completes every completable task, by its deadline where one can be met, on this path) -> (cost + unfinished or late work at on-demand) ÷ bound \(d(m.gapToBound))\n"
          + (extra["bound_variables"].map {
            "            LP of \(Int($0)) variables, \(Int(extra["bound_rows"] ?? 0)) rows, \(Int(extra["bound_classes"] ?? 0)) task classes, solved in \(d(extra["bound_solve_ms"])) ms\n"
          } ?? "")
      } ?? ""
    let baselineEvents = Int(extra["baseline_events_processed"] ?? 0)
    let events =
      baselineEvents > 0
      ? "\(m.eventsProcessed) + \(baselineEvents) of the on-demand baseline in \(d(wallMs)) ms: \(d((extra["events_per_second"] ?? 0) / 1e6)) M events/s"
      : "\(m.eventsProcessed) in \(d(wallMs)) ms"
    let note =
      m.failed > 0
      ? "\nnote        \(m.failed) tasks fit no accelerator of the fleet (GPU memory too small); see --set memory_gib or accelerator"
      : ""
    return """
      scenario \(config.name): policy \(config.policy), migration \(config.fleet.migration), market \(config.market.kind), seed \(config.seed)
      cost        $\(d(m.totalCost)) (spot $\(d(m.spotCost)), on-demand $\(d(m.onDemandCost)))
      baseline    $\(d(m.baselineCost)) on-demand only -> savings \(d(m.savingsPercent))% on equal work
      \(bound)tasks       \(m.tasks): \(m.completed) completed, \(m.unfinished) unfinished, \(m.failed) failed, \(m.deadlineMisses) deadline misses
      work        \(d(m.completedWorkHours)) h completed, \(d(m.unfinishedWorkHours)) h unfinished; $\(d(m.costPerWorkHour)) per work-hour
      completion  mean \(d(m.completionMean)) h, p50 \(d(m.completionP50)), p95 \(d(m.completionP95)), p99 \(d(m.completionP99))
      reclaims    \(m.preemptions) task preemptions on \(m.instancesReclaimed) instances
      checkpoints \(m.checkpointsFull) full, \(m.checkpointsPartial) partial, \(m.checkpointsRestart) restart; work lost \(d(m.workLostHours)) h
      migration   \(d(m.migratedGiB)) GiB moved, \(d(m.transferHours)) h of transfers, \(m.voluntaryMigrations) voluntary moves, \(m.proactiveMigrations) proactive
      instances   \(m.instancesLaunched) launched; \(d(m.spotInstanceHours)) spot h, \(d(m.onDemandInstanceHours)) on-demand h
      events      \(events)
      """ + note
  }
}
