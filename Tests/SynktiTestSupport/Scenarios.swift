import Simulation

/// Small, fully specified scenarios for tests.
public enum TestScenarios {
  /// A single-GPU type with round numbers.
  public static func gpu(
    name: String = "test-gpu", memory: Double = 24, gbps: Double = 10, onDemand: Double = 1,
    spot: Double = 0.3, hazard: Double = 0.05, grace: Double = 120, boot: Double = 0,
    speed: Double = 1, gpus: Int = 1
  ) -> AcceleratorType {
    AcceleratorType(
      name: name, gpusPerInstance: gpus, memoryPerGPUGiB: memory, networkGbps: gbps,
      onDemandPrice: onDemand, spotPrice: spot, hazardPerHour: hazard, graceSeconds: grace,
      bootHours: boot, relativeSpeed: speed)
  }

  /// A workload of `tasks` training tasks with the given state and work.
  public static func workload(
    tasks: Int, work: DurationDistribution = .uniform(1, 20), stateMiB: Double = 16_384,
    growthMiB: Double = 0, memory: Double = 20, arrivals: ArrivalProcess = .uniform(fraction: 0.8),
    deadlineSlack: Double? = nil
  ) -> WorkloadSpec {
    WorkloadSpec(
      tasks: tasks, arrivals: arrivals, work: work,
      kinds: [
        .training: KindProfile(
          weight: 1, memoryGiB: memory,
          state: StateSizeModel(baseMiB: stateMiB, growthMiB: growthMiB))
      ], deadlineSlack: deadlineSlack)
  }
}

/// A market whose price and hazard are given step functions: lets tests put
/// a reclaim or a price change exactly where they want it.
public struct ScriptedMarket: SpotMarket {
  /// The path every zone gets.
  public var path: MarketPath

  public init(price: StepFunction, hazard: StepFunction?, availability: AvailabilitySeries? = nil) {
    path = MarketPath(price: price, hazard: hazard, availability: availability)
  }

  public var name: String { "scripted" }

  public func path(
    for accelerator: AcceleratorType, zone: Int, horizon: Double,
    using generator: inout Xoshiro256StarStar
  ) -> MarketPath {
    path
  }
}

/// Exhaustive search over assignments: the oracle for the solver tests.
public enum BruteForceAssignment {
  /// The best (most rows assigned, then least cost) objective; with
  /// penalties, the least cost plus penalties.
  public static func best(_ costs: [[Double]], penalties: [Double]? = nil) -> (
    assigned: Int, cost: Double
  ) {
    let n = costs.count
    let m = costs.first?.count ?? 0
    var used = [Bool](repeating: false, count: m)
    var best = (assigned: -1, cost: Double.infinity)
    func better(_ a: (Int, Double), _ b: (Int, Double)) -> Bool {
      if penalties != nil { return a.1 < b.1 }
      return a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
    }
    func go(_ r: Int, _ assigned: Int, _ cost: Double) {
      if r == n {
        if better((assigned, cost), best) { best = (assigned, cost) }
        return
      }
      go(r + 1, assigned, cost + (penalties?[r] ?? 0))
      for c in 0..<m where !used[c] && costs[r][c] < .infinity {
        used[c] = true
        go(r + 1, assigned + 1, cost + costs[r][c])
        used[c] = false
      }
    }
    go(0, 0, 0)
    return best
  }
}
