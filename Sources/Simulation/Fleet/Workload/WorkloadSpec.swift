/// A distribution of positive durations (work, in reference hours).
public enum DurationDistribution: Sendable, Hashable {
  /// Always the same value.
  case constant(Double)
  /// Uniform on [low, high).
  case uniform(Double, Double)
  /// Exponential with the given mean.
  case exponential(mean: Double)

  /// Draws one value.
  public func sample(using generator: inout Xoshiro256StarStar) -> Double {
    switch self {
    case .constant(let v): return v
    case .uniform(let a, let b): return generator.nextUniform(a, b)
    case .exponential(let mean): return generator.nextExponential(rate: 1 / mean)
    }
  }

  /// The mean of the distribution.
  public var mean: Double {
    switch self {
    case .constant(let v): return v
    case .uniform(let a, let b): return (a + b) / 2
    case .exponential(let mean): return mean
    }
  }
}

/// When tasks arrive.
public enum ArrivalProcess: Sendable, Hashable {
  /// Uniformly at random within `[0, fraction × horizon)`.
  case uniform(fraction: Double)
  /// A Poisson process whose rate puts the expected last arrival at
  /// `fraction × horizon`.
  case poisson(fraction: Double)
  /// All tasks at time 0.
  case batch
}

/// Memory, state and deadline of one workload kind.
public struct KindProfile: Sendable, Hashable {
  /// Share of tasks of this kind (weights are normalised).
  public var weight: Double
  /// Memory footprint per task in GiB.
  public var memoryGiB: Double
  /// Checkpoint state model.
  public var state: StateSizeModel
  /// Model weights every start loads, GiB (0: none counted).
  public var weightsGiB: Double

  /// Creates a profile.
  public init(weight: Double, memoryGiB: Double, state: StateSizeModel, weightsGiB: Double = 0) {
    self.weight = weight
    self.memoryGiB = memoryGiB
    self.state = state
    self.weightsGiB = weightsGiB
  }

  /// Typical defaults: a 7B-class model served with a growing KV cache.
  public static let inference = KindProfile(
    weight: 1, memoryGiB: 18, state: StateSizeModel(baseMiB: 2_048, growthMiB: 14_336))
  /// Typical defaults: weights plus Adam moments of a ~1B-parameter model.
  public static let training = KindProfile(
    weight: 1, memoryGiB: 20, state: StateSizeModel(baseMiB: 16_384))
  /// Typical defaults: a small working set.
  public static let batch = KindProfile(
    weight: 1, memoryGiB: 8, state: StateSizeModel(baseMiB: 1_024))
}

/// Everything needed to draw a workload.
public struct WorkloadSpec: Sendable, Hashable {
  /// Number of tasks.
  public var tasks: Int
  /// Arrival process.
  public var arrivals: ArrivalProcess
  /// Work per task in reference hours.
  public var work: DurationDistribution
  /// Profiles per kind, in `WorkloadKind.allCases` order; a missing kind has weight 0.
  public var kinds: [WorkloadKind: KindProfile]
  /// Deadline = arrival + `deadlineSlack × work`; nil means no deadlines.
  public var deadlineSlack: Double?

  /// Creates a workload spec.
  public init(
    tasks: Int, arrivals: ArrivalProcess = .uniform(fraction: 0.8),
    work: DurationDistribution = .uniform(1, 20),
    kinds: [WorkloadKind: KindProfile] = [.training: .training],
    deadlineSlack: Double? = nil
  ) {
    self.tasks = tasks
    self.arrivals = arrivals
    self.work = work
    self.kinds = kinds
    self.deadlineSlack = deadlineSlack
  }
}

/// Draws a workload: a pure function of the spec, the horizon and the seed.
public struct WorkloadGenerator: Sendable {
  /// The spec drawn from.
  public var spec: WorkloadSpec

  /// Creates a generator.
  public init(spec: WorkloadSpec) { self.spec = spec }

  /// The tasks, sorted by arrival (ties by id).
  public func generate(horizon: Double, seed: UInt64) -> [TaskSpec] {
    var rng = Xoshiro256StarStar(seed: seed)
    let n = spec.tasks
    // Kinds in a fixed order so the cumulative weights never depend on hashing.
    let profiles = WorkloadKind.allCases.compactMap { kind in
      spec.kinds[kind].map { (kind, $0) }
    }.filter { $0.1.weight > 0 }
    precondition(!profiles.isEmpty, "a workload needs at least one kind with weight > 0")
    let totalWeight = profiles.reduce(0) { $0 + $1.1.weight }

    var arrivals = [Double](repeating: 0, count: n)
    switch spec.arrivals {
    case .batch:
      break
    case .uniform(let fraction):
      for i in 0..<n { arrivals[i] = rng.nextUnit() * fraction * horizon }
      arrivals.radixSort()
    case .poisson(let fraction):
      let rate = Double(n) / Swift.max(fraction * horizon, 1e-12)
      var t = 0.0
      for i in 0..<n {
        t += rng.nextExponential(rate: rate)
        arrivals[i] = t
      }
    }

    var tasks: [TaskSpec] = []
    tasks.reserveCapacity(n)
    for i in 0..<n {
      let work = Swift.max(1e-6, spec.work.sample(using: &rng))
      var pick = rng.nextUnit() * totalWeight
      var chosen = profiles[profiles.count - 1]
      for entry in profiles {
        if pick < entry.1.weight {
          chosen = entry
          break
        }
        pick -= entry.1.weight
      }
      let deadline = spec.deadlineSlack.map { arrivals[i] + $0 * work }
      tasks.append(
        TaskSpec(
          id: i, arrival: arrivals[i], work: work, memoryGiB: chosen.1.memoryGiB,
          kind: chosen.0, state: chosen.1.state, deadline: deadline,
          weightsMiB: chosen.1.weightsGiB * 1024))
    }
    return tasks
  }
}
