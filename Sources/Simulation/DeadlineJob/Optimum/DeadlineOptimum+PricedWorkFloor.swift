extension DeadlineOptimum {
  /// A lower bound on the rest of a schedule from each state that knows
  /// where the job is: a Lagrangian relaxation of "finish the work".
  ///
  /// Put a price λ on each hour of work and let V_λ(s, k) be the least, over
  /// every way on from state s at tick k (any actions, stopping any time),
  /// of dollars spent minus λ × hours of work done: a backward dynamic
  /// program over the search's own states and steps, with no work to track.
  /// A schedule that finishes w more hours from (s, k) for c dollars is one
  /// of those ways (its last tick counted whole does at least w), so
  /// c − λw ≥ V_λ(s, k), that is c ≥ λw + V_λ(s, k) for every λ ≥ 0; the
  /// floor is the largest of these over a few prices. Unlike the cheapest
  /// ticks it counts each start's overhead, transfer and egress, and that
  /// spot runs only in its zone's runs of availability.
  struct PricedWorkFloor {
    /// The prices of work tried, $ per hour of work.
    let prices: [Double]
    /// The states the search can reach and their moves.
    let graph: Graph
    /// value[(k × states + s) × prices.count + i]: V at price i.
    let value: [Double]
    /// The number of states.
    let states: Int

    /// One action of a state: its step (billed nothing: the bill depends
    /// on the tick) and the index of the state it leads to.
    struct Move {
      var step: Step
      var target: Int
      /// The place run (−1: idle).
      var place: Int { step.action }
    }

    /// The states and their moves, which do not depend on the tick (only
    /// whether a spot zone can run, and its price, do).
    struct Graph {
      var keys: [Key]
      var index: [Key: Int]
      var moves: [[Move]]
      /// The idle state a spot state's preemption leads to (nil: none).
      var preempted: [Int?]
      /// bill[k × places + p]: dollars of a tick at place p in tick k
      /// (infinite where p has no spot).
      var bill: [Double]
      var places: Int

      /// The state as tick k finds state s: a spot state without spot is
      /// preempted to its idle state (`DeadlineOptimum.arrival`, by index).
      func arrival(_ s: Int, tick k: Int) -> (state: Int, preempted: Bool) {
        guard let idle = preempted[s], bill[k * places + Int(keys[s].place)].isInfinite else {
          return (s, false)
        }
        return (idle, true)
      }

      /// What `move` bills for running in tick k (0 idle; nil when its
      /// place cannot run then).
      func bill(of move: Move, tick k: Int) -> Double? {
        guard move.place >= 0 else { return 0 }
        let dollars = bill[k * places + move.place]
        return dollars.isFinite ? dollars : nil
      }
    }

    /// The floor at prices around the one that bounds the whole job best.
    init(job: DeadlineJob, window: DeadlineWindow, ticks: Int) {
      let graph = Self.graph(job: job, window: window)
      let best = Self.bestPrice(graph: graph, job: job, window: window, ticks: ticks)
      self.init(
        graph: graph, window: window, ticks: ticks, prices: Self.grid(around: best, window: window))
    }

    /// The floor at the given prices of work.
    init(graph: Graph, window: DeadlineWindow, ticks: Int, prices: [Double]) {
      self.graph = graph
      self.prices = prices
      states = graph.keys.count
      value = Self.values(graph: graph, prices: prices, window: window, ticks: ticks)
    }

    static func graph(job: DeadlineJob, window: DeadlineWindow) -> Graph {
      // Every state reachable from the start, whatever the availability: a
      // preemption idles the job at its zone, which idling reaches too.
      let root = Key(place: -1, home: -1, overhead: 0)
      var keys = [root]
      var index = [root: 0]
      var moves: [[Move]] = []
      var i = 0
      while i < keys.count {
        let key = keys[i]
        var list: [Move] = []
        for step in steps(from: key, tick: nil, job: job, window: window) {
          if index[step.target] == nil {
            index[step.target] = keys.count
            keys.append(step.target)
          }
          list.append(Move(step: step, target: index[step.target]!))
        }
        moves.append(list)
        i += 1
      }
      let preempted: [Int?] = keys.map { key in
        guard key.place >= 0, Int(key.place) < window.zones else { return nil }
        return index[Key(place: -1, home: key.home, overhead: 0)]
      }
      let ticks = window.ticks
      var bill = [Double](repeating: .infinity, count: ticks * window.places)
      for k in 0..<ticks {
        for p in 0..<window.places where window.canRun(p, tick: k) {
          bill[k * window.places + p] = window.hourlyPrice(p, tick: k) * window.tick
        }
      }
      return Graph(
        keys: keys, index: index, moves: moves, preempted: preempted, bill: bill,
        places: window.places)
    }

    /// V at tick k for every state and price, from V at k + 1 (`after`).
    static func sweep(
      graph: Graph, prices: [Double], tick k: Int,
      after: UnsafeBufferPointer<Double>, into row: UnsafeMutableBufferPointer<Double>
    ) {
      let n = prices.count
      // Preempted states take their idle state's values, so idle states
      // (never preempted) go first.
      for s in graph.keys.indices where !graph.arrival(s, tick: k).preempted {
        for j in 0..<n { row[s * n + j] = .infinity }
        for move in graph.moves[s] {
          guard let bill = graph.bill(of: move, tick: k) else { continue }
          let dollars = bill + move.step.egress
          let t = move.target * n
          for j in 0..<n {
            row[s * n + j] = Swift.min(
              row[s * n + j], dollars - prices[j] * move.step.progress + after[t + j])
          }
        }
      }
      for s in graph.keys.indices {
        let (idle, preempted) = graph.arrival(s, tick: k)
        guard preempted else { continue }
        for j in 0..<n { row[s * n + j] = row[idle * n + j] }
      }
    }

    static func values(graph: Graph, prices: [Double], window: DeadlineWindow, ticks: Int)
      -> [Double]
    {
      let width = graph.keys.count * prices.count
      var value = [Double](repeating: 0, count: (ticks + 1) * width)
      value.withUnsafeMutableBufferPointer { all in
        for k in stride(from: ticks - 1, through: 0, by: -1) {
          let after = UnsafeBufferPointer(rebasing: all[(k + 1) * width..<(k + 2) * width])
          let row = UnsafeMutableBufferPointer(rebasing: all[k * width..<(k + 1) * width])
          sweep(graph: graph, prices: prices, tick: k, after: after, into: row)
        }
      }
      return value
    }

    /// The price of work whose bound on the whole job, from the start, is
    /// highest (the bound is concave in the price: a golden-section search).
    static func bestPrice(graph: Graph, job: DeadlineJob, window: DeadlineWindow, ticks: Int)
      -> Double
    {
      func bound(_ price: Double) -> Double {
        var after = [Double](repeating: 0, count: graph.keys.count)
        var row = after
        let prices = [price]
        for k in stride(from: ticks - 1, through: 0, by: -1) {
          after.withUnsafeBufferPointer { a in
            row.withUnsafeMutableBufferPointer { r in
              sweep(graph: graph, prices: prices, tick: k, after: a, into: r)
            }
          }
          swap(&after, &row)
        }
        return price * job.work + after[0]
      }
      var (low, high) = range(window)
      let ratio = ((5.0).squareRoot() - 1) / 2
      var a = high - ratio * (high - low)
      var b = low + ratio * (high - low)
      var fa = bound(a)
      var fb = bound(b)
      for _ in 0..<20 {
        if fa < fb {
          low = a
          a = b
          fa = fb
          b = low + ratio * (high - low)
          fb = bound(b)
        } else {
          high = b
          b = a
          fb = fa
          a = high - ratio * (high - low)
          fa = bound(a)
        }
      }
      return fa < fb ? b : a
    }

    /// From the window's cheapest price of work (a price ÷ its place's
    /// speed) to twice its dearest on-demand one.
    static func range(_ window: DeadlineWindow) -> (Double, Double) {
      let zones = window.zones
      let onDemand = window.onDemandPrice.indices.map {
        window.onDemandPrice[$0] / window.speed[zones + $0]
      }
      var low = onDemand.min() ?? 1
      for z in 0..<zones { low = Swift.min(low, (window.price[z].min() ?? low) / window.speed[z]) }
      low = Swift.max(low, 1e-6)
      return (low, 2 * (onDemand.max() ?? low))
    }

    /// Prices to try: the best for the whole job and its neighbours within
    /// a few percent (where the states on the best schedules' way are),
    /// then geometric steps up to the range's top (states near the
    /// deadline, which need dearer work).
    static func grid(around best: Double, window: DeadlineWindow) -> [Double] {
      let (low, high) = range(window)
      var prices = [0.97, 0.985, 1, 1.01, 1.02, 1.04].map { best * $0 }.filter { $0 >= low }
      let top = Swift.max(high, best * 1.1)
      for i in 1...8 {
        prices.append(best * 1.04 * _exp(_log(top / (best * 1.04)) * Double(i) / 8))
      }
      return prices
    }

    /// Where state `key`'s values at tick k start (nil for a state it does
    /// not know, which then proves nothing).
    func row(of key: Key, tick k: Int) -> Int? {
      graph.index[key].map { (k * states + $0) * prices.count }
    }

    /// The least that `work` more hours cost from the state at `row`.
    func atLeast(work: Double, row: Int?) -> Double {
      guard let row else { return 0 }
      var least = 0.0
      for j in prices.indices { least = Swift.max(least, prices[j] * work + value[row + j]) }
      return least
    }
  }
}
