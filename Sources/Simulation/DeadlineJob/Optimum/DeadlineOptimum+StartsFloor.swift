extension DeadlineOptimum {
  /// A lower bound on what the rest of a schedule costs that counts the
  /// starts spot still needs, each of which pays the restart overhead.
  ///
  /// Every productive spot start runs within one zone's run of
  /// availability and bills at least d of overhead before its work, so with
  /// r more starts spot does at most `covered(r) × dt − r × d` more work,
  /// where `covered(r)` is the most ticks r such runs cover together (from
  /// tick k). The rest is on-demand, which bills its own overhead first.
  /// Spot's billed hours cost at least the cheapest ticks left (`CostFloor`),
  /// on-demand hours the cheapest on-demand price. The bound is the least,
  /// over r, of that cost; it ignores transfer and egress, which only add.
  /// Where the window's prices are so alike that cheaper ticks prove
  /// nothing, this is what proves the incumbent optimal: each restart the
  /// job must still make costs d at a tick's price.
  struct StartsFloor {
    /// Whether the floor applies: it counts hours of work as hours billed,
    /// which holds only where every place runs at speed 1.
    let applies: Bool
    let dt: Double
    let d: Double
    let ticks: Int
    let maxStarts: Int
    /// covered[r × (ticks + 1) + k]: the most ticks r runs of availability
    /// cover from tick k on.
    let covered: [Int32]
    /// runEnd[z × (ticks + 1) + k]: the tick after zone z's run through k
    /// (k itself when z has no spot at k).
    let runEnd: [Int32]
    /// Ticks from k on where some zone has spot.
    let union: [Int32]
    /// The cheapest spot price from tick k on, where available ($/h).
    let cheapestSpot: [Double]
    let cheapestOnDemand: Double
    let zones: Int

    init(window: DeadlineWindow, ticks: Int, restartOverhead: Double, maxStarts: Int = 16) {
      applies = window.unitSpeed
      dt = window.tick
      d = restartOverhead
      self.ticks = ticks
      self.maxStarts = maxStarts
      zones = window.zones
      cheapestOnDemand = window.onDemandPrice.min() ?? .infinity
      let width = ticks + 1
      var runEnd = [Int32](repeating: 0, count: zones * width)
      var union = [Int32](repeating: 0, count: width)
      var cheapestSpot = [Double](repeating: .infinity, count: width)
      for z in 0..<zones { runEnd[z * width + ticks] = Int32(ticks) }
      for k in stride(from: ticks - 1, through: 0, by: -1) {
        var any = false
        cheapestSpot[k] = cheapestSpot[k + 1]
        for z in 0..<zones {
          if window.available[z][k] {
            any = true
            let after =
              k + 1 < ticks && window.available[z][k + 1] ? runEnd[z * width + k + 1] : Int32(k + 1)
            runEnd[z * width + k] = after
            cheapestSpot[k] = Swift.min(cheapestSpot[k], window.price[z][k])
          } else {
            runEnd[z * width + k] = Int32(k)
          }
        }
        union[k] = union[k + 1] + (any ? 1 : 0)
      }
      // covered(r, k) = max(covered(r, k + 1), over zones with spot at k:
      // the run from k to its end, then r − 1 runs from there).
      var covered = [Int32](repeating: 0, count: (maxStarts + 1) * width)
      for r in stride(from: 1, through: maxStarts, by: 1) {
        let row = r * width
        let previous = (r - 1) * width
        for k in stride(from: ticks - 1, through: 0, by: -1) {
          var best = covered[row + k + 1]
          for z in 0..<zones {
            let end = Int(runEnd[z * width + k])
            guard end > k else { continue }
            best = Swift.max(best, Int32(end - k) + covered[previous + end])
          }
          covered[row + k] = best
        }
      }
      self.covered = covered
      self.runEnd = runEnd
      self.union = union
      self.cheapestSpot = cheapestSpot
    }

    /// The least cost of `work` more hours from tick k for a job running at
    /// spot zone `zone` with `overhead` left (nil zone: idle, or on
    /// on-demand with `onDemandOverhead` left before its work).
    func atLeast(
      work: Double, from k: Int, zone: Int?, overhead: Double, onDemandOverhead: Double,
      ticksPriced floor: CostFloor
    ) -> Double {
      guard applies else { return 0 }
      guard k < ticks else { return work > 1e-9 ? .infinity : 0 }
      let spot = cheapestSpot[k]
      let onDemand = cheapestOnDemand
      // Where on-demand is no dearer than spot, counting spot starts
      // proves nothing more than the cheapest-tick bound.
      guard spot < onDemand, spot.isFinite else { return 0 }
      let width = ticks + 1
      // Spot doing `spotWork` (at most `work`) and `overheads` hours of
      // overhead; on-demand the rest after its own overhead.
      func cost(capacity: Double, overheads: Double, odOverhead: Double) -> Double {
        let spotWork = Swift.max(0, Swift.min(work, capacity))
        let rest = work - spotWork
        // Spot's hours cost at least the cheapest ticks left, and at least
        // the cheapest spot price left each.
        let hours = spotWork + overheads
        return Swift.max(floor.atLeast(hours: hours, from: k), spot * hours)
          + (rest > 1e-12 ? onDemand * (rest + odOverhead) : 0)
      }
      var least = Double.infinity
      for r in 0...maxStarts {
        // r starts bill r × d at spot's cheapest price at least, beyond
        // the work: no more starts can do better once that alone loses.
        if spot * (work + Double(r) * d) - 1e-9 >= least { break }
        let c = Double(covered[r * width + k]) * dt - Double(r) * d
        least = Swift.min(
          least, cost(capacity: c, overheads: Double(r) * d, odOverhead: onDemandOverhead))
      }
      if let z = zone {
        let end = Int(runEnd[z * width + k])
        if end > k {
          // Going on in the current run: its overhead left, no start.
          for r in 0...maxStarts {
            if spot * (work + overhead + Double(r) * d) - 1e-9 >= least { break }
            let ticksCovered = Double(end - k) + Double(covered[r * width + end])
            let c = ticksCovered * dt - overhead - Double(r) * d
            least = Swift.min(
              least, cost(capacity: c, overheads: overhead + Double(r) * d, odOverhead: d))
          }
        }
      }
      // More starts than counted: all of spot's ticks, each start's d.
      let all = Double(union[k]) * dt
      least = Swift.min(
        least,
        cost(capacity: all, overheads: Double(maxStarts + 1) * d, odOverhead: onDemandOverhead))
      return least
    }
  }
}
