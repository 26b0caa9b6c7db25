import Foundation
import Simulation

extension SweepRunner {
  /// A dry run's time estimate, from timing a sample of runs.
  public struct Estimate: Sendable, Equatable {
    /// Cells timed.
    public var sampled: Int
    /// Mean seconds of a run once the work it shares is done.
    public var secondsPerRun: Double
    /// Mean seconds of the shared work (a fleet run's on-demand baseline,
    /// a deadline job's omniscient optimum), solved once per key.
    public var secondsPerSharedSolve: Double
    /// Distinct shared solves the runs need.
    public var sharedSolves: Int
    /// Estimated wall-clock seconds with `jobs` workers.
    public var seconds: Double
  }

  /// Times the runs' two kinds of work on samples spread evenly over the
  /// grid: up to `limit` distinct shared solves (each key's first run, cold
  /// minus warm), and one run of up to `limit` cells with their shared work
  /// cached. The sweep computes each baseline and optimum once, so the
  /// estimate is `runs × warm + distinct shared keys × solve`, over the
  /// workers. Fills `plan`'s caches as a side effect.
  public static func estimate(_ plan: SweepPlan, runs: [PlannedRun], jobs: Int, limit: Int = 8)
    -> Estimate?
  {
    guard !runs.isEmpty else { return nil }
    let clock = ContinuousClock()
    func seconds(_ d: Duration) -> Double {
      Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    // Each shared key's first run, in run order.
    var firstOfKey: [PlannedRun] = []
    var seen: Set<AnyHashable> = []
    for run in runs {
      if let key = sharedKey(plan, run), seen.insert(key).inserted { firstOfKey.append(run) }
    }
    var solves: [Double] = []
    for run in spread(firstOfKey, limit: limit) {
      let cold = seconds(clock.measure { _ = plan.simulate(run) })
      let warm = seconds(clock.measure { _ = plan.simulate(run) })
      solves.append(max(0, cold - warm))
    }
    var firstOfCell: [Int: PlannedRun] = [:]
    for run in runs where firstOfCell[run.cell.index] == nil { firstOfCell[run.cell.index] = run }
    let cells = spread(firstOfCell.keys.sorted().map { firstOfCell[$0]! }, limit: limit)
    var warm: [Double] = []
    for run in cells {
      _ = plan.simulate(run)
      warm.append(seconds(clock.measure { _ = plan.simulate(run) }))
    }
    let perRun = warm.reduce(0, +) / Double(warm.count)
    let perSolve = solves.isEmpty ? 0 : solves.reduce(0, +) / Double(solves.count)
    let workers = Double(max(1, min(jobs, ProcessInfo.processInfo.activeProcessorCount)))
    return Estimate(
      sampled: cells.count, secondsPerRun: perRun, secondsPerSharedSolve: perSolve,
      sharedSolves: firstOfKey.count,
      seconds: (perRun * Double(runs.count) + perSolve * Double(firstOfKey.count)) / workers)
  }

  /// What a run shares with others: its baseline (fleet) or its window's
  /// optimum (deadline jobs).
  static func sharedKey(_ plan: SweepPlan, _ run: PlannedRun) -> AnyHashable? {
    switch plan.scenarios[run.cell.index] {
    case .fleet: return plan.baselineKey(of: run)
    case .deadlineJob(let s): return s.optimum
    case nil: return nil
    }
  }

  /// At most `limit` items spread evenly over `items`.
  static func spread<T>(_ items: [T], limit: Int) -> [T] {
    guard items.count > limit else { return items }
    return (0..<limit).map { items[$0 * items.count / limit] }
  }
}
