/// What a forecaster is given: one zone's spot availability (and price),
/// tick by tick, up to and including the current tick only.
///
/// It holds the known ticks and nothing else (a slice of the series that
/// ends at now, sharing its storage rather than copying it), so a
/// forecaster cannot reach the future however it is written:
/// `available(at:)` exists only for ticks `0..<count`, and tick `count − 1`
/// is now.
public struct AvailabilityHistory: Sendable, Equatable {
  /// Tick width in hours.
  public let tickHours: Double
  /// `past[i]`: whether spot could be had in tick `i`, for `i < count`.
  let past: ArraySlice<Bool>
  /// Spot price per known tick (empty when unknown).
  let prices: ArraySlice<Double>

  /// The ticks `0..<count` of `available` (and of `prices`, when given).
  public init(tickHours: Double, available: [Bool], prices: [Double] = [], count: Int) {
    precondition(tickHours > 0 && count >= 0 && count <= available.count)
    self.tickHours = tickHours
    past = available[..<count]
    self.prices = prices[..<Swift.min(count, prices.count)]
  }

  /// Whole ticks of `tick` hours in a horizon of `hours` (at least one):
  /// how far ahead a forecast for `hours` looks, and is scored.
  public static func ticks(inHours hours: Double, tick: Double) -> Int {
    Swift.max(1, Int((hours / tick).rounded()))
  }

  /// Ticks known; the last of them is now.
  public var count: Int { past.count }

  /// Whether spot could be had in known tick `i`.
  public func available(at i: Int) -> Bool {
    precondition(i >= 0 && i < count, "a forecaster cannot see the future")
    return past[i]
  }

  /// The spot price in known tick `i`, if prices are known.
  public func price(at i: Int) -> Double? {
    precondition(i >= 0 && i < count, "a forecaster cannot see the future")
    return i < prices.count ? prices[i] : nil
  }

  /// Whether spot is available now, in the last known tick (false before any).
  public var availableNow: Bool { past.last ?? false }

  /// Ticks the current run of equal states has lasted (0 before any).
  public var runLength: Int {
    guard let last = past.last else { return 0 }
    var n = 0
    for state in past.reversed() {
      guard state == last else { break }
      n += 1
    }
    return n
  }

  /// The lengths, in ticks, of the completed runs of `state` (a run still
  /// going now is returned apart, as censored).
  public func runs(of state: Bool) -> (completed: [Int], ongoing: Int?) {
    var completed: [Int] = []
    var length = 0
    for s in past {
      if s == state {
        length += 1
      } else if length > 0 {
        // A run that began at tick 0 may have begun earlier: censored on the
        // left; still counted, as the trace is all there is.
        completed.append(length)
        length = 0
      }
    }
    return (completed, length > 0 ? length : nil)
  }

  /// Share of available ticks in the last `ticks` (all, when fewer).
  public func availability(overLast ticks: Int) -> Double {
    guard count > 0 else { return 0 }
    let first = Swift.max(0, count - ticks)
    let up = past[first...].reduce(0) { $0 + ($1 ? 1 : 0) }
    return Double(up) / Double(count - first)
  }
}
