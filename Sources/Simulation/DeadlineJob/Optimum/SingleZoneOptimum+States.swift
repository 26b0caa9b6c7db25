extension SingleZoneOptimum {
  /// The states of the optimum's dynamic program: idle; spot or on-demand
  /// after 1...phases ticks on the instance (the last phase also stands for
  /// every later tick, when the overhead is worked off); each once with the
  /// mid-gap on-demand start still open and once with it used.
  struct ScheduleStates {
    /// Ticks to work off the restart overhead on a fresh instance.
    let phases: Int
    /// The restart overhead and the tick, in hours.
    let overhead: Double
    let tick: Double

    init(overhead: Double, tick: Double) {
      self.overhead = overhead
      self.tick = tick
      phases = Swift.max(1, Int((overhead / tick - 1e-12).rounded(.up)))
    }

    /// States per value of the used flag.
    var perFlag: Int { 1 + 2 * phases }
    /// Number of states.
    var count: Int { 2 * perFlag }

    /// The index of a state.
    func index(_ mode: DeadlineMode, _ phase: Int, used: Bool) -> Int {
      let offset = used ? perFlag : 0
      switch mode {
      case .idle: return offset
      case .spot: return offset + phase
      case .onDemand: return offset + phases + phase
      }
    }

    /// The state at an index.
    func decode(_ s: Int) -> (mode: DeadlineMode, phase: Int, used: Bool) {
      let m = s % perFlag
      let used = s >= perFlag
      if m == 0 { return (.idle, 0, used) }
      return m <= phases ? (.spot, m, used) : (.onDemand, m - phases, used)
    }

    /// Overhead consumed in the tick after `n` ticks on the instance.
    func consumed(_ n: Int) -> Double {
      Swift.min(tick, Swift.max(0, overhead - Double(n) * tick))
    }

    /// Overhead a state faces before progress, on spot and on on-demand.
    func overheadLeft(_ s: Int) -> (spot: Double, onDemand: Double) {
      let (mode, n, _) = decode(s)
      let left = Swift.max(0, overhead - Double(n) * tick)
      return mode == .idle
        ? (overhead, overhead) : mode == .spot ? (left, overhead) : (overhead, left)
    }

    /// Whether a point in state `a` may make every move open to one in
    /// state `b`, so that with no more cost, at least the work and no more
    /// overhead either way it dominates. Nothing with its mid-gap start
    /// used follows one without. On-demand may not idle, an idle point
    /// starts on-demand mid-gap only by using its start, and spot still
    /// working off its overhead may not stop. With on-demand
    /// (`onDemand`), spot past its overhead may not stop and spot may start
    /// only where availability does, so only the same mode follows, and
    /// spot only from no further along.
    func mayDominate(_ a: Int, _ b: Int, onDemand: Bool) -> Bool {
      let (ma, na, ua) = decode(a)
      let (mb, nb, ub) = decode(b)
      if ua && !ub { return false }
      if onDemand {
        switch (ma, mb) {
        case (.spot, .spot): return na <= nb
        case (.idle, .idle), (.onDemand, .onDemand): return true
        case (.idle, .onDemand): return !ua && ub
        default: return false
        }
      }
      switch (ma, mb) {
      case (.onDemand, .idle), (.onDemand, .spot): return false
      case (.idle, .spot), (.idle, .onDemand): return !ua && ub
      case (.spot, .idle), (.spot, .onDemand): return na == phases
      default: return true
      }
    }

    /// Whether every point in `a` dominates any point in `b` with at most
    /// its cost and at least its work: it may follow (`mayDominate`) and
    /// faces no more overhead on either continuation, so following `b`'s
    /// schedule it never has less work.
    func dominates(_ a: Int, _ b: Int, onDemand: Bool) -> Bool {
      let (oa, ob) = (overheadLeft(a), overheadLeft(b))
      return a != b && mayDominate(a, b, onDemand: onDemand) && oa.spot <= ob.spot
        && oa.onDemand <= ob.onDemand
    }
  }
}
