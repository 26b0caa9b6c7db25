/// Policy decisions, launches and first-fit placement.
extension Simulator {
  /// Work task `i` keeps if it moves now: all of it while running (reviews
  /// checkpoint fully), else what its last durable checkpoint saved.
  func movableProgress(_ i: Int) -> Double {
    state[i].status == .running ? state[i].progress : state[i].durable
  }

  /// What the policy sees of task `i` now.
  func snapshot(_ i: Int, capacity: Capacity? = nil) -> TaskSnapshot {
    TaskSnapshot(
      spec: tasks[i], progress: movableProgress(i), preemptions: Int(state[i].preemptions),
      capacity: capacity)
  }

  /// When spot that fits `task` can next be launched (now if it can). A
  /// pool that is available but full is tried again after
  /// `capacityRetryHours` (or when its crunch ends, if sooner).
  func nextSpotLaunch(for task: TaskSpec) -> Double? {
    var next: Double?
    // Indices, not elements: iterating the pools retains each one.
    for p in pools.indices where pools[p].capacity == .spot && pools[p].fits(task) {
      let pool = pools[p]
      guard var t = pool.path?.nextLaunchable(after: now) else { continue }
      if pool.room(at: t) == 0 {
        t = Swift.max(t, now + Self.capacityRetryHours)
        if pool.crunchUntil > now { t = Swift.min(t, pool.crunchUntil) }
      }
      next = Swift.min(next ?? t, t)
    }
    return next
  }

  /// Hours after which a task that found every pool full asks again.
  static let capacityRetryHours = 0.25

  /// What the policy sees of the market for task `i` now.
  func context(for i: Int) -> PolicyContext {
    let task = tasks[i]
    let spotNow = pools.indices.contains {
      pools[$0].capacity == .spot && pools[$0].fits(task) && pools[$0].canLaunch(at: now)
    }
    let onDemand = preferredPool(.onDemand, for: task).map { pools[$0].type }
    let progress = movableProgress(i)
    let transfer =
      progress > 0
      ? Units.transferHours(
        mib: task.stateMiB(atProgress: progress), gbps: onDemand?.networkGbps ?? 0) : 0
    return PolicyContext(
      now: now, spotAvailable: spotNow, nextSpotAvailable: nextSpotLaunch(for: task),
      onDemandSpeed: onDemand?.relativeSpeed ?? 1,
      restartOverhead: (onDemand?.bootHours ?? 0) + transfer)
  }

  /// Asks the policy where waiting task `task` should go.
  func decide(_ task: Int32) -> PlacementDecision {
    let i = Int(task)
    return scenario.policy.place(snapshot(i), context: context(for: i))
  }

  /// The most economical pool of `capacity` that fits `task` and can launch
  /// now (lowest index on ties).
  func preferredPool(_ capacity: Capacity, for task: TaskSpec) -> Int? {
    var best: Int?
    var bestPrice = Double.infinity
    for p in pools.indices
    where pools[p].capacity == capacity && pools[p].fits(task) && pools[p].canLaunch(at: now) {
      let price = pools[p].unitPrice(at: now)
      if price < bestPrice {
        best = p
        bestPrice = price
      }
    }
    return best
  }

  /// The lowest-id instance of pool `p` with a free slot, if any.
  mutating func firstFree(in p: Int) -> Int32? {
    while let id = pools[p].free.min {
      let k = Int(id)
      if instances[k].isAlive && !instances[k].warned
        && instances[k].hasRoom
      {
        return id
      }
      _ = pools[p].free.popMin()
    }
    return nil
  }

  /// Places one waiting task by the policy's decision: first fit into a free
  /// slot of that capacity, else a launch in the most economical pool.
  mutating func placeAlone(_ task: Int32, decision: PlacementDecision) {
    let i = Int(task)
    var capacity: Capacity
    switch decision {
    case .wait(let until):
      wait(task, until: until)
      return
    case .spot: capacity = .spot
    case .onDemand: capacity = .onDemand
    }
    for p in pools.indices where pools[p].capacity == capacity && pools[p].fits(tasks[i]) {
      if let id = firstFree(in: p) {
        attach(task, to: id)
        return
      }
    }
    var pool = preferredPool(capacity, for: tasks[i])
    if pool == nil && capacity == .spot {
      // Spot cannot be had right now: wait for it, or give up on it.
      if let next = nextSpotLaunch(for: tasks[i]) {
        wait(task, until: next)
        return
      }
      capacity = .onDemand
      pool = preferredPool(capacity, for: tasks[i])
    }
    guard let p = pool else {
      wait(task, until: now + 0.25)
      return
    }
    attach(task, to: launch(in: p))
  }

  /// Hours to start task `i` on an instance of pool `p`: its model weights
  /// from the target region's replica, and its durable checkpoint from the
  /// object store of the region that wrote it, each at the slower of the
  /// target's link and the path (in-region, cross-region, cross-continent).
  /// Arrivals, retries and migrations all start this way.
  func restoreHours(_ i: Int, onto p: Int) -> Double {
    let link = pools[p].type.networkGbps
    let network = scenario.network
    var hours = 0.0
    if tasks[i].weightsMiB > 0 {
      hours += Units.transferHours(
        mib: tasks[i].weightsMiB, gbps: Swift.min(link, network.inRegionGbps))
    }
    let durable = state[i].durable
    guard durable > 0 else { return hours }
    let path = network.gbps(
      from: Int(state[i].storageRegion), to: pools[p].region, in: geography)
    return hours
      + Units.transferHours(
        mib: tasks[i].stateMiB(atProgress: durable), gbps: Swift.min(link, path))
  }

  /// Egress dollars to move task `i`'s durable checkpoint to pool `p`'s region.
  func egressDollars(_ i: Int, onto p: Int) -> Double {
    let durable = state[i].durable
    guard durable > 0 else { return 0 }
    let price = scenario.network.egressPerGB(
      from: Int(state[i].storageRegion), to: pools[p].region, in: geography)
    return price > 0 ? price * Units.gigabytes(mib: tasks[i].stateMiB(atProgress: durable)) : 0
  }

  /// When task `i` would compute again on instance `id` (or, with `id` nil,
  /// on a fresh launch in pool `p`): once the instance is ready, the
  /// checkpoint is durable and the restores ahead of it on the instance's
  /// link are done, plus its own restore (`restore`, its `restoreHours`).
  func resumeTime(_ i: Int, onInstance id: Int32?, pool p: Int, restore: Double) -> Double {
    var start = Swift.max(now, state[i].durableAt)
    if let id {
      start = Swift.max(start, instances[Int(id)].readyAt, instances[Int(id)].restoreFreeAt)
    } else {
      start = Swift.max(start, now + pools[p].type.bootHours)
    }
    return start + restore
  }

  mutating func wait(_ task: Int32, until time: Double) {
    let i = Int(task)
    state[i].status = .waiting
    // Never re-ask at the same instant: that could loop for ever.
    schedule(.retry(task, state[i].epoch), at: Swift.max(time, now + 1.0 / 60.0))
  }

  /// Launches an instance in pool `p` and schedules its reclaim.
  mutating func launch(in p: Int) -> Int32 {
    let id = Int32(instances.count)
    let type = pools[p].type
    if pools[p].lastLaunchTime == now {
      pools[p].launchesAtLastTime += 1
    } else {
      pools[p].lastLaunchTime = now
      pools[p].launchesAtLastTime = 0
    }
    let ready = now + type.bootHours
    #if DEBUG
      precondition(pools[p].room(at: now) > 0, "launch beyond the capacity of pool \(p)")
    #endif
    pools[p].alive += 1
    pools[p].peak = Swift.max(pools[p].peak, pools[p].alive)
    var warning = Double.infinity
    var rank: UInt64 = 0
    var termination = Double.infinity
    if let path = pools[p].path {
      // Keyed by pool and launch time (and the launch's place among those of
      // the same instant), not by how many launches came before: one
      // different placement earlier in the run must not reshuffle every
      // later reclaim.
      var draw = SplitMix64(
        seed: SeedDerivation.derive(
          scenario.seed, SeedStream.reclaim.rawValue, UInt64(pools[p].accelerator),
          UInt64(pools[p].zone), now.bitPattern, pools[p].launchesAtLastTime))
      let exposure = draw.nextExponential(rate: 1)
      rank = SeedDerivation.derive(
        scenario.seed, SeedStream.crunchRank.rawValue, UInt64(pools[p].accelerator),
        UInt64(pools[p].zone), now.bitPattern, pools[p].launchesAtLastTime)
      if let reclaim = path.reclaim(
        exposedFrom: ready, launchedAt: now, grace: type.graceHours, draw: exposure)
      {
        warning = reclaim.warning
        termination = reclaim.termination
      }
    }
    instances.append(
      InstanceRecord(
        pool: Int32(p), launchedAt: now, readyAt: ready, reclaimWarning: warning,
        reclaimTermination: termination, crunchRank: rank, restoreFreeAt: now, idleSince: now,
        slotBase: Int32(slots.count), slotCount: Int32(type.gpusPerInstance)))
    slots.append(contentsOf: repeatElement(-1, count: type.gpusPerInstance))
    liveInstances[pools[p].capacity, default: []].append(id)
    metrics.instancesLaunched += 1
    if type.gpusPerInstance > 1 { pools[p].free.insert(id) }
    if warning.isFinite { schedule(.warning(id), at: warning) }
    return id
  }

  /// Puts a task on an instance; it resumes once the instance is ready and
  /// its state is restored (`resumeTime`).
  mutating func attach(_ task: Int32, to id: Int32) {
    let i = Int(task)
    let k = Int(id)
    let p = Int(instances[k].pool)
    let slot = instances[k].slotRange.first { slots[$0] < 0 }!
    let restore = restoreHours(i, onto: p)
    let resume = resumeTime(i, onInstance: id, pool: p, restore: restore)
    slots[slot] = task
    instances[k].occupied += 1
    instances[k].idleEpoch &+= 1
    state[i].status = .starting
    state[i].instance = id
    state[i].progress = state[i].durable
    state[i].expectedEnd =
      resume + (tasks[i].work - state[i].durable) / pools[p].type.relativeSpeed
    if restore > 0 {
      instances[k].restoreFreeAt = resume
      metrics.transferHours += restore
      if state[i].durable > 0 {
        metrics.migratedGiB += tasks[i].stateMiB(atProgress: state[i].durable) / 1024
      }
    }
    metrics.egressCost += egressDollars(i, onto: p)
    schedule(.resume(task, state[i].epoch), at: resume)
  }
}
