/// Forecast reviews: moving work off a zone before its predicted loss
/// (`ProactiveHandling`).
extension Simulator {
  /// Asks every spot zone's forecaster about the next interval; the tasks
  /// running in zones predicted to fail move at once, as one migration
  /// problem priced by predicted lifetimes.
  mutating func handleProactiveReview() {
    guard let proactive = scenario.proactive else { return }
    defer { schedule(.proactiveReview, at: now + proactive.intervalHours) }
    let forecasts = proactive.forecasts
    // The tick now falls in (a review on a tick boundary is in that tick).
    let tick = Int((now / forecasts.tickHours + 1e-9).rounded(.down))
    let loss = bySpotPool(forecasts) {
      forecasts.lossProbability(zone: $0, windowTick: tick, withinHours: proactive.intervalHours)
    }
    let atRisk = Set(loss.filter { $0.value > proactive.threshold }.keys)
    guard !atRisk.isEmpty else { return }
    // Targets are priced by predicted lifetime, asked only when tasks may move.
    var hazards: [Int: Double]?
    func lifetimeHazards() -> [Int: Double] {
      if let hazards { return hazards }
      let h = bySpotPool(forecasts) {
        1 / Swift.max(forecasts.expectedLifetime(zone: $0, windowTick: tick), forecasts.tickHours)
      }
      hazards = h
      return h
    }
    liveInstances[.spot]?.removeAll { !instances[Int($0)].isAlive }
    var moves: [(task: Int32, decision: PlacementDecision)] = []
    for id in liveInstances[.spot] ?? [] {
      let k = Int(id)
      let p = Int(instances[k].pool)
      guard atRisk.contains(p), !instances[k].warned else { continue }
      for slot in instances[k].slotRange where slots[slot] >= 0 {
        let task = slots[slot]
        let i = Int(task)
        guard state[i].status == .running else { continue }
        // Decided before the task leaves: a move that would have to wait,
        // or find no safe spot pool, is not made (the task stays and is
        // handled when the warning comes, if it comes). A task that stays
        // keeps its record untouched, so a review that moves nothing leaves
        // the run bit-identical to a reactive one.
        let before = state[i]
        accrue(i)
        let decision = decide(task)
        guard hasSafeTarget(for: i, decision: decision, avoiding: atRisk),
          proactive.test == .threshold
            || movePays(
              i, from: k, decision: decision, loss: loss[p]!, within: proactive.intervalHours,
              avoiding: atRisk, hazards: lifetimeHazards())
        else {
          state[i] = before
          continue
        }
        moves.append((task, decision))
      }
    }
    guard !moves.isEmpty else { return }
    for move in moves {
      checkpointAndRelease(move.task)
      metrics.proactiveMigrations += 1
      proactiveMoves.append((now, Int(move.task)))
    }
    migrate(
      moves.map(\.task), decisions: moves.map(\.decision), avoiding: atRisk,
      hazards: lifetimeHazards())
  }

  /// The value test of a move off instance `k` (`ProactiveHandling.Test`),
  /// in the terms of the run's migration cost model. Staying costs task
  /// `i`'s remaining runtime at its slot's price (with the instance's idle
  /// tail, as a fresh launch is priced), plus the expected rework: a loss
  /// with probability `loss` within the next `within` hours, which loses
  /// what the grace checkpoint cannot save of the progress at stake (since
  /// its last durable checkpoint, plus half the interval) and forces a
  /// restart; then losses at the zone's predicted-lifetime hazard over the
  /// rest of the runtime, priced as the planner prices a target's. Moving
  /// costs the cheapest target of the migration problem the move would
  /// pose, with the checkpoint taken now. Leaves the task as it was.
  mutating func movePays(
    _ i: Int, from k: Int, decision: PlacementDecision, loss: Double, within: Double,
    avoiding: Set<Int>, hazards: [Int: Double]
  ) -> Bool {
    let p = Int(instances[k].pool)
    let pool = pools[p]
    let speed = pool.type.relativeSpeed
    let atStake = (state[i].progress - state[i].durable) / speed
    let restart = pool.type.bootHours + restoreHours(i, onto: p)
    let kept = state[i]
    defer { state[i] = kept }
    // As `checkpointAndRelease` would leave it.
    checkpointFully(i, over: pool)
    let capacity: Capacity = decision == .onDemand ? .onDemand : .spot
    let problem = migrationProblem(
      [Int32(i)], wanted: [capacity], avoiding: avoiding, hazards: hazards)
    var move = Double.infinity
    for c in 0..<problem.costs.columns where problem.costs.isAllowed(0, c) {
      move = Swift.min(move, problem.costs[0, c])
    }
    let runtime = (tasks[i].work - state[i].progress) / speed
    guard runtime > 0, move.isFinite else { return false }
    let transferable =
      Units.transferableMiB(gbps: pool.type.networkGbps, hours: pool.type.graceHours)
      / Double(Swift.max(1, Int(instances[k].occupied)))
    // The share of the state at `progress` the warning's checkpoint cannot save.
    func lost(atProgress progress: Double) -> Double {
      let mib = tasks[i].stateMiB(atProgress: progress)
      return 1 - scenario.checkpoint.savedShare(forRatio: mib > 0 ? transferable / mib : .infinity)
    }
    let lostNow = lost(atProgress: state[i].progress)
    let lostLater = lost(atProgress: (state[i].progress + tasks[i].work) / 2)
    let slotPrice = pool.price(at: now) / Double(pool.type.gpusPerInstance)
    let later = (hazards[p] ?? 0) * Swift.max(0, runtime - within)
    let rework =
      loss * (lostNow * (atStake + Swift.min(within, runtime) / 2) + restart)
      + later * (lostLater * runtime / 2 + restart)
    let model = scenario.migrationCost
    let stay =
      model.priceWeight * pool.price(at: now) * (runtime + scenario.idleTimeout)
      + model.hazardWeight * slotPrice * rework
    return move < stay
  }

  /// `value(z)` of each spot pool's trace zone z, by pool index: asked once
  /// per zone, which every accelerator type replaying it shares.
  func bySpotPool(_ forecasts: ZoneForecasts, _ value: (Int) -> Double) -> [Int: Double] {
    var byZone: [Int: Double] = [:]
    var byPool: [Int: Double] = [:]
    for p in pools.indices where pools[p].capacity == .spot {
      let z = pools[p].zone % forecasts.series.count
      let v = byZone[z] ?? value(z)
      byZone[z] = v
      byPool[p] = v
    }
    return byPool
  }

  /// Whether task `i` could go where `decision` says without entering a
  /// pool in `avoiding`: on-demand always can; spot needs another spot pool
  /// that fits it with a free slot or room to launch.
  mutating func hasSafeTarget(for i: Int, decision: PlacementDecision, avoiding: Set<Int>) -> Bool {
    switch decision {
    case .wait: return false
    case .onDemand: return true
    case .spot:
      return pools.indices.contains { p in
        pools[p].capacity == .spot && !avoiding.contains(p) && pools[p].fits(tasks[i])
          && (pools[p].canLaunch(at: now) || firstFree(in: p) != nil)
      }
    }
  }
}
