import Experiments
import Foundation
import Simulation

/// Throughput of `synkti sweep` on the headline spec's overnight size.
///
/// Targets (issue: experiment runner): parallel efficiency ≥ 90 % on 2 cores
/// (runs/s at --jobs 2 ≥ 1.8 × runs/s at --jobs 1); storage adds < 5 % to the
/// simulation time (a --jobs 1 sweep into SQLite versus the same runs with
/// no database).
struct RunnerBenchmark {
  let repository: String

  func run() {
    print("== runner: headline spec, overnight size (best of 5) ==")
    let catalog = try! AcceleratorCatalog.load("\(repository)/Experiments/catalog.yaml")
    let spec = try! ExperimentSpec.load(
      "\(repository)/Experiments/paper/headline.yaml", catalog: catalog, size: "overnight")
    let plan = try! SweepPlan(spec: spec, size: "overnight", catalog: catalog)
    let n = plan.runs.count
    let provenance = Provenance(gitCommit: "bench", gitDirty: false, host: "bench")

    func simulate(threads: Int) -> Double {
      milliseconds {
        DispatchQueue.concurrentPerform(iterations: threads) { part in
          for run in plan.runs where run.index % threads == part {
            _ = plan.simulate(run)
          }
        }
      }
    }
    func sweep(jobs: Int) -> Double {
      let file = FileManager.default.temporaryDirectory
        .appendingPathComponent("synkti-bench-\(getpid())-\(jobs).sqlite").path
      defer {
        for suffix in ["", "-wal", "-shm"] {
          try? FileManager.default.removeItem(atPath: file + suffix)
        }
      }
      let store = try! ResultsStore.open(file)
      return milliseconds {
        _ = try! SweepRunner(store: store).run(
          plan, options: SweepOptions(jobs: jobs, provenance: provenance))
      }
    }
    // This machine is noisy: best of 5 for each, interleaved.
    var simulationMs = Double.infinity
    var simulationTwoMs = Double.infinity
    var one = Double.infinity
    var two = Double.infinity
    for _ in 0..<5 {
      simulationMs = min(simulationMs, simulate(threads: 1))
      one = min(one, sweep(jobs: 1))
      simulationTwoMs = min(simulationTwoMs, simulate(threads: 2))
      two = min(two, sweep(jobs: 2))
    }
    let rate1 = Double(n) / one * 1000
    let rate2 = Double(n) / two * 1000
    let efficiency = rate2 / (2 * rate1)
    let storage = (one - simulationMs) / simulationMs
    print("  runs \(n)")
    print(
      "  simulation only, 1 thread: \(format(simulationMs)) ms  (\(format(Double(n) / simulationMs * 1000)) runs/s)"
    )
    print(
      "  simulation only, 2 threads: \(format(simulationTwoMs)) ms  (efficiency \(format(simulationMs / (2 * simulationTwoMs) * 100)) %)"
    )
    print("  sweep --jobs 1: \(format(one)) ms  \(format(rate1)) runs/s")
    print("  sweep --jobs 2: \(format(two)) ms  \(format(rate2)) runs/s")
    let cpuSimulation = cpuMilliseconds { _ = simulate(threads: 1) }
    let cpuSweep = cpuMilliseconds { _ = sweep(jobs: 1) }
    print(
      "  CPU time: simulation \(format(cpuSimulation)) ms, sweep --jobs 1 \(format(cpuSweep)) ms -> storage costs \(format((cpuSweep - cpuSimulation) * 1000 / Double(n))) µs of CPU per run (it runs on the writer thread, beside the workers)"
    )
    print(
      "  parallel efficiency \(format(efficiency * 100)) %  (target ≥ 90 %: \(efficiency >= 0.9 ? "met" : "NOT met"))"
    )
    print(
      "  storage overhead \(format(storage * 100)) % of simulation time  (target < 5 %: \(storage < 0.05 ? "met" : "NOT met"))"
    )
  }
}

/// Cost of storing runs alone (no simulation), for diagnosis.
struct StorageProbe {
  let repository: String
  func run() {
    let catalog = try! AcceleratorCatalog.load("\(repository)/Experiments/catalog.yaml")
    let spec = try! ExperimentSpec.load(
      "\(repository)/Experiments/paper/headline.yaml", catalog: catalog, size: "overnight")
    let plan = try! SweepPlan(spec: spec, size: "overnight", catalog: catalog)
    let metrics = plan.simulate(plan.runs[0])
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "probe-\(getpid()).sqlite"
    ).path
    defer {
      for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + s) }
    }
    let store = try! ResultsStore.open(file)
    // The runner's own writes, through the store's public record API.
    let experiment = try! store.experimentID(name: "probe", text: "probe", hash: "probe")
    let sweep = try! store.insertSweep(
      SweepRecord(
        id: nil, experimentId: experiment, size: "probe", gitCommit: "probe", gitDirty: false,
        synktiVersion: "probe", host: "probe", startedAt: "", finishedAt: nil, jobs: 1,
        status: .running, shardIndex: 0, shardCount: 1, totalRuns: plan.runs.count))
    let ms = milliseconds {
      try! store.insertCells(sweep: sweep, cells: plan.cellRecords)
      for run in plan.runs {
        try! store.saveRun(sweep: sweep, run: run.record, metrics: metrics, wallMs: 1)
      }
    }
    print(
      "storage only: \(plan.runs.count) runs in \(format(ms)) ms -> \(format(ms * 1000 / Double(plan.runs.count))) µs per run"
    )
  }
}
