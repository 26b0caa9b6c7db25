import HeapModule

/// An (accelerator, zone, capacity) from which instances are launched.
///
/// A class, internal to one run: the event loop reads pools on every
/// decision, and a reference avoids copying the market path and free-slot
/// heap each time.
final class Pool {
  let accelerator: Int
  /// Spot zone (for on-demand: the first zone of its region).
  let zone: Int
  /// Region index in the scenario's geography.
  let region: Int
  let capacity: Capacity
  let type: AcceleratorType
  /// The realised spot market; nil for on-demand.
  let path: MarketPath?
  /// Time of the latest launch, and how many launches happened at exactly
  /// that time before the next one: with the pool and the time they key each
  /// instance's reclaim draw, so two runs that launch in this pool at the
  /// same moment see the same reclaim (common random numbers).
  var lastLaunchTime = -Double.infinity
  var launchesAtLastTime: UInt64 = 0
  /// Instances this pool may have alive at once (nil: unlimited).
  let limit: Int?
  /// Instances alive now, and the most ever alive at once.
  var alive = 0
  var peak = 0
  /// A crunch holds the pool to `crunchLimit` instances until `crunchUntil`.
  var crunchUntil = -Double.infinity
  var crunchLimit = 0
  /// Instances that may have a free slot, lowest id first (stale entries are
  /// skipped when popped).
  var free = Heap<Int32>()

  init(
    accelerator: Int, zone: Int, region: Int, capacity: Capacity, type: AcceleratorType,
    path: MarketPath?, limit: Int? = nil
  ) {
    self.accelerator = accelerator
    self.zone = zone
    self.region = region
    self.capacity = capacity
    self.type = type
    self.path = path
    self.limit = limit
  }

  /// Instances that may still be launched at `t` (Int.max: no limit).
  func room(at t: Double) -> Int {
    var cap = limit ?? Int.max
    if t < crunchUntil { cap = Swift.min(cap, crunchLimit) }
    return cap == Int.max ? Int.max : Swift.max(0, cap - alive)
  }

  func fits(_ task: TaskSpec) -> Bool { task.memoryGiB <= type.memoryPerGPUGiB }

  func price(at t: Double) -> Double { path?.price.value(at: t) ?? type.onDemandPrice }

  /// The reclaim hazard per hour as a planner may know it at `t`: the
  /// market's own hazard where it has one; on a trace, an estimate from the
  /// availability seen up to `t` (never the future), shrunk toward the
  /// type's catalog hazard with 24 h of prior weight; 0 on on-demand.
  func hazardEstimate(at t: Double) -> Double {
    guard let path else { return 0 }
    if let hazard = path.hazard { return hazard.value(at: t) }
    if let availability = path.availability {
      return availability.estimatedHazard(
        at: t, priorRate: type.hazardPerHour, priorHours: Self.hazardPriorHours)
    }
    return 0
  }

  /// Prior weight, in available hours, of the catalog hazard in a trace
  /// pool's online estimate.
  static let hazardPriorHours = 24.0

  func canLaunch(at t: Double) -> Bool {
    room(at: t) > 0 && (path?.canLaunch(at: t, lasting: type.graceHours) ?? true)
  }

  /// Dollars per slot per reference work-hour now: how pools are ranked.
  func unitPrice(at t: Double) -> Double {
    price(at: t) / (Double(type.gpusPerInstance) * type.relativeSpeed)
  }
}

/// Where a task is in its life.
enum TaskStatus: UInt8 {
  case notArrived, waiting, starting, running, completed, failed
}

/// The mutable state of one task during a run.
struct TaskRecord {
  var status = TaskStatus.notArrived
  /// Work done, as of `runningSince` while running.
  var progress = 0.0
  /// Work saved by the last durable checkpoint.
  var durable = 0.0
  var runningSince = 0.0
  var instance: Int32 = -1
  /// Bumped whenever the task is interrupted, so stale events are ignored.
  var epoch: UInt32 = 0
  var preemptions: Int32 = 0
  /// When the durable checkpoint can be read from storage (its upload in
  /// the grace period is done).
  var durableAt = 0.0
  /// The region whose object store holds the durable checkpoint.
  var storageRegion: Int32 = 0
  /// When the task would finish where it is placed, if not interrupted.
  var expectedEnd = 0.0
  var completion = -1.0
}

/// The mutable state of one instance during a run.
struct InstanceRecord {
  let pool: Int32
  let launchedAt: Double
  let readyAt: Double
  /// Scheduled reclaim, if any (spot only); a crunch may bring the
  /// termination forward.
  let reclaimWarning: Double
  var reclaimTermination: Double
  /// Order in which crunches take this instance (lowest first), keyed like
  /// its reclaim draw so runs that launch alike rank alike.
  let crunchRank: UInt64
  var warned = false
  /// The instance's link is busy restoring tasks until then (restores into
  /// one instance share its link, one after another).
  var restoreFreeAt = 0.0
  /// When the instance last became idle.
  var idleSince = 0.0
  /// Billing end; negative while alive.
  var endedAt = -1.0
  /// This instance's slots are `slots[slotBase ..< slotBase + slotCount]`
  /// in the simulator's flat slot table (-1 = free).
  let slotBase: Int32
  let slotCount: Int32
  /// Slots holding a task.
  var occupied: Int32 = 0
  /// Bumped whenever the instance stops being idle.
  var idleEpoch: UInt32 = 0

  var isAlive: Bool { endedAt < 0 }
  var isIdle: Bool { occupied == 0 }
  var hasRoom: Bool { occupied < slotCount }
  var slotRange: Range<Int> { Int(slotBase)..<Int(slotBase + slotCount) }
}

/// What the event loop handles. Task and instance events carry an epoch so
/// that an interrupted task's superseded events never fire.
enum SimulationEvent {
  case arrival(Int32)
  case warning(Int32)
  /// A capacity crunch in a zone.
  case crunch(Int32)
  /// The tasks displaced by every warning of this instant are placed, as one
  /// migration problem.
  case migrateDisplaced
  case termination(Int32)
  /// Instance ready and state restored: the task starts computing.
  case resume(Int32, UInt32)
  case completion(Int32, UInt32)
  case idleCheck(Int32, UInt32)
  /// A waiting task asks the policy again.
  case retry(Int32, UInt32)
  case review
  /// Forecasts are asked whether a zone is about to lose its capacity.
  case proactiveReview
  case horizon
}
