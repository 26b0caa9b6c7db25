import Foundation

/// Student's t distribution: CDF through the regularised incomplete beta
/// function, quantiles by bisection on the CDF (exact to ~1e-12).
///
/// Reference: Press et al., Numerical Recipes, 3rd ed., §6.4 (incomplete
/// beta by Lentz's continued fraction) and §6.14 (Student's t).
public enum StudentT {
  /// P(T ≤ t) for `df` degrees of freedom.
  public static func cdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
    let x = df / (df + t * t)
    let tail = 0.5 * incompleteBeta(a: df / 2, b: 0.5, x: x)
    return t >= 0 ? 1 - tail : tail
  }

  /// The `p`-quantile (0 < p < 1) for `df` degrees of freedom.
  public static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
    precondition(p > 0 && p < 1 && df > 0)
    if p == 0.5 { return 0 }
    if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: df) }
    var low = 0.0
    var high = 1.0
    while cdf(high, degreesOfFreedom: df) < p { high *= 2 }
    for _ in 0..<200 {
      let mid = (low + high) / 2
      if cdf(mid, degreesOfFreedom: df) < p { low = mid } else { high = mid }
      if high - low < 1e-13 * max(1, high) { break }
    }
    return (low + high) / 2
  }

  /// The regularised incomplete beta function I_x(a, b).
  static func incompleteBeta(a: Double, b: Double, x: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let lnBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
    let lnPowers: Double = a * log(x) + b * log(1 - x)
    let lnFront = lnBeta + lnPowers
    let front = exp(lnFront)
    if x < (a + 1) / (a + b + 2) {
      return front * continuedFraction(a: a, b: b, x: x) / a
    }
    return 1 - front * continuedFraction(a: b, b: a, x: 1 - x) / b
  }

  /// Lentz's method for the incomplete beta continued fraction.
  static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...10_000 {
      let m = Double(m)
      let m2 = 2 * m
      var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-15 { break }
    }
    return h
  }
}
