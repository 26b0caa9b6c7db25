/// The fleet lower bound of a run, on its own realised path.
extension Simulator {
  /// The least cost any schedule could pay to complete every task that can
  /// be completed at all (its work fits between its arrival and the horizon
  /// on a type it fits), each by its due time (`dueTime`: its deadline
  /// where one can be met, else the horizon), on this run's
  /// workload, prices, availability and spot limits (`FleetBound`). It
  /// reads nothing a policy decides, so every run of a replicate on the
  /// same path has the same bound.
  ///
  /// - Parameters:
  ///   - slotHours: the slot width; at most `maxSlots` slots are used (the
  ///     width grows to fit), so long horizons stay small.
  ///   - aggregate: whether identical tasks share one class (the default;
  ///     false gives every task its own, for tests).
  public func lowerBound(slotHours: Double = 1, maxSlots: Int = 500, aggregate: Bool = true)
    -> FleetBound
  {
    let horizon = scenario.horizon
    let width = Swift.max(slotHours, horizon / Double(maxSlots))
    let count = Swift.max(1, Int((horizon / width - 1e-9).rounded(.up)))
    let slots = (0..<count).map { t in
      (Double(t) * width, Swift.min(horizon, Double(t + 1) * width))
    }
    // On-demand is the same everywhere for a type: one pool per type.
    var boundPools: [FleetBound.Pool] = []
    var types: [AcceleratorType] = []
    var seenOnDemand: Set<Int> = []
    for pool in pools {
      let gpus = Double(pool.type.gpusPerInstance)
      if let path = pool.path {
        boundPools.append(
          FleetBound.Pool(
            price: slots.map { path.price.minimum(from: $0.0, to: $0.1) / gpus },
            availableHours: slots.map { path.availableHours(from: $0.0, to: $0.1) },
            speed: pool.type.relativeSpeed,
            gpuLimit: pool.limit.map { $0 * pool.type.gpusPerInstance }))
      } else {
        guard seenOnDemand.insert(pool.accelerator).inserted else { continue }
        boundPools.append(
          FleetBound.Pool(
            price: slots.map { _ in pool.type.onDemandPrice / gpus },
            availableHours: slots.map { $0.1 - $0.0 }, speed: pool.type.relativeSpeed))
      }
      types.append(pool.type)
    }
    struct Key: Hashable {
      var id: Int
      var work: Double
      var slots: Range<Int>
      var pools: [Int]
    }
    var counts: [Key: Int] = [:]
    var order: [Key] = []
    for (i, task) in tasks.enumerated() where completable(task) {
      let first = Swift.min(count - 1, Int(task.arrival / width))
      // The slots that overlap [arrival, due time).
      let end = Swift.max(
        first + 1, Swift.min(count, Int((dueTime(task) / width - 1e-9).rounded(.up))))
      let fits = types.indices.filter { task.memoryGiB <= types[$0].memoryPerGPUGiB }
      let key = Key(id: aggregate ? 0 : i, work: task.work, slots: first..<end, pools: fits)
      if counts[key] == nil { order.append(key) }
      counts[key, default: 0] += 1
    }
    return FleetBound(
      slotLengths: slots.map { $0.1 - $0.0 }, pools: boundPools,
      classes: order.map {
        FleetBound.TaskClass(count: counts[$0]!, work: $0.work, slots: $0.slots, pools: $0.pools)
      })
  }

  /// What the run would have paid to also finish on on-demand, each by its
  /// due time, every task the bound requires that the run left unfinished
  /// or finished after its due time: each one's work at the least on-demand
  /// dollars per reference work-hour among the types it fits that can
  /// finish it from its arrival by its due time. The run's cost plus this
  /// is the cost of a schedule that completes the bound's work in time, so
  /// the bound is never above it (`docs/model.md`). Call after `run()`.
  public func shortfallOnDemandCost() -> Double {
    var dollars = 0.0
    for (i, task) in tasks.enumerated() where completable(task) {
      let due = dueTime(task)
      let done = state[i].status == .completed && state[i].completion <= due + 1e-9
      guard !done else { continue }
      let rates = scenario.fleet.filter { fits(task, on: $0, by: due) }
        .map { $0.onDemandPrice / (Double($0.gpusPerInstance) * $0.relativeSpeed) }
      dollars += task.work * (rates.min() ?? 0)
    }
    return dollars
  }

  /// Whether some schedule completes `task` by the horizon: its work fits
  /// between its arrival and the horizon on a type it fits.
  func completable(_ task: TaskSpec) -> Bool {
    scenario.fleet.contains { fits(task, on: $0, by: scenario.horizon) }
  }

  /// When the bound requires `task` done: its deadline, where that is
  /// before the horizon and a type it fits can finish it by then from its
  /// arrival; else the horizon.
  func dueTime(_ task: TaskSpec) -> Double {
    if let deadline = task.deadline, deadline < scenario.horizon,
      scenario.fleet.contains(where: { fits(task, on: $0, by: deadline) })
    {
      return deadline
    }
    return scenario.horizon
  }

  /// Whether `task` fits `type`'s GPU memory and its work fits between its
  /// arrival and `time` at the type's speed.
  func fits(_ task: TaskSpec, on type: AcceleratorType, by time: Double) -> Bool {
    task.memoryGiB <= type.memoryPerGPUGiB
      && task.work <= type.relativeSpeed * (time - task.arrival)
  }
}

extension StepFunction {
  /// The least value in force during [a, b).
  func minimum(from a: Double, to b: Double) -> Double {
    let first = index(a)
    let last = Swift.max(first, index(Swift.max(a, b.nextDown)))
    return values[first...last].min()!
  }
}

extension MarketPath {
  /// Hours of [a, b) during which spot capacity can be had (all of them
  /// without a measured availability).
  func availableHours(from a: Double, to b: Double) -> Double {
    guard let availability, b > a else { return Swift.max(0, b - a) }
    let tick = availability.tick
    var hours = 0.0
    var i = availability.index(a)
    while true {
      // After the last tick its state holds.
      let start = Swift.max(a, Double(i) * tick)
      let end = i == availability.available.count - 1 ? b : Swift.min(b, Double(i + 1) * tick)
      if end > start && availability.available[i] { hours += end - start }
      if end >= b || i == availability.available.count - 1 { break }
      i += 1
    }
    return hours
  }
}
