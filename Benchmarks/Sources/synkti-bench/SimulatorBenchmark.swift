import Experiments
import Foundation
import Simulation

/// Throughput of the simulation core.
///
/// Targets: the scale scenario — 50,000 tasks over 720 h — at least 5 M
/// events/s as the runs report it (run and baseline events over their wall
/// time) and in under 0.5 s for the whole `synkti simulate` process, under three policy / migration
/// variants, cost near-linear in tasks; and the regions scale scenario —
/// 20,000 tasks, 720 h, 3 regions × 3 zones, 4 types, capacity limits and
/// crunches — in under 1.5 s, with the time its assignment solver takes.
struct SimulatorBenchmark {
  let repository: String
  let variants = [
    ("greedy", "naive"), ("on-demand-fallback:2", "optimal"), ("uniform-progress", "best-fit"),
  ]

  func scenario(_ file: String, _ overrides: [String: String]) -> Scenario {
    let catalog = try! AcceleratorCatalog.load("\(repository)/Experiments/catalog.yaml")
    var config = try! ScenarioConfig.load("\(repository)/Experiments/\(file)", catalog: catalog)
    for (k, v) in overrides.sorted(by: { $0.key < $1.key }) { try! config.set(k, to: v) }
    return try! config.resolve(catalog: catalog)
  }

  func run() {
    print("== simulator ==")
    // Events per second on the headline scenario (one run, no baseline).
    let headline = scenario("headline.yaml", [:])
    var events = 0
    let repeats = 200
    let ms = milliseconds {
      for seed in 1...repeats {
        var s = headline
        s.seed = UInt64(seed)
        var sim = Simulator(s)
        events += sim.run().eventsProcessed
      }
    }
    let rate = Double(events) / ms * 1000 / 1e6
    print(
      "headline: \(repeats) runs, \(events) events in \(format(ms)) ms -> \(format(rate, 2)) M events/s (in process, no baseline)"
    )

    // Whole process, median of 5, per variant.
    let binary = "\(repository)/.build/release/synkti"
    wholeProcess(
      binary, scenario: "scale.yaml", targetMs: 500,
      title:
        "scale scenario (50,000 tasks, 720 h), whole `synkti simulate` process incl. on-demand baseline, median of 5:",
      eventsTarget: 5)

    regions(binary)

    scaleVariants()

    // Scaling in tasks, in process (run + baseline).
    print("scaling (greedy/naive, in process, run + baseline):")
    for tasks in [12_500, 25_000, 50_000, 100_000] {
      let s = scenario("scale.yaml", ["tasks": "\(tasks)"])
      let ms = milliseconds { _ = Simulation.run(s) }
      print(
        "  \(String(tasks).padding(toLength: 7, withPad: " ", startingAt: 0)) tasks  \(format(ms)) ms  \(format(ms * 1000 / Double(tasks), 2)) µs/task"
      )
    }
  }

  /// The regions scale scenario: whole process per variant, then the time
  /// the chosen plans' solver takes inside one run (in process, timed by a
  /// wrapper planner; the value-of-assignment bookkeeping solves the other
  /// plans of each multi-task problem too, and is in the run time).
  func regions(_ binary: String) {
    wholeProcess(
      binary, scenario: "scale-regions.yaml", targetMs: 1500,
      title:
        "regions scale scenario (20,000 tasks, 720 h, 3 regions × 3 zones, 4 types, capacity, crunches), whole process, median of 5:"
    )
    for planner in [
      OptimalMigration() as any MigrationPlanner, BestFitMigration(), NaiveMigration(),
    ] {
      let clock = SolverClock()
      var s = scenario("scale-regions.yaml", [:])
      s.migration = TimedPlanner(inner: planner, clock: clock)
      var sim = Simulator(s)
      var metrics = RunMetrics()
      let total = milliseconds { metrics = sim.run() }
      print(
        "  in process, \(planner.name): run \(format(total)) ms, of which the chosen plans' solver \(format(clock.ms, 2)) ms over \(clock.calls) problems (\(metrics.migrationProblems) with ≥ 2 tasks, largest \(metrics.largestMigrationProblem))"
      )
    }
  }
}

extension SimulatorBenchmark {
  /// The scale scenario at 5k, 20k and 50k tasks under each variant, in
  /// process, best of 3: events/s and µs per task of the run alone, and
  /// µs per task with its on-demand baseline (what `synkti simulate` and a
  /// sweep cell without a shared baseline pay).
  func scaleVariants() {
    print("scale scenario (720 h) by tasks and variant, in process, best of 3:")
    print(
      "  variant                          tasks   run ms  M events/s  µs/task  +baseline µs/task")
    for (policy, migration) in variants {
      for tasks in [5_000, 20_000, 50_000] {
        let s = scenario(
          "scale.yaml", ["tasks": "\(tasks)", "policy": policy, "migration": migration])
        var events = 0
        var run = Double.infinity
        var both = Double.infinity
        for _ in 0..<3 {
          var sim = Simulator(s)
          run = min(run, milliseconds { events = sim.run().eventsProcessed })
          both = min(both, milliseconds { _ = Simulation.run(s) })
        }
        let name = "\(policy)/\(migration)".padding(toLength: 32, withPad: " ", startingAt: 0)
        print(
          "  \(name) \(String(tasks).padding(toLength: 7, withPad: " ", startingAt: 0)) \(format(run).padding(toLength: 7, withPad: " ", startingAt: 0)) \(format(Double(events) / run * 1000 / 1e6, 2).padding(toLength: 11, withPad: " ", startingAt: 0)) \(format(run * 1000 / Double(tasks), 2).padding(toLength: 8, withPad: " ", startingAt: 0)) \(format(both * 1000 / Double(tasks), 2))"
        )
      }
    }
  }

  /// Runs a scenario `runs` times (seeds 1…runs) and nothing else, so a
  /// profiler sees the simulator's own work.
  func profile(_ name: String, runs: Int) {
    let base = scenario(name == "scale" ? "scale.yaml" : "headline.yaml", [:])
    var events = 0
    let ms = milliseconds {
      for seed in 1...max(1, runs) {
        var s = base
        s.seed = UInt64(seed)
        var sim = Simulator(s)
        events += sim.run().eventsProcessed
      }
    }
    print("\(name): \(runs) runs, \(events) events, \(format(ms)) ms")
  }

  /// Times `synkti simulate` on a scenario file under each variant, median
  /// of 5, against a target.
  func wholeProcess(
    _ binary: String, scenario: String, targetMs: Double, title: String,
    eventsTarget: Double? = nil
  ) {
    print(title)
    var worst = 0.0
    var rates: [Double] = []
    var events = (run: 0, baseline: 0)
    for (policy, migration) in variants {
      var times: [Double] = []
      for _ in 0..<5 {
        let (ms, output, status) = runProcess(
          binary,
          [
            "simulate", "--scenario", "\(repository)/Experiments/\(scenario)", "--catalog",
            "\(repository)/Experiments/catalog.yaml", "--policy", policy, "--migration", migration,
            "--json",
          ])
        guard status == 0 else {
          print("  \(policy)/\(migration): synkti exited \(status) (run `make build` first)")
          return
        }
        times.append(ms)
        let reported = Self.reported(output)
        rates.append(reported.rate)
        events = (reported.run, reported.baseline)
      }
      let m = median(times)
      worst = max(worst, m)
      print(
        "  \(policy.padding(toLength: 22, withPad: " ", startingAt: 0)) \(migration.padding(toLength: 9, withPad: " ", startingAt: 0)) \(format(m)) ms  (the run reports \(events.run) + \(events.baseline) baseline events)"
      )
    }
    print(
      "  target < \(Int(targetMs)) ms: \(worst < targetMs ? "met" : "NOT met") (worst \(format(worst)) ms)"
    )
    // Events per second as each run reports it: the events of the run and
    // of its on-demand baseline over the wall time of both (`synkti
    // simulate --json`: events_per_second), median over every process.
    let rate = median(rates) / 1e6
    print(
      "  as the runs report it: median \(format(rate, 2)) M events/s over \(rates.count) runs, \(scenario), load \(Self.load())"
        + (eventsTarget.map { " (target ≥ \(format($0, 0)): \(rate >= $0 ? "met" : "NOT met"))" }
          ?? "")
    )
  }

  /// The run's events, its baseline's and its events per second, from
  /// `synkti simulate --json` output.
  static func reported(_ output: String) -> (run: Int, baseline: Int, rate: Double) {
    let object = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
    func number(_ key: String) -> Double { (object?[key] as? NSNumber)?.doubleValue ?? 0 }
    return (
      Int(number("events_processed")), Int(number("baseline_events_processed")),
      number("events_per_second")
    )
  }

  /// The 1-, 5- and 15-minute load averages (`/proc/loadavg`).
  static func load() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
  }
}

/// Time spent inside a planner, across one run.
final class SolverClock: @unchecked Sendable {
  var ms = 0.0
  var calls = 0
}

/// A planner that times another.
struct TimedPlanner: MigrationPlanner {
  let inner: any MigrationPlanner
  let clock: SolverClock
  var name: String { inner.name }
  func plan(_ problem: MigrationProblem) -> [Int?] {
    var result: [Int?] = []
    clock.ms += milliseconds { result = inner.plan(problem) }
    clock.calls += 1
    return result
  }
}
