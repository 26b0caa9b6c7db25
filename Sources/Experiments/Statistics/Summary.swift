/// Mean and 95 % confidence interval of a sample (Student t).
public struct Summary: Sendable, Equatable {
  /// Sample size.
  public var n: Int
  /// Sample mean.
  public var mean: Double
  /// Sample standard deviation (n − 1 in the denominator); 0 when n < 2.
  public var standardDeviation: Double
  /// Half-width of the 95 % CI: t(0.975, n − 1) · s / √n; nil when n < 2.
  public var halfWidth: Double?

  /// Summarises `values` (which must not be empty).
  public init(_ values: [Double], confidence: Double = 0.95) {
    precondition(!values.isEmpty, "cannot summarise nothing")
    n = values.count
    mean = values.reduce(0, +) / Double(n)
    if n < 2 {
      standardDeviation = 0
      halfWidth = nil
    } else {
      let m = mean
      let ss = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
      standardDeviation = (ss / Double(n - 1)).squareRoot()
      let t =
        confidence == 0.95 && n - 1 <= Self.t95.count
        ? Self.t95[n - 2]
        : StudentT.quantile(1 - (1 - confidence) / 2, degreesOfFreedom: Double(n - 1))
      halfWidth = t * standardDeviation / Double(n).squareRoot()
    }
  }

  /// The 95 % quantile factor t(0.975, df) for df = 1…256, computed once
  /// by the same formula (reports summarise thousands of samples, and each
  /// quantile is a bisection on the incomplete beta function).
  static let t95: [Double] = (1...256).map {
    StudentT.quantile(1 - (1 - 0.95) / 2, degreesOfFreedom: Double($0))
  }

  /// Lower end of the interval.
  public var lower: Double { mean - (halfWidth ?? 0) }
  /// Upper end of the interval.
  public var upper: Double { mean + (halfWidth ?? 0) }
  /// Whether the interval excludes zero (a significant difference).
  public var excludesZero: Bool { halfWidth != nil && (lower > 0 || upper < 0) }

  /// Summary of paired differences `b[i] − a[i]`.
  public static func paired(_ a: [Double], _ b: [Double]) -> Summary {
    precondition(a.count == b.count, "paired samples must have equal size")
    return Summary(zip(a, b).map { pair in pair.1 - pair.0 })
  }
}
