/// A right-continuous piecewise-constant function of time with equal steps,
/// and its running integral.
///
/// Spot prices and hazards are stored this way: billing an instance is an
/// integral of price, and a reclaim time is where the integrated hazard
/// reaches an exponential draw. Both are O(log n) with the prefix sums kept
/// here. The last value holds for ever after the last step.
public struct StepFunction: Sendable, Equatable {
  /// Width of each step in hours.
  public let step: Double
  /// Value on `[i * step, (i + 1) * step)`; the last value extends to +∞.
  public let values: [Double]
  /// `prefix[i]` = integral over `[0, i * step)`; `prefix.count == values.count + 1`.
  @usableFromInline let prefix: [Double]

  /// A function equal to `value` everywhere.
  public init(constant value: Double) {
    self.init(step: 1, values: [value])
  }

  /// A step function starting at time 0.
  public init(step: Double, values: [Double]) {
    precondition(step > 0 && !values.isEmpty, "need a positive step and a value")
    self.step = step
    self.values = values
    var prefix = [Double](repeating: 0, count: values.count + 1)
    for i in values.indices { prefix[i + 1] = prefix[i] + values[i] * step }
    self.prefix = prefix
  }

  /// The step holding `t`; total for every `Double` (an out-of-range or
  /// NaN time takes the first or last step, never a trapping conversion).
  @inlinable
  func index(_ t: Double) -> Int { stepIndex(t, width: step, count: values.count) }

  /// The value in force at `t`.
  @inlinable
  public func value(at t: Double) -> Double { values[index(t)] }

  /// The integral over `[0, t)`.
  @inlinable
  public func cumulative(_ t: Double) -> Double {
    if t <= 0 { return 0 }
    let i = index(t)
    return prefix[i] + values[i] * (t - Double(i) * step)
  }

  /// The integral over `[a, b)`.
  @inlinable
  public func integral(from a: Double, to b: Double) -> Double {
    if values.count == 1 { return values[0] * (b - a) }
    return cumulative(b) - cumulative(a)
  }

  /// The earliest `t >= a` at which the integral over `[a, t)` reaches
  /// `amount`, or nil when it never does (the function is zero from there on).
  /// - Complexity: O(log n).
  public func time(from a: Double, whenIntegralReaches amount: Double) -> Double? {
    if amount <= 0 { return a }
    let target = cumulative(a) + amount
    // Find the first boundary k with prefix[k] >= target.
    var lo = index(a) + 1
    var hi = values.count
    if prefix[hi] < target {
      let last = values[values.count - 1]
      guard last > 0 else { return nil }
      return Double(values.count) * step + (target - prefix[hi]) / last
    }
    while lo < hi {
      let mid = (lo + hi) / 2
      if prefix[mid] >= target { hi = mid } else { lo = mid + 1 }
    }
    // The target is reached inside step lo - 1.
    let i = lo - 1
    let start = Swift.max(a, Double(i) * step)
    let base = cumulative(start)
    let v = values[i]
    if v <= 0 { return Double(lo) * step }
    return start + (target - base) / v
  }
}

/// The index of the step of `width` holding `t` among `count` steps from 0:
/// total for every `Double` (before 0, NaN → the first; past the end → the
/// last), never a trapping conversion.
@inlinable
func stepIndex(_ t: Double, width: Double, count: Int) -> Int {
  let last = count - 1
  guard t > 0 else { return 0 }
  let steps = t / width
  guard steps < Double(last) else { return last }
  return Int(steps)
}
