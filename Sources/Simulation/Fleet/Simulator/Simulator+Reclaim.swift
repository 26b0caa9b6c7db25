import Assignment

/// Reclaim warnings, grace-period checkpoints, migration and policy reviews.
extension Simulator {
  /// A warning stops the instance's tasks and checkpoints them over its
  /// shared link; placing them waits for `migrateDisplaced`, which runs
  /// after every other warning of the same instant, so that all the tasks
  /// displaced at one moment form one migration problem and no warned
  /// instance is offered as a target.
  mutating func handleWarning(_ id: Int32) {
    let k = Int(id)
    guard instances[k].isAlive, !instances[k].warned else { return }
    instances[k].warned = true
    metrics.instancesReclaimed += 1
    reclaimWarnings.append(now)
    let pool = pools[Int(instances[k].pool)]
    let grace = Swift.max(0, instances[k].reclaimTermination - now)
    schedule(.termination(id), at: instances[k].reclaimTermination)
    // The hit tasks join `displaced` directly: this runs at every warning
    // (26,000 on the scale scenario), where arrays of its own allocated.
    let first = displaced.count
    var running = 0
    for slot in instances[k].slotRange where slots[slot] >= 0 {
      let task = slots[slot]
      displaced.append(task)
      slots[slot] = -1
      if state[Int(task)].status == .running {
        accrue(Int(task))
        running += 1
      }
    }
    instances[k].occupied = 0
    let hit = displaced[first...]
    func checkpointing(_ i: Int) -> CheckpointPlanner.Checkpointing {
      .init(
        progress: state[i].progress, durable: state[i].durable,
        stateMiB: tasks[i].stateMiB(atProgress: state[i].progress))
    }
    let link = (gbps: pool.type.networkGbps, hours: grace)
    if running == 1, let task = hit.first(where: { state[Int($0)].status == .running }) {
      let decision = scenario.checkpoint.alone(
        checkpointing(Int(task)), bandwidthGbps: link.gbps, graceHours: link.hours)
      keep(decision, of: Int(task), region: pool.region)
    } else if running > 1 {
      let tasks = hit.filter { state[Int($0)].status == .running }
      let decisions = scenario.checkpoint.sharedLink(
        tasks.map { checkpointing(Int($0)) }, bandwidthGbps: link.gbps, graceHours: link.hours)
      for (task, decision) in zip(tasks, decisions) {
        keep(decision, of: Int(task), region: pool.region)
      }
    }
    for task in hit {
      let i = Int(task)
      state[i].progress = state[i].durable
      state[i].epoch &+= 1
      state[i].preemptions += 1
      state[i].status = .waiting
      state[i].instance = -1
      metrics.preemptions += 1
    }
    if first == 0 && !hit.isEmpty { schedule(.migrateDisplaced, at: now) }
  }

  /// Counts a grace-period checkpoint of task `i` and keeps what it saved
  /// (durable in `region`).
  mutating func keep(_ decision: CheckpointPlanner.Decision, of i: Int, region: Int) {
    switch decision.outcome {
    case .full: metrics.checkpointsFull += 1
    case .partial: metrics.checkpointsPartial += 1
    case .restart: metrics.checkpointsRestart += 1
    }
    metrics.workLostHours += state[i].progress - decision.durableProgress
    if decision.durableProgress > state[i].durable {
      state[i].durable = decision.durableProgress
      state[i].durableAt = now + decision.durableAfterHours
      state[i].storageRegion = Int32(region)
    }
  }

  /// Places every task displaced at this instant, as one problem.
  mutating func handleDisplaced() {
    let batch = displaced
    displaced = []
    migrate(batch, decisions: batch.map { decide($0) })
  }

  /// Sends displaced tasks where the policy and the migration planner say.
  /// Pools in `avoiding` offer no target; `hazards` overrides the reclaim
  /// hazard the planner prices a pool at (by pool index).
  mutating func migrate(
    _ tasks: [Int32], decisions: [PlacementDecision], avoiding: Set<Int> = [],
    hazards: [Int: Double] = [:]
  ) {
    var rows: [Int32] = []
    rows.reserveCapacity(tasks.count)
    var wanted: [Capacity] = []
    wanted.reserveCapacity(tasks.count)
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
    let problem = migrationProblem(rows, wanted: wanted, avoiding: avoiding, hazards: hazards)
    let choice = scenario.migration.plan(problem)
    if rows.count >= 2 { recordProblem(problem, chosen: choice) }
    // Tasks sent to the same new pool share fresh instances, in row order.
    var freshInstance: [Int: Int32] = [:]
    for (r, task) in rows.enumerated() {
      guard let c = choice[r], problem.costs.isAllowed(r, c) else {
        // Nothing fits now (e.g. spot unavailable everywhere): ask again later.
        wait(task, until: now + 0.25)
        continue
      }
      plannedPlacementCosts.append(problem.costs[r, c])
      switch problem.targets[c].kind {
      case .existing(let instance):
        attach(task, to: Int32(instance))
      case .newLaunch(let p):
        // One task alone has no one to share a fresh instance with.
        if rows.count == 1 {
          attach(task, to: launch(in: p))
          continue
        }
        var id = freshInstance[p]
        if id == nil || !instances[Int(id!)].hasRoom {
          id = launch(in: p)
          freshInstance[p] = id
        }
        attach(task, to: id!)
      }
    }
  }

  /// Keeps the planned costs of the chosen, optimal, best-fit and naive
  /// plans of a problem (the run follows only the chosen one).
  mutating func recordProblem(_ problem: MigrationProblem, chosen: [Int?]) {
    let costs = problem.costs
    func plan(_ strategy: AssignmentStrategy) -> MigrationProblemRecord.Plan {
      if strategy.rawValue == scenario.migration.name { return .init(chosen, costs) }
      return .init(strategy.solve(costs, capacities: problem.capacities).columnForRow, costs)
    }
    migrationProblems.append(
      MigrationProblemRecord(
        rows: costs.rows, chosen: .init(chosen, costs), optimal: plan(.optimal),
        bestFit: plan(.bestFit), naive: plan(.naive)))
  }

  /// The run's value-of-assignment metrics, from its problems.
  mutating func summarizeMigrationProblems() {
    var chosen = AssignmentRegret()
    var naive = AssignmentRegret()
    var bestFit = AssignmentRegret()
    for record in migrationProblems {
      chosen.add(record.chosen, optimum: record.optimal)
      naive.add(record.naive, optimum: record.optimal)
      bestFit.add(record.bestFit, optimum: record.optimal)
    }
    metrics.migrationProblems = migrationProblems.count
    metrics.largestMigrationProblem = migrationProblems.map(\.rows).max() ?? 0
    metrics.assignmentRegret = chosen.fraction
    metrics.assignmentRegretNaive = naive.fraction
    metrics.assignmentRegretBestFit = bestFit.fraction
    metrics.assignmentShortfallNaive = naive.shortfalls
    metrics.assignmentShortfallBestFit = bestFit.shortfalls
  }

  /// When instance `id` would stop being billed, bar its idle tail: its
  /// tasks' expected ends, or when it became idle.
  func busyUntil(_ id: Int32) -> Double {
    let k = Int(id)
    guard instances[k].occupied > 0 else { return instances[k].idleSince }
    var until = now
    for slot in instances[k].slotRange where slots[slot] >= 0 {
      until = Swift.max(until, state[Int(slots[slot])].expectedEnd)
    }
    return until
  }

  /// Periodic policy review of running tasks; the moves it asks for form
  /// one migration problem.
  mutating func handleReview() {
    var candidates: [Int32] = []
    for capacity in scenario.policy.reviewedCapacities {
      liveInstances[capacity]?.removeAll { !instances[Int($0)].isAlive }
      candidates += liveInstances[capacity] ?? []
    }
    var moves: [(Int32, Capacity)] = []
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
          moves.append((task, target))
        }
      }
    }
    for (task, _) in moves {
      checkpointAndRelease(task)
      metrics.voluntaryMigrations += 1
    }
    if !moves.isEmpty {
      migrate(moves.map(\.0), decisions: moves.map { $0.1 == .spot ? .spot : .onDemand })
    }
    if let interval = scenario.policy.reviewInterval {
      schedule(.review, at: now + interval)
    }
  }

  /// Takes a running task off its instance for a move nobody forced: it
  /// checkpoints everything, as there is no deadline on it, and the upload
  /// runs at the speed of the link of the instance it leaves.
  mutating func checkpointAndRelease(_ task: Int32) {
    let i = Int(task)
    checkpointFully(i, over: pools[Int(instances[Int(state[i].instance)].pool)])
    state[i].epoch &+= 1
    state[i].status = .waiting
    let instance = state[i].instance
    state[i].instance = -1
    release(task, from: instance)
  }

  /// Makes all of task `i`'s progress durable once uploaded over the link
  /// of `source`, the pool it runs in; its checkpoint is then in that
  /// pool's region.
  mutating func checkpointFully(_ i: Int, over source: Pool) {
    state[i].durable = state[i].progress
    state[i].durableAt =
      now
      + Units.transferHours(
        mib: tasks[i].stateMiB(atProgress: state[i].progress), gbps: source.type.networkGbps)
    state[i].storageRegion = Int32(source.region)
  }
}
