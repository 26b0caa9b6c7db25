import Assignment

/// Reclaim warnings, grace-period checkpoints, migration and policy reviews.
extension Simulator {
  mutating func handleWarning(_ id: Int32) {
    let k = Int(id)
    guard instances[k].isAlive, !instances[k].warned else { return }
    instances[k].warned = true
    metrics.instancesReclaimed += 1
    reclaimWarnings.append(now)
    let pool = pools[Int(instances[k].pool)]
    let grace = Swift.max(0, instances[k].reclaimTermination - now)
    schedule(.termination(id), at: instances[k].reclaimTermination)
    var displaced: [Int32] = []
    for slot in instances[k].slotRange where slots[slot] >= 0 {
      displaced.append(slots[slot])
      slots[slot] = -1
    }
    instances[k].occupied = 0
    for task in displaced {
      let i = Int(task)
      if state[i].status == .running {
        accrue(i)
        let decision = scenario.checkpoint.checkpoint(
          progress: state[i].progress, durable: state[i].durable,
          stateMiB: tasks[i].stateMiB(atProgress: state[i].progress),
          bandwidthGbps: pool.type.networkGbps, graceHours: grace)
        switch decision.outcome {
        case .full: metrics.checkpointsFull += 1
        case .partial: metrics.checkpointsPartial += 1
        case .restart: metrics.checkpointsRestart += 1
        }
        metrics.workLostHours += state[i].progress - decision.durableProgress
        state[i].durable = decision.durableProgress
      }
      state[i].progress = state[i].durable
      state[i].epoch &+= 1
      state[i].preemptions += 1
      state[i].status = .waiting
      state[i].instance = -1
      metrics.preemptions += 1
    }
    let decisions = displaced.map { decide($0) }
    migrate(displaced, decisions: decisions, sourceGbps: pool.type.networkGbps)
  }

  /// Sends displaced tasks where the policy and the migration planner say.
  mutating func migrate(_ tasks: [Int32], decisions: [PlacementDecision], sourceGbps: Double) {
    var rows: [Int32] = []
    var wanted: [Capacity] = []
    for (task, decision) in zip(tasks, decisions) {
      switch decision {
      case .wait(let until): wait(task, until: until)
      case .spot:
        rows.append(task)
        wanted.append(.spot)
      case .onDemand:
        rows.append(task)
        wanted.append(.onDemand)
      }
    }
    guard !rows.isEmpty else { return }
    let (problem, transfer) = migrationProblem(rows, wanted: wanted, sourceGbps: sourceGbps)
    let choice = scenario.migration.plan(problem)
    var freshInstance: [Int: Int32] = [:]  // pool -> launched instance with room
    for (r, task) in rows.enumerated() {
      guard let c = choice[r], problem.costs.isAllowed(r, c) else {
        // Nothing fits now (e.g. spot unavailable everywhere): ask again later.
        wait(task, until: now + 0.25)
        continue
      }
      let hours = transfer[r * problem.targets.count + c]
      switch problem.targets[c].kind {
      case .existing(let instance):
        attach(task, to: Int32(instance), transfer: hours)
      case .newLaunch(let p):
        var id = freshInstance[p]
        if id == nil || !instances[Int(id!)].hasRoom {
          id = launch(in: p)
          freshInstance[p] = id
        }
        attach(task, to: id!, transfer: hours)
      }
    }
  }

  /// The cost matrix of moving `rows` to every target, and the transfer hours
  /// of each pair (row-major, same shape).
  mutating func migrationProblem(
    _ rows: [Int32], wanted: [Capacity], sourceGbps: Double
  ) -> (MigrationProblem, [Double]) {
    var targets: [MigrationTarget] = []
    var targetPool: [Int] = []
    // Existing instances with room, by id.
    var existing: [(Int32, Int)] = []
    for p in pools.indices {
      var taken: [Int32] = []
      while taken.count < rows.count, let id = firstFree(in: p) {
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
          slots: Swift.min(room, rows.count)))
      targetPool.append(p)
    }
    // Fresh launches, most economical pool first.
    let launchable = pools.indices.filter { pools[$0].canLaunch(at: now) }
      .sorted { (pools[$0].unitPrice(at: now), $0) < (pools[$1].unitPrice(at: now), $1) }
    for p in launchable {
      targets.append(
        MigrationTarget(kind: .newLaunch(pool: p), capacity: pools[p].capacity, slots: rows.count))
      targetPool.append(p)
    }

    let width = targets.count
    var costs = [Double](repeating: .infinity, count: rows.count * width)
    var transfer = [Double](repeating: 0, count: rows.count * width)
    for (r, task) in rows.enumerated() {
      let i = Int(task)
      let durable = state[i].durable
      let stateMiB = durable > 0 ? self.tasks[i].stateMiB(atProgress: durable) : 0
      for c in 0..<width {
        let pool = pools[targetPool[c]]
        guard pool.capacity == wanted[r], pool.fits(self.tasks[i]) else { continue }
        let hours = Units.transferHours(
          mib: stateMiB, gbps: Swift.min(sourceGbps, pool.type.networkGbps))
        let boot: Double
        if case .existing(let id) = targets[c].kind {
          boot = Swift.max(0, instances[id].readyAt - now)
        } else {
          boot = pool.type.bootHours
        }
        transfer[r * width + c] = hours
        costs[r * width + c] = scenario.migrationCost.cost(
          MigrationCostModel.Pair(
            transferHours: hours, bootHours: boot,
            runtimeHours: (self.tasks[i].work - durable) / pool.type.relativeSpeed,
            slotPrice: pool.price(at: now) / Double(pool.type.gpusPerInstance),
            hazard: pool.hazard(at: now)))
      }
    }
    let problem = MigrationProblem(
      costs: CostMatrix(rows: rows.count, columns: width, values: costs), targets: targets)
    return (problem, transfer)
  }

  /// Periodic policy review of running tasks.
  mutating func handleReview() {
    var candidates: [Int32] = []
    for capacity in scenario.policy.reviewedCapacities {
      liveInstances[capacity]?.removeAll { !instances[Int($0)].isAlive }
      candidates += liveInstances[capacity] ?? []
    }
    var moves: [(Int32, Capacity, Double)] = []
    for id in candidates where !instances[Int(id)].warned {
      let pool = pools[Int(instances[Int(id)].pool)]
      for slot in instances[Int(id)].slotRange where slots[slot] >= 0 {
        let task = slots[slot]
        let i = Int(task)
        guard state[i].status == .running else { continue }
        accrue(i)
        let decision = scenario.policy.review(
          snapshot(i, capacity: pool.capacity), context: context(for: i))
        if case .move(let target) = decision, target != pool.capacity {
          moves.append((task, target, pool.type.networkGbps))
        }
      }
    }
    for (task, target, gbps) in moves {
      let i = Int(task)
      // A voluntary move checkpoints everything: there is no deadline on it.
      state[i].durable = state[i].progress
      state[i].epoch &+= 1
      state[i].status = .waiting
      let instance = state[i].instance
      state[i].instance = -1
      release(task, from: instance)
      metrics.voluntaryMigrations += 1
      migrate([task], decisions: [target == .spot ? .spot : .onDemand], sourceGbps: gbps)
    }
    if let interval = scenario.policy.reviewInterval {
      schedule(.review, at: now + interval)
    }
  }
}
