extension DeadlineOptimum {
  /// A lower bound on what hours of billed running cost from tick k: a
  /// tick bills at most `dt` hours, and costs at least its cheapest place
  /// (an available spot zone, or on-demand). So h hours cost at least the
  /// ⌈h ÷ dt⌉ cheapest tick prices left, each rounded down to a price
  /// level: the window's distinct prices when at most 256, else 256
  /// quantiles. Cumulative counts per level make a query a binary search.
  struct CostFloor {
    let dt: Double
    let levels: [Double]
    /// count[k × n + b]: ticks at or after k whose cheapest price lies in
    /// levels 0...b; cost[k × n + b]: their cost at the levels' prices.
    let count: [Int32]
    let cost: [Double]
    let n: Int

    /// The fastest place's work per hour: work w needs w ÷ fastest hours.
    let fastest: Double
    /// Whether a tick's level is its cheapest price of work (price ÷
    /// speed, times the fastest speed) and a query prices fractional ticks:
    /// then a tick at place p bills price_p·dt ≥ (its level ÷ fastest) ×
    /// the work it does, and does at most fastest·dt, so work w costs at
    /// least the cheapest w ÷ fastest hours of levels, the last tick in
    /// part. Without it, a tick costs at least its cheapest price whatever
    /// work it does, and is billed whole.
    let perWork: Bool

    init(window: DeadlineWindow, ticks: Int, perWork: Bool = false) {
      dt = window.tick
      // Once: `window.fastest` scans every place.
      let fastest = window.fastest
      self.fastest = fastest
      self.perWork = perWork
      let z0 = window.zones
      let onDemand =
        perWork
        ? window.onDemandPrice.indices.map { window.onDemandPrice[$0] / window.speed[z0 + $0] }
          .min().map { $0 * fastest } ?? .infinity
        : window.onDemandPrice.min() ?? .infinity
      var cheapest = [Double](repeating: onDemand, count: ticks)
      for k in 0..<ticks {
        for z in 0..<window.zones where window.available[z][k] {
          let level = perWork ? window.price[z][k] / window.speed[z] * fastest : window.price[z][k]
          cheapest[k] = Swift.min(cheapest[k], level)
        }
      }
      var distinct = Array(Set(cheapest)).sorted()
      if distinct.isEmpty { distinct = [0] }
      let levels =
        distinct.count <= 256
        ? distinct : (0..<256).map { distinct[$0 * distinct.count / 256] }
      let n = levels.count
      self.n = n
      // The level of a price: the last level at or below it.
      func level(_ price: Double) -> Int {
        var lo = 0
        var hi = n - 1
        while lo < hi {
          let mid = (lo + hi + 1) / 2
          if levels[mid] <= price { lo = mid } else { hi = mid - 1 }
        }
        return lo
      }
      var perLevel = [Int32](repeating: 0, count: (ticks + 1) * n)
      for k in stride(from: ticks - 1, through: 0, by: -1) {
        for b in 0..<n { perLevel[k * n + b] = perLevel[(k + 1) * n + b] }
        perLevel[k * n + level(cheapest[k])] += 1
      }
      var count = perLevel
      var cost = [Double](repeating: 0, count: perLevel.count)
      for k in 0...ticks {
        var ticksSoFar: Int32 = 0
        var dollars = 0.0
        for b in 0..<n {
          ticksSoFar += perLevel[k * n + b]
          dollars += Double(perLevel[k * n + b]) * levels[b] * dt
          count[k * n + b] = ticksSoFar
          cost[k * n + b] = dollars
        }
      }
      self.levels = levels
      self.count = count
      self.cost = cost
    }

    /// The least that `hours` of billed running cost from tick k
    /// (infinite when fewer ticks are left).
    func atLeast(hours: Double, from k: Int) -> Double {
      guard k * n < count.count else { return hours > 1e-9 ? .infinity : 0 }
      let needed = Int32((hours / dt - 1e-9).rounded(.up))
      guard needed > 0 else { return 0 }
      let row = k * n
      guard count[row + n - 1] >= needed else { return .infinity }
      // The first level whose cumulative count reaches `needed`.
      var lo = 0
      var hi = n - 1
      while lo < hi {
        let mid = (lo + hi) / 2
        if count[row + mid] >= needed { hi = mid } else { lo = mid + 1 }
      }
      let below = lo > 0 ? (count[row + lo - 1], cost[row + lo - 1]) : (0, 0.0)
      let whole = below.1 + Double(needed - below.0) * levels[lo] * dt
      // Priced per work, the last tick counts only in part; the part is
      // never negative (the rounding guard can leave `needed` a hair below
      // hours ÷ dt, and the floor must not exceed its whole ticks).
      return perWork ? whole - Swift.max(0, Double(needed) - hours / dt) * levels[lo] * dt : whole
    }

    /// The least that `work` more cost: at least work ÷ fastest hours
    /// billed (as many hours as work at speed 1).
    func atLeast(work: Double, from k: Int) -> Double { atLeast(hours: work / fastest, from: k) }
  }
}
