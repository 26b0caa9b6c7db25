/// What a policy has seen of each zone under modelled probing: every
/// observation, in time order, and those it has not been told of yet.
struct ZoneKnowledge: Sendable {
  /// Ticks of each zone's observations, in order.
  private(set) var ticks: [[Int]]
  /// Whether each observation found spot.
  private(set) var ups: [[Bool]]
  /// Observations since the policy last decided.
  var news: [ZoneObservation] = []

  init(zones: Int) {
    ticks = Array(repeating: [], count: zones)
    ups = Array(repeating: [], count: zones)
  }

  /// Records `o` (and queues it as news).
  mutating func record(_ o: ZoneObservation) {
    ticks[o.zone].append(o.tick)
    ups[o.zone].append(o.up)
    news.append(o)
  }

  /// Whether zone `z` had spot when last seen at or before tick `k`, and
  /// when that was; nil if it was never seen by then.
  func lastSeen(_ z: Int, atOrBefore k: Int) -> (tick: Int, up: Bool)? {
    let t = ticks[z]
    guard let last = t.last else { return nil }
    if last <= k { return (last, ups[z][t.count - 1]) }
    // Binary search for the last observation at or before k.
    var lo = 0
    var hi = t.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if t[mid] <= k { lo = mid + 1 } else { hi = mid }
    }
    return lo == 0 ? nil : (t[lo - 1], ups[z][lo - 1])
  }
}
