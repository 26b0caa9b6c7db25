import Assignment

extension Simulator {
  /// The cost matrix of moving `rows` to every target: free slots on live,
  /// unwarned instances (by id), then fresh launches in every launchable
  /// pool, most economical first. Each pair costs the marginal dollars the
  /// run would pay (`MigrationCostModel`).
  mutating func migrationProblem(
    _ rows: [Int32], wanted: [Capacity], avoiding: Set<Int> = [], hazards: [Int: Double] = [:]
  ) -> MigrationProblem {
    let (targets, targetPool) = migrationTargets(rows: rows.count, avoiding: avoiding)
    let costs = migrationCosts(
      rows, wanted: wanted, targets: targets, targetPool: targetPool, hazards: hazards)
    return MigrationProblem(
      costs: CostMatrix(rows: rows.count, columns: targets.count, values: costs), targets: targets)
  }

  /// Where `rows` tasks could go, each with its pool: free slots on live,
  /// unwarned instances (by id), then fresh launches in every launchable
  /// pool, most economical first.
  mutating func migrationTargets(rows: Int, avoiding: Set<Int>) -> (
    targets: [MigrationTarget], pools: [Int]
  ) {
    // Sized once: a few targets per pool, grown one append at a time, were
    // three allocations each.
    let expected = pools.count * Swift.min(rows, 4) + pools.count
    var targets: [MigrationTarget] = []
    targets.reserveCapacity(expected)
    var targetPool: [Int] = []
    targetPool.reserveCapacity(expected)
    var existing: [(Int32, Int)] = []
    existing.reserveCapacity(expected)
    // One buffer for every pool's free instances: this runs at every
    // warning, where an array per pool allocated each time.
    var taken: [Int32] = []
    for p in pools.indices where !avoiding.contains(p) {
      taken.removeAll(keepingCapacity: true)
      while taken.count < rows, let id = firstFree(in: p) {
        _ = pools[p].free.popMin()
        // The heap may hold an instance twice; copies pop one after another.
        if taken.last == id { continue }
        taken.append(id)
        existing.append((id, p))
      }
      for id in taken { pools[p].free.insert(id) }
    }
    existing.sort { $0.0 < $1.0 }
    for (id, p) in existing {
      let room = Int(instances[Int(id)].slotCount - instances[Int(id)].occupied)
      targets.append(
        MigrationTarget(
          kind: .existing(instance: Int(id)), capacity: pools[p].capacity,
          slots: Swift.min(room, rows)))
      targetPool.append(p)
    }
    var launchable: [Int] = []
    launchable.reserveCapacity(pools.count)
    for p in pools.indices where !avoiding.contains(p) && pools[p].canLaunch(at: now) {
      launchable.append(p)
    }
    launchable.sort { (pools[$0].unitPrice(at: now), $0) < (pools[$1].unitPrice(at: now), $1) }
    for p in launchable {
      // As many slots as the pool's remaining capacity can open.
      let room = pools[p].room(at: now)
      let (open, overflow) = room.multipliedReportingOverflow(by: pools[p].type.gpusPerInstance)
      targets.append(
        MigrationTarget(
          kind: .newLaunch(pool: p), capacity: pools[p].capacity,
          slots: overflow ? rows : Swift.min(rows, open)))
      targetPool.append(p)
    }
    return (targets, targetPool)
  }

  /// Each (row, target) pair's marginal dollars, row-major; infinity where
  /// the target's market or memory does not fit the row.
  func migrationCosts(
    _ rows: [Int32], wanted: [Capacity], targets: [MigrationTarget], targetPool: [Int],
    hazards: [Int: Double]
  ) -> [Double] {
    var rowsWanting = (spot: 0, onDemand: 0)
    for c in wanted {
      if c == .spot { rowsWanting.spot += 1 } else { rowsWanting.onDemand += 1 }
    }
    let width = targets.count
    var costs = [Double](repeating: .infinity, count: rows.count * width)
    for c in 0..<width {
      let p = targetPool[c]
      let pool = pools[p]
      var instance: Int32?
      var busyUntil = now
      var sharers = Swift.min(
        pool.type.gpusPerInstance,
        pool.capacity == .spot ? rowsWanting.spot : rowsWanting.onDemand)
      if case .existing(let id) = targets[c].kind {
        instance = Int32(id)
        busyUntil = self.busyUntil(Int32(id))
        sharers = Int(instances[id].occupied) + 1
      }
      let price = pool.price(at: now)
      let hazard = hazards[p] ?? pool.hazardEstimate(at: now)
      let transferable =
        Units.transferableMiB(gbps: pool.type.networkGbps, hours: pool.type.graceHours)
        / Double(Swift.max(1, sharers))
      for (r, task) in rows.enumerated() {
        let i = Int(task)
        guard pool.capacity == wanted[r], pool.fits(self.tasks[i]) else { continue }
        let restore = restoreHours(i, onto: p)
        let resume = resumeTime(i, onInstance: instance, pool: p, restore: restore)
        let runtime = (self.tasks[i].work - state[i].durable) / pool.type.relativeSpeed
        let end = resume + runtime
        // A launch bills its whole life, idle tail included; a slot on a
        // running instance bills only the time it adds past that instance's
        // own end (the idle tail is paid either way).
        let extra =
          instance == nil ? end - now + scenario.idleTimeout : Swift.max(0, end - busyUntil)
        let midState = self.tasks[i].stateMiB(
          atProgress: (state[i].durable + self.tasks[i].work) / 2)
        let ratio = midState > 0 ? transferable / midState : .infinity
        costs[r * width + c] = scenario.migrationCost.cost(
          MigrationCostModel.Pair(
            delayHours: resume - now, runtimeHours: runtime, extraInstanceHours: extra,
            instancePrice: price, slotPrice: price / Double(pool.type.gpusPerInstance),
            hazard: hazard, lossFraction: 1 - scenario.checkpoint.savedShare(forRatio: ratio),
            restartHours: pool.type.bootHours + restore,
            transferDollars: egressDollars(i, onto: p)))
      }
    }
    return costs
  }
}
