import ArgumentParser
import Experiments
import Foundation
import Simulation

extension Synkti {
  struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run one scenario and print its metrics.",
      discussion: """
        The scenario comes from a YAML file (--scenario) and/or flags; a flag \
        overrides the same key of the file, and --set KEY=VALUE overrides any \
        parameter. Every run is a pure function of its parameters and seed. \
        `model: deadline-job` (or --set model=deadline-job) runs one deadline \
        job on a trace window instead of a fleet.

        Parameters (keys for scenario files, --set and sweep axes):
        \(ScenarioParameter.all.map { "  \($0.key.padding(toLength: Swift.max(24, $0.key.count), withPad: " ", startingAt: 0)) \($0.help)" }.joined(separator: "\n"))

        Examples:
          synkti simulate --scenario Experiments/headline.yaml --seed 1 --json
          synkti simulate --accelerator V100 --market trace:Experiments/data/traces/aws-v100-2023-02 --tasks 50
          synkti simulate --scenario Experiments/headline.yaml --set state_mib=40960 --bandwidth-gbps 1
          synkti simulate --scenario Experiments/scale.yaml --check
          synkti simulate --market trace:Experiments/data/traces/aws-v100-2023-02 --accelerator V100 \\
            --set model=deadline-job --set trace_zones=us-east-1c,us-east-2b,us-west-2a \\
            --set work_hours='constant(40)' --set deadline_hours=60 --policy synkti-value

        --check resolves the scenario (its catalog names, trace and tables) \
        without running it: exit 0 and the files read, or exit 2 naming the \
        file, key and path that cannot be read.
        """)

    @Option(name: .long, help: "Scenario YAML file.")
    var scenario: String?

    @OptionGroup var catalog: CatalogOption

    @Option(help: "Root seed of the replicate.") var seed: UInt64?
    @Option(help: "Policy, e.g. greedy, on-demand-fallback:2, uniform-progress.") var policy:
      String?
    @Option(help: "Migration strategy: optimal, best-fit, naive or none.") var migration: String?
    @Option(name: .customLong("bandwidth-gbps"), help: "Network Gbit/s of every type.")
    var bandwidthGbps: Double?
    @Option(name: .customLong("preemption-rate"), help: "Reclaim hazard per instance-hour.")
    var preemptionRate: Double?
    @Option(help: "Accelerator (catalog name) for a one-type fleet.") var accelerator: String?
    @Option(help: "Number of tasks.") var tasks: Int?
    @Option(help: "Horizon in hours.") var hours: Double?
    @Option(help: "Market model: poisson, ou or trace:PATH.") var market: String?

    @Option(name: .customLong("set"), help: "Override any parameter: KEY=VALUE (repeatable).")
    var overrides: [String] = []

    @Flag(help: "Print the metrics as one JSON object.") var json = false

    @Option(help: "Also write the metrics as JSON to this file.") var output: String?

    @Option(
      help: ArgumentHelp(
        "Also write a deadline job's run, one CSV row per tick, to this file.",
        discussion:
          "Columns: tick, hour, place (spot, on-demand or idle), where (the spot zone, or the on-demand region named by its first zone), has_spot (the zone's spot this tick), checkpoint (where it is at the tick's end), done_hours, spent_dollars (so far). Not for the optimum or a randomized policy, which have no single run."
      ))
    var timeline: String?

    @Flag(
      help:
        "Validate the scenario and resolve every file it names (traces, catalog tables); run nothing."
    )
    var check = false

    func run() throws {
      try reportingInputErrors { try simulate() }
    }

    func simulate() throws {
      let catalog = try self.catalog.load()
      var config =
        try scenario.map { try ScenarioConfig.load($0, catalog: catalog) }
        ?? ScenarioConfig()
      var flags: [(String, String)] = []
      if let seed { flags.append(("seed", "\(seed)")) }
      if let policy { flags.append(("policy", policy)) }
      if let migration { flags.append(("migration", migration)) }
      if let bandwidthGbps { flags.append(("bandwidth_gbps", "\(bandwidthGbps)")) }
      if let preemptionRate { flags.append(("preemption_rate", "\(preemptionRate)")) }
      if let accelerator { flags.append(("accelerator", accelerator)) }
      if let tasks { flags.append(("tasks", "\(tasks)")) }
      if let hours { flags.append(("horizon_hours", "\(hours)")) }
      if let market { flags.append(("market", market)) }
      for item in overrides {
        let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
        guard kv.count == 2 else {
          throw ValidationError("--set expects KEY=VALUE, got '\(item)'")
        }
        flags.append((kv[0], kv[1]))
      }
      config.file = scenario ?? "command line"
      for (key, value) in flags { try config.set(key, to: value) }
      let traces = TraceCache()
      let runnable = try config.resolveRunnable(catalog: catalog, traces: traces)
      if check {
        let files = catalog.inputFiles + traces.paths
        print(
          "ok: \(config.file): resolves; files read: \(files.isEmpty ? "none" : files.joined(separator: ", "))"
        )
        return
      }
      if let timeline { try writeTimeline(timeline, runnable, config: config) }
      let clock = ContinuousClock()
      var metrics = RunMetrics()
      var baselineEvents = 0
      let elapsed = clock.measure {
        metrics = runnable.run(seed: config.seed) { baselineEvents = $0 }
      }
      let wallMs =
        Double(elapsed.components.attoseconds) / 1e15
        + Double(elapsed.components.seconds) * 1000
      var extra = ["wall_ms": wallMs]
      if case .fleet = runnable {
        // Speed as the run reports it: the events of every simulation it
        // ran (itself and its on-demand baseline) over its wall time.
        extra["baseline_events_processed"] = Double(baselineEvents)
        if wallMs > 0 {
          extra["events_per_second"] =
            Double(metrics.eventsProcessed + baselineEvents) / wallMs * 1000
        }
      }
      if case .fleet(var scenario) = runnable, scenario.computesLowerBound {
        // The bound's size and solve time, for whoever sizes a sweep.
        scenario.seed = config.seed
        var simulator = Simulator(scenario)
        _ = simulator.run()
        let bound = simulator.lowerBound()
        var solution: FleetBound.Solution?
        let solve = clock.measure { solution = bound.solve() }
        extra["bound_variables"] = Double(solution?.variables ?? 0)
        extra["bound_rows"] = Double(solution?.constraints ?? 0)
        extra["bound_classes"] = Double(bound.classes.count)
        extra["bound_solve_ms"] =
          Double(solve.components.attoseconds) / 1e15 + Double(solve.components.seconds) * 1000
      }
      let encoded = try MetricsJSON.encode(metrics, extra: extra)
      if let output {
        do {
          try (encoded + "\n").write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
          throw ValidationError("cannot write --output \(output): \(error.localizedDescription)")
        }
      }
      if json {
        print(encoded)
      } else {
        print(MetricsSummary.text(metrics, config: config, wallMs: wallMs, extra: extra))
      }
    }

    /// Writes `--timeline`: only a deadline job under a policy has one run
    /// to show tick by tick.
    func writeTimeline(_ path: String, _ runnable: RunnableScenario, config: ScenarioConfig) throws
    {
      guard case .deadlineJob(let scenario) = runnable else {
        throw ValidationError("--timeline needs a deadline job (model: deadline-job)")
      }
      guard let steps = scenario.timeline() else {
        throw ValidationError(
          "--timeline: policy \(config.policy) has no single run to show (the optimum, or a randomized policy)"
        )
      }
      let text = TimelineCSV.text(
        steps, tickHours: scenario.window.tick, zones: try config.zoneNames().names,
        zoneRegion: scenario.window.zoneRegion)
      do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
      } catch {
        throw ValidationError("cannot write --timeline \(path): \(error.localizedDescription)")
      }
    }
  }
}
