/// Whether spot capacity can be had, tick by tick (from a measured trace).
///
/// A spot instance can be launched only during an available tick and is
/// terminated at the start of the next unavailable one. After the last tick
/// the last state holds.
public struct AvailabilitySeries: Sendable, Equatable {
  /// Tick width in hours.
  public let tick: Double
  /// `available[i]` covers `[i * tick, (i + 1) * tick)`.
  public let available: [Bool]
  // nextOff[i] / nextOn[i]: first tick >= i that is unavailable / available,
  // or available.count when none is.
  let nextOff: [Int32]
  let nextOn: [Int32]
  // availableBefore[i]: available ticks in [0, i); lossesThrough[i]: ticks
  // j in 1...i where capacity was lost (available at j − 1, not at j).
  let availableBefore: [Int32]
  let lossesThrough: [Int32]

  /// Creates a series; `available` must not be empty.
  public init(tick: Double, available: [Bool]) {
    precondition(tick > 0 && !available.isEmpty, "need a positive tick and data")
    self.tick = tick
    self.available = available
    let n = available.count
    var off = [Int32](repeating: Int32(n), count: n + 1)
    var on = [Int32](repeating: Int32(n), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
      off[i] = available[i] ? off[i + 1] : Int32(i)
      on[i] = available[i] ? Int32(i) : on[i + 1]
    }
    nextOff = off
    nextOn = on
    var before = [Int32](repeating: 0, count: n + 1)
    var losses = [Int32](repeating: 0, count: n)
    for i in 0..<n {
      before[i + 1] = before[i] + (available[i] ? 1 : 0)
      if i > 0 { losses[i] = losses[i - 1] + (available[i - 1] && !available[i] ? 1 : 0) }
    }
    availableBefore = before
    lossesThrough = losses
  }

  /// The tick holding `t`; total for every `Double` (see `StepFunction`).
  func index(_ t: Double) -> Int { stepIndex(t, width: tick, count: available.count) }

  /// Whether spot capacity is available at `t`.
  public func isAvailable(at t: Double) -> Bool { available[index(t)] }

  /// Fraction of ticks that are available.
  public var availableFraction: Double {
    Double(available.lazy.filter { $0 }.count) / Double(available.count)
  }

  /// The reclaim hazard per available hour as estimated at `t` from the
  /// history up to `t` only: capacity losses seen so far over the available
  /// hours seen so far, shrunk toward `priorRate` as if `priorHours` of
  /// history at that rate had been seen before the start.
  public func estimatedHazard(at t: Double, priorRate: Double, priorHours: Double) -> Double {
    let i = index(t)
    // After the last tick its state holds, so exposure keeps growing.
    let within = available[i] ? Swift.max(0, t - Double(i) * tick) : 0
    let exposure = Double(availableBefore[i]) * tick + within
    let losses = Double(lossesThrough[i])
    return (losses + priorRate * priorHours) / Swift.max(exposure + priorHours, 1e-12)
  }

  /// When capacity next disappears at or after `t` (nil: never, within the trace).
  public func nextUnavailable(after t: Double) -> Double? {
    let i = index(t)
    let j = Int(nextOff[i])
    if j >= available.count { return nil }
    return Swift.max(t, Double(j) * tick)
  }

  /// When capacity is next available at or after `t` (nil: never again).
  public func nextAvailable(after t: Double) -> Double? {
    let i = index(t)
    let j = Int(nextOn[i])
    if j >= available.count { return nil }
    return Swift.max(t, Double(j) * tick)
  }
}
