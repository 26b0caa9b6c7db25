extension FleetBound {
  /// The fleet bound's program for one deadline job on one zone's window:
  /// a slot per tick before the deadline (the last cut at it), the zone's
  /// spot while it has capacity at the tick's price, on-demand always at the
  /// job's; no overheads. Against `SingleZoneOptimum`, the exact optimum of
  /// the same job with a restart overhead on every start, it says how loose
  /// the bound is where overheads matter (`make bench`, "fleet bound vs
  /// exact offline optimum").
  public init(job: DeadlineJob, window: TraceWindow) {
    let slots = Swift.min(
      window.available.count, Int((job.deadline / window.tick - 1e-9).rounded(.up)))
    let lengths = (0..<slots).map { k in
      Swift.min(window.tick, job.deadline - Double(k) * window.tick)
    }
    let spot = Pool(
      price: (0..<slots).map { window.price[$0] },
      availableHours: (0..<slots).map { window.available[$0] ? lengths[$0] : 0 }, speed: 1)
    let onDemand = Pool(
      price: Array(repeating: job.onDemandPrice, count: slots), availableHours: lengths, speed: 1)
    self.init(
      slotLengths: lengths, pools: [spot, onDemand],
      classes: [TaskClass(count: 1, work: job.work, slots: 0..<slots, pools: [0, 1])])
  }
}
