/// SplitMix64, the seeding generator recommended by the xoshiro authors.
///
/// Used to expand one 64-bit seed into independent streams and to turn keys
/// into well-mixed values. Reference: Steele, Lea & Flood, "Fast Splittable
/// Pseudorandom Number Generators", OOPSLA 2014.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public private(set) var state: UInt64

  /// Creates a generator whose first output depends only on `seed`.
  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Self.mix(state)
  }

  /// The SplitMix64 output function: a bijective avalanche of `z`.
  @inlinable
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// xoshiro256**, the generator behind every random draw in a run.
///
/// Chosen because its output is fully specified (unlike the system generator),
/// fast, and statistically strong. Reference: Blackman & Vigna, "Scrambled
/// Linear Pseudorandom Number Generators", ACM TOMS 2021.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
  @usableFromInline var s0, s1, s2, s3: UInt64

  /// Seeds the four state words from SplitMix64, as the authors recommend.
  public init(seed: UInt64) {
    var mixer = SplitMix64(seed: seed)
    s0 = mixer.next()
    s1 = mixer.next()
    s2 = mixer.next()
    s3 = mixer.next()
  }

  @inlinable
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  @inlinable
  func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// Derives independent seeds from a root seed and a path of stream labels.
///
/// A run's randomness is split into named streams (workload, market of zone
/// z, reclaim draw of the k-th instance of pool p, ...) so that changing how
/// much one stream consumes never shifts another. This is what makes common
/// random numbers hold across policies.
public enum SeedDerivation {
  /// The seed of the stream `labels` under `root`.
  @inlinable
  public static func derive(_ root: UInt64, _ labels: [UInt64]) -> UInt64 {
    var h = start(root)
    for label in labels { h = step(h, label) }
    return h
  }

  // The same seeds for one to six labels without the variadic array,
  // which costs an allocation per call (two per launch in the simulator).

  /// The seed of the stream `a` under `root`.
  @inlinable
  public static func derive(_ root: UInt64, _ a: UInt64) -> UInt64 { step(start(root), a) }

  /// The seed of the stream `a, b` under `root`.
  @inlinable
  public static func derive(_ root: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
    step(step(start(root), a), b)
  }

  /// The seed of the stream `a, b, c` under `root`.
  @inlinable
  public static func derive(_ root: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
    step(derive(root, a, b), c)
  }

  /// The seed of the stream `a, b, c, d` under `root`.
  @inlinable
  public static func derive(
    _ root: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64
  ) -> UInt64 {
    step(derive(root, a, b, c), d)
  }

  /// The seed of the stream `a, b, c, d, e` under `root`.
  @inlinable
  public static func derive(
    _ root: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64, _ e: UInt64
  ) -> UInt64 {
    step(derive(root, a, b, c, d), e)
  }

  /// The seed of the stream `a, b, c, d, e, f` under `root`.
  @inlinable
  public static func derive(
    _ root: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64, _ e: UInt64,
    _ f: UInt64
  ) -> UInt64 {
    step(derive(root, a, b, c, d, e), f)
  }

  /// The hash before any label.
  @inlinable
  static func start(_ root: UInt64) -> UInt64 { SplitMix64.mix(root ^ 0x5359_4E4B_5449_0001) }

  /// The hash after one more label.
  @inlinable
  static func step(_ h: UInt64, _ label: UInt64) -> UInt64 {
    SplitMix64.mix(h ^ SplitMix64.mix(label &+ 0x9E37_79B9_7F4A_7C15))
  }
}

extension RandomNumberGenerator {
  /// A uniform draw in [0, 1) with 53 random bits.
  ///
  /// Implemented here rather than via `Double.random(in:)` so the mapping
  /// from bits to numbers is ours and cannot change with the toolchain.
  @inlinable
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform draw in [low, high).
  @inlinable
  public mutating func nextUniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * nextUnit()
  }

  /// An exponential draw with the given rate (mean 1 / rate).
  @inlinable
  public mutating func nextExponential(rate: Double) -> Double {
    -log1pNegated(nextUnit()) / rate
  }

  /// A standard normal draw (Box–Muller, one value per call).
  @inlinable
  public mutating func nextStandardNormal() -> Double {
    let u1 = 1.0 - nextUnit()  // (0, 1], so log is finite
    let u2 = nextUnit()
    return (-2.0 * _log(u1)).squareRoot() * _cos(2.0 * Double.pi * u2)
  }
}

/// `log(1 - u)` for u in [0, 1), accurate near 0.
@inlinable
func log1pNegated(_ u: Double) -> Double { _log1p(-u) }
