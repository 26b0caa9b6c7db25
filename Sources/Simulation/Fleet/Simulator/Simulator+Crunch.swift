/// Capacity crunches: correlated reclaims that hit a whole zone at once.
extension Simulator {
  /// Draws every zone's crunch times for the run (synthetic markets only),
  /// from a stream of the seed and the zone alone.
  mutating func scheduleCrunches() {
    let model = scenario.crunches
    guard model.ratePerHour > 0, model.fraction > 0, scenario.market.isSynthetic else { return }
    for z in geography.zones.indices {
      var generator = Xoshiro256StarStar(
        seed: SeedDerivation.derive(scenario.seed, SeedStream.crunch.rawValue, UInt64(z)))
      var t = generator.nextExponential(rate: model.ratePerHour)
      while t < scenario.horizon {
        queue.schedule(.crunch(Int32(z)), at: t)
        t += generator.nextExponential(rate: model.ratePerHour)
      }
    }
  }

  /// Warns ⌈fraction × n⌉ of the zone's n live, unwarned spot instances at
  /// this instant (lowest crunch rank first) and holds each of its pools
  /// to ⌊(1 − fraction) × C⌋ instances for the crunch's hours.
  mutating func handleCrunch(_ zone: Int) {
    let model = scenario.crunches
    metrics.crunches += 1
    liveInstances[.spot]?.removeAll { !instances[Int($0)].isAlive }
    let live = (liveInstances[.spot] ?? []).filter { id in
      let k = Int(id)
      return !instances[k].warned && pools[Int(instances[k].pool)].zone == zone
    }
    let hit = Int((model.fraction * Double(live.count) - 1e-9).rounded(.up))
    for p in pools.indices where pools[p].capacity == .spot && pools[p].zone == zone {
      var inPool = 0
      for id in live where Int(instances[Int(id)].pool) == p { inPool += 1 }
      let base = pools[p].limit ?? inPool
      pools[p].crunchUntil = now + model.hours
      pools[p].crunchLimit = Int((1 - model.fraction) * Double(base) + 1e-9)
    }
    let chosen = live.sorted {
      (instances[Int($0)].crunchRank, $0) < (instances[Int($1)].crunchRank, $1)
    }.prefix(hit)
    for id in chosen {
      let k = Int(id)
      let grace = pools[Int(instances[k].pool)].type.graceHours
      instances[k].reclaimTermination = Swift.min(instances[k].reclaimTermination, now + grace)
      handleWarning(id)
    }
  }
}
