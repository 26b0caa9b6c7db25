/// One job with a deadline on one zone's measured spot availability: the
/// setting of "Can't Be Late" (Wu et al., NSDI 2024).
///
/// Time is quantised to the trace's ticks, as in the paper's simulator: at
/// each tick the policy chooses to run on spot (only while spot is
/// available), on on-demand, or to idle, and each tick on an instance is
/// billed in full. Every start — a launch, a relaunch after a preemption, a
/// switch between spot and on-demand — costs a restart overhead `d` before
/// progress resumes; overhead not yet worked off is lost when spot is
/// preempted. Progress itself is never lost (the job checkpoints as it
/// goes) unless the job checkpoints periodically (`checkpointInterval`):
/// then a reclaim whose grace period is too short to write the checkpoint
/// (`checkpointWriteHours`) falls back to the last periodic checkpoint.
public struct DeadlineJob: Sendable, Hashable {
  /// Work in hours.
  public var work: Double
  /// Deadline in hours from the start of the window.
  public var deadline: Double
  /// Restart overhead in hours, charged on every start.
  public var restartOverhead: Double
  /// On-demand price in $ per hour.
  public var onDemandPrice: Double
  /// Hours of running between periodic checkpoints (rounded to whole
  /// ticks, at least one); 0: progress is kept as it is made (Can't Be
  /// Late's model), and nothing is ever lost but a start in progress.
  public var checkpointInterval = 0.0
  /// Hours writing the checkpoint to object storage takes: a reclaim whose
  /// grace period (`DeadlineWindow.graceHours`) is shorter loses the work
  /// since the last periodic checkpoint written by then.
  public var checkpointWriteHours = 0.0

  /// The job with progress kept as it is made: what the omniscient optimum
  /// solves, since a schedule that knows when spot ends writes its
  /// checkpoint before every reclaim and needs no grace period.
  public var keepingProgress: DeadlineJob {
    var job = self
    job.checkpointInterval = 0
    job.checkpointWriteHours = 0
    return job
  }

  /// Creates a job.
  public init(work: Double, deadline: Double, restartOverhead: Double, onDemandPrice: Double) {
    precondition(work > 0 && deadline > restartOverhead && restartOverhead >= 0)
    self.work = work
    self.deadline = deadline
    self.restartOverhead = restartOverhead
    self.onDemandPrice = onDemandPrice
  }
}

/// A window of one zone's trace: availability and spot price per tick.
public struct TraceWindow: Sendable, Equatable {
  /// Tick length in hours.
  public var tick: Double
  /// Spot availability per tick.
  public var available: [Bool]
  /// Spot price per tick, $ per hour.
  public var price: [Double]

  /// Creates a window; `available` and `price` have one entry per tick.
  public init(tick: Double, available: [Bool], price: [Double]) {
    precondition(tick > 0 && available.count == price.count && !available.isEmpty)
    self.tick = tick
    self.available = available
    self.price = price
  }

  /// The window of `trace` starting at `startHour` and `ticks` long (the
  /// last tick repeats if the trace ends first).
  public init(trace: AvailabilityTrace, startHour: Double, ticks: Int, fallbackPrice: Double) {
    let count = trace.available.count
    let start = Swift.min(Int(startHour / trace.tickHours), count - 1)
    // A slice of the trace, then its last tick repeated (copied in bulk:
    // sweeps build thousands of windows).
    let end = Swift.min(start + Swift.max(ticks, 0), count)
    var available = Array(trace.available[start..<end])
    var price =
      trace.prices.map { Array($0[start..<end]) }
      ?? Array(repeating: fallbackPrice, count: end - start)
    if ticks > end - start {
      available.append(
        contentsOf: repeatElement(trace.available[count - 1], count: ticks - (end - start)))
      price.append(
        contentsOf: repeatElement(
          trace.prices?[count - 1] ?? fallbackPrice, count: ticks - (end - start)))
    }
    self.init(tick: trace.tickHours, available: available, price: price)
  }

  /// Ticks needed to cover `hours`.
  public static func ticks(covering hours: Double, tick: Double) -> Int {
    Int((hours / tick).rounded(.up))
  }

  /// Seeded random start hours for `count` windows of `hours` that fit in a
  /// trace of `traceTicks` ticks (sorted, distinct when the trace allows).
  public static func randomStarts(
    count: Int, hours: Double, traceTicks: Int, tick: Double, seed: UInt64
  ) -> [Double] {
    let span = traceTicks - ticks(covering: hours, tick: tick)
    guard span > 0 else { return Array(repeating: 0, count: Swift.max(0, count)) }
    var rng = Xoshiro256StarStar(seed: seed)
    var chosen = Set<Int>()
    var starts: [Int] = []
    while starts.count < count {
      let k = Int(rng.next() % UInt64(span + 1))
      if chosen.insert(k).inserted || chosen.count > span { starts.append(k) }
    }
    return starts.sorted().map { Double($0) * tick }
  }
}

/// What a deadline-job run produced.
public struct DeadlineOutcome: Sendable, Equatable {
  /// Dollars spent.
  public var cost: Double
  /// Dollars on spot.
  public var spotCost: Double
  /// Hours billed on spot.
  public var spotHours: Double
  /// Hours billed on on-demand.
  public var onDemandHours: Double
  /// Preemptions suffered.
  public var preemptions: Int
  /// Restarts paid (each a restart overhead).
  public var restarts: Int
  /// When the work was done (hours), or nil if it was not by the deadline.
  public var finishedAt: Double?
  /// Dollars of egress paid moving the checkpoint between regions.
  public var egressCost = 0.0
  /// Starts that moved the checkpoint (to another zone or region).
  public var migrations = 0
  /// Probes made (modelled probing only).
  public var probes = 0
  /// Dollars billed for probes that found spot (included in `cost`).
  public var probeCost = 0.0
  /// Hours of work (at the places where it was done) lost to reclaims that
  /// came before the checkpoint could be written (periodic checkpoints only).
  public var lostWork = 0.0
  /// Work done on places of another accelerator type than the window's
  /// own (type 0).
  public var otherTypeWork = 0.0
  /// Work done on each accelerator type of the window, by its index in
  /// `DeadlineWindow.types` (the own type's at 0). The simulator counts it
  /// exactly; the exact optimum in single precision, with any type past
  /// the fifth counted with the fifth. Empty where no one counted it.
  public var workByType: [Double] = []

  /// Whether the deadline was missed.
  public var missed: Bool { finishedAt == nil }
}
