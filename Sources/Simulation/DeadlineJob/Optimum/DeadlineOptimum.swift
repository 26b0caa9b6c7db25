/// The cheapest schedule of a deadline job over its window's zones that meets its
/// deadline, knowing the window's whole future.
///
/// An exact forward dynamic program over ticks. A state is where the job is
/// — idle with its checkpoint at some place (or none), or running at a place
/// with some overhead left (its checkpoint is then there) — and holds a
/// Pareto frontier of (work done, dollars spent): a point is dropped when
/// another in the same state has at least its work for at most its cost
/// (the future open to both is the same, and more work never hurts). Points
/// are also dropped when even on-demand from now could not finish in time,
/// or when their cost plus a lower bound on the rest reaches the bound the
/// search is given (the cheapest schedule below it is then the optimum).
/// Three bounds on the rest: the cheapest ticks left (`CostFloor`), the
/// starts spot still needs, each paying the restart overhead
/// (`StartsFloor`), and a Lagrangian relaxation over the search's own
/// states that prices each hour of work (`PricedWorkFloor`).
///
/// Caps come first: the guarded policies, and schedules that follow the
/// priced-work values (`rollout`); where those are loose, staying in each
/// zone (the single-zone optimum, exactly this model without moves). The
/// search is then given bounds just above the priced-work floor of the
/// whole job, widening up to the cap: the first schedule it finds is the
/// optimum, and if none is found below the cap, the cap is. Transfer,
/// egress and every rule are those of `DeadlineSimulator`.
public enum DeadlineOptimum {
  struct Key: Hashable {
    /// Place running (−1: idle).
    var place: Int32
    /// Checkpoint place when idle (−1: none; equals `place` when running).
    var home: Int32
    /// Overhead left, hours (0 when idle).
    var overhead: Double

    /// Idle, with no checkpoint: where every schedule starts.
    static let start = Key(place: -1, home: -1, overhead: 0)
  }

  /// Solves `job` on `window`; nil when no schedule meets the deadline.
  /// Knowing when spot ends, a schedule writes its checkpoint before every
  /// reclaim, so the optimum of a job with periodic checkpoints is that of
  /// the job keeping its progress (`DeadlineJob.keepingProgress`).
  public static func solve(job: DeadlineJob, window: DeadlineWindow) -> DeadlineOutcome? {
    let job = job.keepingProgress
    let ticks = Swift.min(window.ticks, DeadlineJob.ticks(job.deadline, window.tick))
    let floors = Floors(job: job, window: window, ticks: ticks)
    let root = floors.priced.atLeast(work: job.work, row: floors.priced.row(of: .start, tick: 0))
    // Schedules of this model cap the optimum: the guarded policies, and
    // the schedules that follow the priced-work values.
    let guarded = DeadlinePolicies.incumbents.filter(\.guarded)
      .map { DeadlineSimulator.run($0, job: job, window: window) }.filter { !$0.missed }
    let rollouts = floors.priced.prices.indices.compactMap {
      floors.priced.rollout(price: $0, job: job, window: window, ticks: ticks)
    }
    var incumbent = (rollouts + guarded).min { $0.cost < $1.cost }
    // Where those are loose, staying in one zone (spot there, on-demand in
    // its region, no move) may do better: that is exactly the single-zone
    // model, solved exactly under the cap.
    if !(incumbent.map { $0.cost <= root * 1.002 } ?? false) {
      for z in 0..<window.zones {
        // Zone z at speed s with on-demand of its own speed is the
        // single-zone model of work ÷ s (every tick does s times the work).
        let speed = window.speed[z]
        guard window.speed[window.zones + window.zoneRegion[z]] == speed else { continue }
        var single = job
        single.work = job.work / speed
        // The zone's own restart, on its type.
        single.restartOverhead = window.restart(at: z, job: job)
        guard single.restartOverhead < job.deadline else { continue }
        single.onDemandPrice = window.onDemandPrice[window.zoneRegion[z]]
        let zone = window.slice(zone: z)
        for onDemand in [false, true] {
          if var stay = SingleZoneOptimum.solveByFrontiers(
            job: single, window: zone, ticks: ticks, bound: incumbent?.cost ?? .infinity,
            onDemand: onDemand)
          {
            if window.types[z] != 0 { stay.otherTypeWork = job.work }
            stay.workByType = Array(repeating: 0, count: window.typeCount)
            stay.workByType[window.types[z]] = job.work
            incumbent = stay
          }
        }
      }
    }
    // The priced-work floor of the whole job lies within a fraction of a
    // percent of the optimum on the traces, so a search for schedules just
    // above it prunes nearly everything. What it finds is the optimum (the
    // cheapest schedule below its bound); when it finds none, the bound
    // widens, and at the cap the incumbent is proved optimal.
    let cap = incumbent?.cost ?? .infinity
    var widen = 0.001
    while true {
      let bound = root > 0 && root.isFinite && widen < 1 ? Swift.min(cap, root * (1 + widen)) : cap
      let found = search(job: job, window: window, ticks: ticks, floors: floors, bound: bound)
      if let found { return found }
      if bound >= cap { return incumbent }
      widen *= 4
    }
  }

  /// The lower bounds on the rest of a schedule that prune the search,
  /// built once per window.
  struct Floors {
    let cost: CostFloor
    /// The cheapest price of work per tick (nil where every speed is 1,
    /// when it is `cost` itself).
    let work: CostFloor?
    let starts: StartsFloor
    let priced: PricedWorkFloor

    init(job: DeadlineJob, window: DeadlineWindow, ticks: Int) {
      cost = CostFloor(window: window, ticks: ticks)
      work = window.unitSpeed ? nil : CostFloor(window: window, ticks: ticks, perWork: true)
      starts = StartsFloor(
        window: window, ticks: ticks, restartOverhead: window.leastRestart(job: job))
      priced = PricedWorkFloor(job: job, window: window, ticks: ticks)
    }
  }

  /// The cheapest schedule that costs less than `bound`, or nil.
  static func search(
    job: DeadlineJob, window: DeadlineWindow, ticks: Int, floors: Floors, bound: Double
  ) -> DeadlineOutcome? {
    var search = Search(job: job, window: window, floors: floors, bestCost: bound)
    var frontier: [Key: [Point]] = [.start: [.start]]
    for k in 0..<ticks {
      frontier = search.step(frontier, at: k)
      if frontier.isEmpty { break }
    }
    return search.best.map {
      $0.0.outcome(finishedAt: $0.1, work: job.work, types: window.typeCount)
    }
  }

  /// Cross-state dominance at one place p. A point running at p with
  /// overhead o can make every move one running at p with more overhead
  /// can (its checkpoint is at p too; a preemption idles both at p), and,
  /// when o ≤ d_p (`restart(p)`, a start at p), every move of one idle
  /// with its checkpoint at p (to go on at p costs it o, the idle one d_p;
  /// to start anywhere else costs both the same). With at most the cost
  /// and at least the work, it dominates.
  static func dropDominatedAcrossStates(
    _ states: inout [Key: [Point]], restart: (Int) -> Double
  ) {
    var byPlace: [Int32: [(Double, [Point])]] = [:]
    for (key, points) in states where key.place >= 0 {
      byPlace[key.place, default: []].append((key.overhead, points))
    }
    for (place, running) in byPlace {
      let sorted = running.sorted { $0.0 < $1.0 }
      // Running states with more overhead, against every one with less.
      for i in sorted.indices.dropFirst() {
        let key = Key(place: place, home: place, overhead: sorted[i].0)
        for j in 0..<i { removeDominated(&states[key]!, by: sorted[j].1) }
      }
      let idle = Key(place: -1, home: place, overhead: 0)
      guard states[idle] != nil else { continue }
      let d = restart(Int(place))
      for (overhead, points) in sorted where overhead <= d + 1e-12 {
        removeDominated(&states[idle]!, by: points)
      }
      if states[idle]!.isEmpty { states[idle] = nil }
    }
  }

  /// Drops from `points` those a point of `front` dominates: at least the
  /// work for at most the cost (both sorted most work first).
  static func removeDominated(_ points: inout [Point], by front: [Point]) {
    guard !front.isEmpty, !points.isEmpty else { return }
    var j = 0
    var cheapest = Double.infinity
    points = points.filter { p in
      while j < front.count && front[j].done >= p.done - 1e-12 {
        cheapest = Swift.min(cheapest, front[j].cost)
        j += 1
      }
      return cheapest > p.cost + 1e-12
    }
  }

  /// The points no other point dominates (more work for no more cost), most
  /// work first; ties keep the first.
  static func paretoFront(_ points: [Point]) -> [Point] {
    guard points.count > 1 else { return points }
    let sorted = points.sorted { $0.done != $1.done ? $0.done > $1.done : $0.cost < $1.cost }
    var kept: [Point] = []
    var cheapest = Double.infinity
    for p in sorted where p.cost < cheapest - 1e-12 {
      kept.append(p)
      cheapest = p.cost
    }
    return kept
  }

  /// A fixed visiting order of states, so results never depend on hashing.
  static func order(_ a: Key, _ b: Key) -> Bool {
    (a.place, a.home, a.overhead) < (b.place, b.home, b.overhead)
  }
}
