extension Simulator {
  /// Checks the bookkeeping that billing and placement rely on. Compiled
  /// only into debug builds (tests), where it runs at the end of every run.
  func _checkInvariants() {
    #if DEBUG
      var seen = [Bool](repeating: false, count: tasks.count)
      for (k, instance) in instances.enumerated() {
        let held = instance.slotRange.filter { slots[$0] >= 0 }
        precondition(held.count == Int(instance.occupied), "instance \(k): occupied count drifted")
        precondition(held.count <= Int(instance.slotCount), "instance \(k): over capacity")
        for slot in held {
          let i = Int(slots[slot])
          precondition(!seen[i], "task \(i) holds two slots")
          seen[i] = true
          precondition(state[i].instance == Int32(k), "task \(i) is not where its slot says")
          precondition(state[i].status == .starting || state[i].status == .running)
        }
        if !instance.isAlive { precondition(instance.occupied == 0 || instance.endedAt == now) }
      }
      for (i, record) in state.enumerated()
      where record.status == .running || record.status == .starting {
        precondition(seen[i], "task \(i) is \(record.status) but holds no slot")
        precondition(
          record.progress <= tasks[i].work + 1e-9 && record.durable <= record.progress + 1e-9)
      }
      precondition(
        metrics.completed + metrics.failed <= tasks.count, "more tasks ended than exist")
    #endif
  }
}
