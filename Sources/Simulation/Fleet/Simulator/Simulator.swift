/// Runs one scenario: a discrete-event simulation of tasks on spot and
/// on-demand instances.
///
/// Pure and deterministic: no I/O, no clock, and every random draw comes
/// from a stream derived from the scenario's seed.
public struct Simulator {
  let scenario: Scenario
  let tasks: [TaskSpec]
  var pools: [Pool] = []
  var queue = EventQueue<SimulationEvent>()
  var state: [TaskRecord]
  var instances: [InstanceRecord] = []
  /// Every instance's task slots, contiguous per instance (-1 = free): one
  /// table instead of an array per instance.
  var slots: [Int32] = []
  var metrics = RunMetrics()
  var nextArrival = 0
  /// Completion times (from arrival) of the tasks completed so far; sorted
  /// once the run has finished.
  public internal(set) var completionTimes: [Double] = []
  /// When each reclaimed instance got its warning, in order.
  public internal(set) var reclaimWarnings: [Double] = []
  /// Every move made before a warning on a forecast (`ProactiveHandling`):
  /// when, and which task, in order.
  public internal(set) var proactiveMoves: [(time: Double, task: Int)] = []
  /// The planned cost (`MigrationCostModel`) of every placement a
  /// migration plan made, in order.
  public internal(set) var plannedPlacementCosts: [Double] = []
  /// Instances that may be alive, per capacity (compacted at reviews).
  var liveInstances: [Capacity: [Int32]] = [:]
  /// Tasks displaced by the warnings of the current instant, waiting for the
  /// one `migrateDisplaced` event that places them together.
  var displaced: [Int32] = []
  /// Zones, regions and continents of this run.
  public internal(set) var geography: Geography = .oneRegion(zones: 1)
  /// Every migration problem of two or more tasks, with the planned cost of
  /// the chosen plan beside those of the optimal, best-fit and naive plans.
  public internal(set) var migrationProblems: [MigrationProblemRecord] = []

  /// Prepares a run: draws the workload and every zone's market path.
  public init(_ scenario: Scenario) { self.init(scenario, workload: nil) }

  /// Prepares a run on `workload` when given: the tasks another run of the
  /// same seed, workload spec and fleet drew (the baseline's are the run's),
  /// else drawn here.
  init(_ scenario: Scenario, workload: [TaskSpec]?) {
    self.scenario = scenario
    tasks =
      workload
      ?? Self.scaledDeadlines(
        WorkloadGenerator(spec: scenario.workload).generate(
          horizon: scenario.horizon,
          seed: SeedDerivation.derive(scenario.seed, SeedStream.workload.rawValue)),
        slack: scenario.workload.deadlineSlack, fleet: scenario.fleet)
    state = Array(repeating: TaskRecord(), count: tasks.count)
    let market = scenario.market
    let zoneCount =
      scenario.fleet.map { market.zoneCount(for: $0, requested: scenario.zones) }
      .max() ?? 1
    geography =
      scenario.geography
      ?? market.zoneNames.map { Geography(zones: $0.map(Geography.Zone.init(named:))) }
      ?? .oneRegion(zones: zoneCount)
    for (a, type) in scenario.fleet.enumerated() {
      let zones = market.zoneCount(for: type, requested: scenario.zones)
      var variation = Xoshiro256StarStar(
        seed: SeedDerivation.derive(scenario.seed, SeedStream.zoneVariation.rawValue, UInt64(a)))
      let scale = scenario.zoneVariation.multipliers(zones: zones, using: &variation)
      for z in 0..<zones {
        var generator = Xoshiro256StarStar(
          seed: SeedDerivation.derive(
            scenario.seed, SeedStream.market.rawValue, UInt64(a), UInt64(z)))
        var path = market.path(for: type, zone: z, horizon: scenario.horizon, using: &generator)
        if market.isSynthetic { path = path.scaled(price: scale[z].0, hazard: scale[z].1) }
        pools.append(
          Pool(
            accelerator: a, zone: z, region: geography.region(ofZone: z % geography.zones.count),
            capacity: .spot, type: type, path: path,
            limit: scenario.spotCapacity.limit(type: type.name, zone: z)))
      }
      // On-demand can be launched in every region.
      for r in geography.regions.indices {
        let zone = geography.zones.indices.first { geography.region(ofZone: $0) == r } ?? 0
        pools.append(
          Pool(
            accelerator: a, zone: zone, region: r, capacity: .onDemand, type: type, path: nil))
      }
    }
  }

  /// Sets each deadline to arrival + slack × the task's runtime on the
  /// fastest type of the fleet that fits it (its reference work where none
  /// does), so a slack means the same on slow and fast hardware.
  static func scaledDeadlines(_ tasks: [TaskSpec], slack: Double?, fleet: [AcceleratorType])
    -> [TaskSpec]
  {
    guard let slack else { return tasks }
    return tasks.map { task in
      var task = task
      let fastest = fleet.filter { task.memoryGiB <= $0.memoryPerGPUGiB }.map(\.relativeSpeed)
        .max()
      task.deadline = task.arrival + slack * task.work / (fastest ?? 1)
      return task
    }
  }

  /// The generated workload.
  public var workload: [TaskSpec] { tasks }

  /// Each spot pool's capacity limit beside the most instances it ever had
  /// alive at once.
  public var spotPoolPeaks: [(type: String, zone: Int, limit: Int?, peak: Int)] {
    pools.filter { $0.capacity == .spot }.map { ($0.type.name, $0.zone, $0.limit, $0.peak) }
  }

  /// The realised spot price path of each spot pool, as (accelerator, zone, path).
  public var marketPaths: [(accelerator: String, zone: Int, path: MarketPath)] {
    pools.compactMap { p in p.path.map { (p.type.name, p.zone, $0) } }
  }

  /// Runs to the horizon and returns the metrics (baseline not set).
  public mutating func run() -> RunMetrics {
    metrics.tasks = tasks.count
    // Room for about an instance per task up front: growing these arrays
    // one doubling at a time copied them over and over.
    instances.reserveCapacity(tasks.count)
    slots.reserveCapacity(tasks.count)
    completionTimes.reserveCapacity(tasks.count)
    if !tasks.isEmpty { queue.schedule(.arrival(0), at: tasks[0].arrival) }
    if let interval = scenario.policy.reviewInterval, interval > 0,
      interval < scenario.horizon
    {
      queue.schedule(.review, at: interval)
    }
    if let proactive = scenario.proactive, proactive.intervalHours < scenario.horizon {
      queue.schedule(.proactiveReview, at: proactive.intervalHours)
    }
    queue.schedule(.horizon, at: scenario.horizon)
    scheduleCrunches()
    loop: while let (_, event) = queue.next() {
      metrics.eventsProcessed += 1
      switch event {
      case .arrival(let task): handleArrival(task)
      case .warning(let id): handleWarning(id)
      case .crunch(let zone): handleCrunch(Int(zone))
      case .migrateDisplaced: handleDisplaced()
      case .termination(let id): if instances[Int(id)].isAlive { end(id) }
      case .resume(let task, let epoch): handleResume(task, epoch)
      case .completion(let task, let epoch): handleCompletion(task, epoch)
      case .idleCheck(let id, let epoch): handleIdleCheck(id, epoch)
      case .retry(let task, let epoch):
        if state[Int(task)].epoch == epoch && state[Int(task)].status == .waiting {
          placeAlone(task, decision: decide(task))
        }
      case .review: handleReview()
      case .proactiveReview: handleProactiveReview()
      case .horizon: break loop
      }
    }
    finish()
    return metrics
  }

  /// Schedules `event` unless it falls after the horizon (it could not matter).
  mutating func schedule(_ event: SimulationEvent, at time: Double) {
    if time <= scenario.horizon { queue.schedule(event, at: time) }
  }

  var now: Double { queue.now }

  // MARK: - Task events

  mutating func handleArrival(_ task: Int32) {
    let i = Int(task)
    nextArrival = i + 1
    if nextArrival < tasks.count {
      schedule(.arrival(Int32(nextArrival)), at: tasks[nextArrival].arrival)
    }
    guard pools.indices.contains(where: { pools[$0].fits(tasks[i]) }) else {
      state[i].status = .failed
      metrics.failed += 1
      return
    }
    state[i].status = .waiting
    placeAlone(task, decision: decide(task))
  }

  mutating func handleResume(_ task: Int32, _ epoch: UInt32) {
    let i = Int(task)
    guard state[i].epoch == epoch, state[i].status == .starting else { return }
    state[i].status = .running
    state[i].runningSince = now
    schedule(.completion(task, epoch), at: state[i].expectedEnd)
  }

  mutating func handleCompletion(_ task: Int32, _ epoch: UInt32) {
    let i = Int(task)
    guard state[i].epoch == epoch, state[i].status == .running else { return }
    state[i].status = .completed
    state[i].progress = tasks[i].work
    state[i].completion = now
    metrics.completed += 1
    completionTimes.append(now - tasks[i].arrival)
    let instance = state[i].instance
    state[i].instance = -1
    release(task, from: instance)
  }

  /// Brings a running task's progress up to now.
  mutating func accrue(_ i: Int) {
    guard state[i].status == .running else { return }
    let speed = pools[Int(instances[Int(state[i].instance)].pool)].type.relativeSpeed
    state[i].progress = Swift.min(
      tasks[i].work, state[i].progress + (now - state[i].runningSince) * speed)
    state[i].runningSince = now
  }

  // MARK: - Instance events

  mutating func handleIdleCheck(_ id: Int32, _ epoch: UInt32) {
    let k = Int(id)
    guard instances[k].isAlive, !instances[k].warned, instances[k].isIdle,
      instances[k].idleEpoch == epoch
    else { return }
    end(id)
  }

  /// Stops billing an instance now.
  mutating func end(_ id: Int32) {
    let k = Int(id)
    let pool = pools[Int(instances[k].pool)]
    let start = instances[k].launchedAt
    let hours = now - start
    pools[Int(instances[k].pool)].alive -= 1
    if let path = pool.path {
      metrics.spotCost += path.price.integral(from: start, to: now)
      metrics.spotInstanceHours += hours
    } else {
      metrics.onDemandCost += pool.type.onDemandPrice * hours
      metrics.onDemandInstanceHours += hours
    }
    instances[k].endedAt = now
  }

  /// Removes a task from its instance and handles the freed slot.
  mutating func release(_ task: Int32, from id: Int32) {
    let k = Int(id)
    if let slot = instances[k].slotRange.first(where: { slots[$0] == task }) {
      slots[slot] = -1
      instances[k].occupied -= 1
    }
    guard instances[k].isAlive, !instances[k].warned else { return }
    pools[Int(instances[k].pool)].free.insert(id)
    guard instances[k].isIdle else { return }
    instances[k].idleEpoch &+= 1
    instances[k].idleSince = now
    if scenario.idleTimeout == 0 {
      end(id)
    } else {
      schedule(.idleCheck(id, instances[k].idleEpoch), at: now + scenario.idleTimeout)
    }
  }

  // MARK: - End of run

  mutating func finish() {
    _checkInvariants()
    for k in instances.indices where instances[k].isAlive { end(Int32(k)) }
    metrics.totalCost = metrics.spotCost + metrics.onDemandCost + metrics.egressCost
    summarizeMigrationProblems()
    metrics.unfinished = tasks.count - metrics.completed - metrics.failed
    for (i, task) in tasks.enumerated() {
      switch state[i].status {
      case .completed: metrics.completedWorkHours += task.work
      case .failed: break
      default: metrics.unfinishedWorkHours += task.work
      }
    }
    if metrics.completedWorkHours > 0 {
      metrics.costPerWorkHour = metrics.totalCost / metrics.completedWorkHours
    }
    for (i, task) in tasks.enumerated() {
      guard let deadline = task.deadline, state[i].status != .failed else { continue }
      if state[i].status == .completed {
        if state[i].completion > deadline { metrics.deadlineMisses += 1 }
      } else if deadline <= scenario.horizon {
        metrics.deadlineMisses += 1
      }
    }
    completionTimes.radixSort()
    // Statistics over completed tasks only: nil (never 0) when none
    // completed, and tail percentiles only when there are several to rank.
    if !completionTimes.isEmpty {
      metrics.completionMean = completionTimes.reduce(0, +) / Double(completionTimes.count)
      metrics.completionP50 = percentile(completionTimes, 0.50)
    }
    if completionTimes.count >= 2 {
      metrics.completionP95 = percentile(completionTimes, 0.95)
      metrics.completionP99 = percentile(completionTimes, 0.99)
    }
  }
}
