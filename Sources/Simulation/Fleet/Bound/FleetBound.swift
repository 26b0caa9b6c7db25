import LinearProgram

/// An offline lower bound on what any schedule of a fleet run can cost:
/// the linear-programming relaxation of running its tasks' work on its
/// pools, slot by slot, at the slot's least price (`docs/model.md`, "The
/// fleet lower bound, and why it is a bound").
///
/// Time is cut into slots. A `TaskClass` is a set of identical tasks: the
/// same work, the same slots they may run in, the same pools they fit. A
/// `Pool` offers GPU-hours in each slot at a price per GPU-hour, within
/// the hours it has capacity and, if limited, within its instances' GPUs.
/// The program places each class's GPU-hours fractionally:
///
///     minimise   Σ price[q, t] · y[c, q, t]
///     subject to Σ_{q,t} speed[q] · y[c, q, t] ≥ count[c] · work[c]   (work done)
///                Σ_q y[c, q, t] ≤ count[c] · length[t]                (one GPU per task)
///                0 ≤ y[c, q, t] ≤ count[c] · available[q, t]          (spot while it has capacity)
///                Σ_c y[c, q, t] ≤ gpus[q] · limit[q] · available[q, t] (pool limits)
///
/// where y[c, q, t] are class c's GPU-hours in pool q during slot t.
public struct FleetBound: Sendable, Hashable {
  /// Slot lengths in hours (the last may be shorter).
  public var slotLengths: [Double]
  /// The pools work may run in.
  public var pools: [Pool]
  /// The work to place.
  public var classes: [TaskClass]

  /// Where GPU-hours can be bought.
  public struct Pool: Sendable, Hashable {
    /// Dollars per GPU-hour in each slot (the least price in force then,
    /// divided by the instance's GPUs).
    public var price: [Double]
    /// Hours of each slot with capacity (the slot's length for on-demand).
    public var availableHours: [Double]
    /// Reference work-hours per GPU-hour.
    public var speed: Double
    /// GPUs of all the instances the pool may hold at once (nil: unlimited).
    public var gpuLimit: Int?

    /// Creates a pool.
    public init(price: [Double], availableHours: [Double], speed: Double, gpuLimit: Int? = nil) {
      precondition(price.count == availableHours.count && speed > 0)
      self.price = price
      self.availableHours = availableHours
      self.speed = speed
      self.gpuLimit = gpuLimit
    }
  }

  /// Identical tasks that must be done.
  public struct TaskClass: Sendable, Hashable {
    /// How many tasks.
    public var count: Int
    /// Work of each, reference hours.
    public var work: Double
    /// The slots its tasks may run in.
    public var slots: Range<Int>
    /// The pools its tasks fit, by index.
    public var pools: [Int]

    /// Creates a class.
    public init(count: Int, work: Double, slots: Range<Int>, pools: [Int]) {
      precondition(count > 0 && work >= 0)
      self.count = count
      self.work = work
      self.slots = slots
      self.pools = pools
    }
  }

  /// What solving found.
  public struct Solution: Sendable, Equatable {
    /// The bound, dollars (nil when the program has no solution).
    public var cost: Double?
    /// The program's size.
    public var variables: Int
    public var constraints: Int
  }

  /// Creates a bound's program.
  public init(slotLengths: [Double], pools: [Pool], classes: [TaskClass]) {
    precondition(pools.allSatisfy { $0.price.count == slotLengths.count })
    self.slotLengths = slotLengths
    self.pools = pools
    self.classes = classes
  }

  /// The linear program above.
  public func program() -> LinearProgram {
    var lp = LinearProgram()
    // Variables of each (pool, slot), for the pool limits.
    var byPoolSlot: [[Int]: [Int]] = [:]
    for c in classes where c.work > 0 {
      let m = Double(c.count)
      var work: [(variable: Int, coefficient: Double)] = []
      for t in c.slots {
        var oneGPU: [(variable: Int, coefficient: Double)] = []
        let best = cheapestFullPools(c.pools, slot: t)
        for q in c.pools {
          let pool = pools[q]
          // A pool dearer than an unlimited one of its speed that has
          // capacity all slot long is never needed: whatever it does, that
          // one does for no more (and the slot's one-GPU row caps both).
          if let b = best[pool.speed], b != q,
            (pools[b].price[t], b) < (pool.price[t], q)
          {
            continue
          }
          let room = m * Swift.min(pool.availableHours[t], slotLengths[t])
          guard room > 0 else { continue }
          let y = lp.addVariable(cost: pool.price[t], upper: room)
          work.append((y, pool.speed))
          oneGPU.append((y, 1))
          if pool.gpuLimit != nil { byPoolSlot[[q, t], default: []].append(y) }
        }
        if oneGPU.count > 1 { lp.addConstraint(oneGPU, upper: m * slotLengths[t]) }
      }
      lp.addConstraint(work, lower: m * c.work)
    }
    for key in byPoolSlot.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
      let (q, t) = (key[0], key[1])
      let cap = Double(pools[q].gpuLimit!) * pools[q].availableHours[t]
      lp.addConstraint(byPoolSlot[key]!.map { ($0, 1) }, upper: cap)
    }
    return lp
  }

  /// Per speed, the cheapest of `candidates` that is unlimited and has
  /// capacity all of slot `t` (lowest index on ties).
  func cheapestFullPools(_ candidates: [Int], slot t: Int) -> [Double: Int] {
    var best: [Double: Int] = [:]
    for q in candidates
    where pools[q].gpuLimit == nil && pools[q].availableHours[t] >= slotLengths[t] {
      let speed = pools[q].speed
      if let b = best[speed], (pools[b].price[t], b) <= (pools[q].price[t], q) { continue }
      best[speed] = q
    }
    return best
  }

  /// Solves the program with CLP.
  public func solve() -> Solution {
    let lp = program()
    let cost: Double?
    if case .optimal(let c, _) = lp.solve() { cost = Swift.max(0, c) } else { cost = nil }
    return Solution(cost: cost, variables: lp.variables, constraints: lp.constraints.count)
  }
}
