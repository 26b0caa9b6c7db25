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
        guard hasSafeTarget(for: i, decision: decision, avoiding: atRisk) else {
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
    // Targets are priced by predicted lifetime, asked only when tasks move.
    let hazards = bySpotPool(forecasts) {
      1 / Swift.max(forecasts.expectedLifetime(zone: $0, windowTick: tick), forecasts.tickHours)
    }
    migrate(moves.map(\.task), decisions: moves.map(\.decision), avoiding: atRisk, hazards: hazards)
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
