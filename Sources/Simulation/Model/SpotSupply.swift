/// How much spot capacity each pool has: instances per (type, zone).
///
/// A zone's own entry wins, then the type's, then the default; nil
/// everywhere means unlimited. On a trace market the capacity applies while
/// the trace says spot is available (and is 0 when it is not).
public struct SpotCapacity: Sendable, Hashable {
  /// Instances per pool when nothing more specific is set (nil: unlimited).
  public var defaultLimit: Int?
  /// Per accelerator type name.
  public var perType: [String: Int]
  /// Per zone index (nil entries fall through).
  public var perZone: [Int?]

  /// Creates a capacity rule.
  public init(defaultLimit: Int? = nil, perType: [String: Int] = [:], perZone: [Int?] = []) {
    self.defaultLimit = defaultLimit
    self.perType = perType
    self.perZone = perZone
  }

  /// Unlimited everywhere.
  public static let unlimited = SpotCapacity()

  /// The limit of the pool of `type` in zone `zone`.
  public func limit(type: String, zone: Int) -> Int? {
    if zone < perZone.count, let z = perZone[zone] { return z }
    return perType[type] ?? defaultLimit
  }
}

/// Correlated reclaims: capacity crunches that hit a whole zone at once.
///
/// Per zone, crunches arrive as a Poisson process at `ratePerHour`. Each
/// warns ⌈`fraction` × n⌉ of the zone's n live spot instances (of every
/// type) at one instant, chosen by a rank each instance draws at launch, and
/// cuts each pool's capacity to ⌊(1 − `fraction`) × C⌋ for `hours`, where C
/// is its limit (or, when unlimited, its live instances just before).
/// Crunch times are drawn from the replicate's seed and the zone alone, so
/// every policy of a replicate sees the same crunches.
public struct CrunchModel: Sendable, Hashable {
  /// Crunches per zone per hour (0: none).
  public var ratePerHour: Double
  /// Share of a zone's spot instances each crunch reclaims, in [0, 1].
  public var fraction: Double
  /// Hours the zone's capacity stays reduced.
  public var hours: Double

  /// Creates a crunch model.
  public init(ratePerHour: Double = 0, fraction: Double = 0.5, hours: Double = 1) {
    self.ratePerHour = ratePerHour
    self.fraction = fraction
    self.hours = hours
  }

  /// No crunches.
  public static let none = CrunchModel()
}

/// How the zones of a synthetic market differ from each other.
///
/// Each (type, zone) gets price and hazard multipliers `exp(σ · (x − x̄))`,
/// with x drawn standard normal per zone from the replicate's seed and
/// centred over the zones (x̄, their mean), so the type's catalog figure
/// stays the geometric mean across zones and a single zone keeps it exactly.
/// Explicit per-zone multipliers replace the draws. Trace markets are left
/// as measured.
public struct ZoneVariation: Sendable, Hashable {
  /// σ of the log price multiplier.
  public var priceSpread: Double
  /// σ of the log hazard multiplier.
  public var hazardSpread: Double
  /// Explicit price multipliers per zone (replace the draws).
  public var priceScale: [Double]?
  /// Explicit hazard multipliers per zone (replace the draws).
  public var hazardScale: [Double]?

  /// Creates a variation rule.
  public init(
    priceSpread: Double = 0, hazardSpread: Double = 0, priceScale: [Double]? = nil,
    hazardScale: [Double]? = nil
  ) {
    self.priceSpread = priceSpread
    self.hazardSpread = hazardSpread
    self.priceScale = priceScale
    self.hazardScale = hazardScale
  }

  /// Identical zones.
  public static let none = ZoneVariation()

  /// The (price, hazard) multipliers of `zones` zones, drawing from
  /// `generator` (always the same number of draws, so other streams never
  /// shift).
  func multipliers(zones: Int, using generator: inout Xoshiro256StarStar) -> [(Double, Double)] {
    let price = (0..<zones).map { _ in generator.nextStandardNormal() }
    let hazard = (0..<zones).map { _ in generator.nextStandardNormal() }
    func centred(_ x: [Double], _ sigma: Double, _ explicit: [Double]?) -> [Double] {
      if let explicit { return (0..<zones).map { explicit[$0 % explicit.count] } }
      let mean = x.reduce(0, +) / Double(Swift.max(1, zones))
      return x.map { _exp(sigma * ($0 - mean)) }
    }
    return Array(
      zip(centred(price, priceSpread, priceScale), centred(hazard, hazardSpread, hazardScale)))
  }
}
