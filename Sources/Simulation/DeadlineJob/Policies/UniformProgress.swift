/// Uniform Progress (Wu et al., "Can't Be Late", NSDI '24), for one zone
/// or many: when no spot will do, on-demand if progress is behind the line
/// c₀·t/D, else wait; once on on-demand, back to spot only when ahead of
/// the line by 2d, that is when (t + 2d)·c₀/D < work done.
///
/// The variants differ only in which zone with spot now they pick when they
/// (re)start on spot; each stays in a zone while that zone has spot. With
/// one zone, every variant is the paper's Uniform Progress.
public struct UniformProgress: DeadlinePolicy {
  /// How a zone is picked among those with spot now.
  public enum ZoneChoice: String, Sendable, CaseIterable {
    /// Only the window's first zone (`uniform-progress`: the single-zone policy).
    case firstZone = "uniform-progress"
    /// The cheapest zone with spot now (`up-failover`).
    case failover = "up-failover"
    /// The zone with the highest availability over the last `window` ticks
    /// (Synkti's variant; the published UP(A) is `ProbedUniformProgress`).
    case availability = "up-recent-availability"
    /// The zone with the highest availability over the last `window` ticks
    /// ÷ spot price now (Synkti's variant of UP(AP)).
    case availabilityPrice = "up-recent-availability-price"
    /// UP(S), eager failover as published (SkyNomad; SkyPilot's
    /// EAGER_NEXT_REGION): zones by spot price now, cheapest first, with the
    /// region the job last ran in tried last.
    case eagerFailover = "up-eager-failover"

    /// The choices that move between zones, in the order the exact optimum
    /// tries them as incumbents.
    public static let moving: [ZoneChoice] = [.failover, .availability, .availabilityPrice]
  }

  /// The zone-picking rule.
  public var choice: ZoneChoice
  /// Probes (ticks) in the sliding availability window.
  public var window: Int

  /// Creates the policy.
  public init(_ choice: ZoneChoice, window: Int = 36) {
    self.choice = choice
    self.window = window
  }

  public var name: String { choice.rawValue }

  /// Observed availability of zone `z` over the last `window` ticks, now
  /// included (probing is free: the trace is the probe).
  func availability(_ v: DeadlineView, _ z: Int) -> Double {
    let first = Swift.max(0, v.tick - window + 1)
    var up = 0
    for k in first...v.tick where v.available(z, at: k) { up += 1 }
    return Double(up) / Double(v.tick - first + 1)
  }

  /// The zone to start on spot in, among those with spot now (lowest index
  /// on ties), or nil when none has.
  func pick(_ v: DeadlineView) -> Int? {
    if choice == .firstZone { return v.available(0, at: v.tick) ? 0 : nil }
    if choice == .eagerFailover { return eagerOrder(v).first { v.available($0, at: v.tick) } }
    var best: Int?
    var bestScore = -Double.infinity
    for z in 0..<v.zones where v.available(z, at: v.tick) {
      let score: Double
      switch choice {
      case .failover: score = -v.price(z, at: v.tick)
      case .availability: score = availability(v, z)
      case .availabilityPrice: score = availability(v, z) / Swift.max(v.price(z, at: v.tick), 1e-12)
      case .firstZone, .eagerFailover: score = 0
      }
      if score > bestScore {
        best = z
        bestScore = score
      }
    }
    return best
  }

  /// UP(S)'s launch order: zones outside the region the job last ran in
  /// (where its checkpoint is), cheapest spot first, then that region's.
  func eagerOrder(_ v: DeadlineView) -> [Int] {
    let blocked = v.home.map(v.region(of:))
    return (0..<v.zones).sorted { a, b in
      let ka = v.region(ofZone: a) == blocked
      let kb = v.region(ofZone: b) == blocked
      if ka != kb { return !ka }
      let pa = v.price(a, at: v.tick)
      let pb = v.price(b, at: v.tick)
      return pa != pb ? pa < pb : a < b
    }
  }

  public func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    Self.rule(
      v, job: job, stays: { v.available($0, at: v.tick) }, pick: { pick(v) })
  }
}

extension UniformProgress {
  /// Uniform Progress's rule around a zone choice, shared with the policies
  /// that pick zones their own way (`ProbedUniformProgress`): on on-demand,
  /// back to spot (`pick`) only when ahead of the line by 2d; on spot in a
  /// zone, stay while `stays` says so; otherwise spot where `pick` says,
  /// else on-demand where the checkpoint is if behind the line, else idle.
  static func rule(
    _ v: DeadlineView, job: DeadlineJob, stays: (Int) -> Bool, pick: () -> Int?
  ) -> Place? {
    let rate = job.work / job.deadline
    if let p = v.place, p.isOnDemand {
      let ahead = (v.time + 2 * job.restartOverhead) * rate < v.done
      if ahead, let z = pick() { return .spot(zone: z) }
      return p
    }
    if let z = v.place?.zone, stays(z) { return .spot(zone: z) }
    if let z = pick() { return .spot(zone: z) }
    let homeRegion = v.home.map(v.region(of:)) ?? v.region(ofZone: 0)
    return v.done < rate * v.time ? .onDemand(region: homeRegion) : nil
  }
}
