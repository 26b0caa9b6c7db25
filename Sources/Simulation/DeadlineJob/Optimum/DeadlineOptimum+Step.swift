extension DeadlineOptimum {
  /// What one tick does to a state under one action: the exact search and
  /// the priced-work floor both step by this, so the floor relaxes exactly
  /// the moves the search makes.
  struct Step {
    /// The state after the tick.
    var target: Key
    /// Work done in the tick (hours at speed 1).
    var progress: Double
    /// Work per hour at the place run (1 when idle).
    var speed: Double
    /// Dollars of running billed in the tick (the whole tick).
    var bill: Double
    /// Egress dollars of the checkpoint moved by a start.
    var egress: Double
    /// Whether the action starts the job at a place (a restart).
    var starts: Bool
    /// Whether that start moves the checkpoint (transfer or egress).
    var moved: Bool
    /// The place run (−1: idle).
    var action: Int
    /// The accelerator type of that place (`DeadlineWindow.types`; 0 the
    /// window's own, and when idle).
    var type: Int = 0
  }

  /// The state as tick k finds it: a job running at a spot zone without
  /// spot in k is preempted there (idle with its checkpoint at the zone).
  static func arrival(_ key: Key, tick k: Int, window: DeadlineWindow) -> (Key, preempted: Bool) {
    let place = Int(key.place)
    guard place >= 0, place < window.zones, !window.available[place][k] else { return (key, false) }
    return (Key(place: -1, home: key.home, overhead: 0), true)
  }

  /// Each action open to `key` (as `arrival` gives it) in tick k: idle, or
  /// run at a place that can run in k (every place when k is nil; the
  /// bill is then 0).
  static func steps(from key: Key, tick k: Int?, job: DeadlineJob, window: DeadlineWindow)
    -> [Step]
  {
    let place = Int(key.place)
    let home: Int? = key.home >= 0 ? Int(key.home) : nil
    let dt = window.tick
    var steps: [Step] = []
    steps.reserveCapacity(window.places + 1)
    for action in -1..<window.places
    where action < 0 || k.map({ window.canRun(action, tick: $0) }) ?? true {
      let starts = action >= 0 && action != place
      let transfer = starts ? window.transfer(from: home, to: action) : 0
      let startOverhead = starts ? window.restart(at: action, job: job) + transfer : key.overhead
      let egress = starts ? window.egressDollars(from: home, to: action) : 0
      var progress = 0.0
      var left = 0.0
      var bill = 0.0
      let speed = action >= 0 ? window.speed[action] : 1
      if action >= 0 {
        let overhead = Swift.min(startOverhead, dt)
        left = startOverhead - overhead
        progress = speed * (dt - overhead)
        bill = k.map { window.hourlyPrice(action, tick: $0) * dt } ?? 0
      }
      let newHome = action >= 0 ? action : (home ?? -1)
      steps.append(
        Step(
          target: Key(
            place: Int32(action), home: Int32(newHome), overhead: action >= 0 ? left : 0),
          progress: progress, speed: speed, bill: bill, egress: egress, starts: starts,
          moved: starts && (egress > 0 || transfer > 0), action: action,
          type: action >= 0 ? window.types[action] : 0))
    }
    return steps
  }
}
