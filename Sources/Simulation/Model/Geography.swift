/// Where spot zones are: each belongs to a region, and each region to a
/// continent. Moving state between them takes time at the path's bandwidth
/// and costs egress per GB.
public struct Geography: Sendable, Hashable {
  /// One spot zone.
  public struct Zone: Sendable, Hashable {
    /// Zone name, e.g. `us-east-1a`.
    public var name: String
    /// Region name, e.g. `us-east-1`.
    public var region: String
    /// Continent, e.g. `us`.
    public var continent: String

    /// Creates a zone.
    public init(name: String, region: String, continent: String) {
      self.name = name
      self.region = region
      self.continent = continent
    }

    /// A zone named as AWS (`us-east-1a`) or GCP (`us-central1-a`) name
    /// theirs: the region drops the zone letter, the continent is the
    /// region's first word.
    public init(named name: String) {
      var region = name
      if let last = name.last, last.isLetter {
        let head = name.dropLast()
        if head.hasSuffix("-") {
          region = String(head.dropLast())
        } else if head.last?.isNumber == true {
          region = String(head)
        }
      }
      let continent = String(region.split(separator: "-").first ?? Substring(region))
      self.init(name: name, region: region, continent: continent)
    }
  }

  /// Zones in scenario zone order.
  public let zones: [Zone]
  /// Region names in order of first appearance.
  public let regions: [String]
  /// Continent of each region, in `regions` order.
  public let continents: [String]
  /// Index in `regions` of each zone.
  let zoneRegion: [Int]

  /// Creates a geography.
  public init(zones: [Zone]) {
    precondition(!zones.isEmpty)
    self.zones = zones
    var regions: [String] = []
    var continents: [String] = []
    for zone in zones where !regions.contains(zone.region) {
      regions.append(zone.region)
      continents.append(zone.continent)
    }
    self.regions = regions
    self.continents = continents
    zoneRegion = zones.map { zone in regions.firstIndex(of: zone.region)! }
  }

  /// `count` zones in one region: the synthetic default.
  public static func oneRegion(zones count: Int) -> Geography {
    Geography(
      zones: (0..<Swift.max(1, count)).map {
        Zone(name: "zone-\($0)", region: "region-0", continent: "continent-0")
      })
  }

  /// Index in `regions` of zone `z`.
  public func region(ofZone z: Int) -> Int { zoneRegion[z] }
}

/// How a move between two regions is carried: bandwidth by path and egress
/// price per GB by (source, destination).
public struct NetworkModel: Sendable, Hashable {
  /// Object-store throughput within a region, Gbit/s (also checkpoint
  /// storage's own throughput).
  public var inRegionGbps: Double
  /// Across regions of one continent, Gbit/s.
  public var crossRegionGbps: Double
  /// Across continents, Gbit/s.
  public var crossContinentGbps: Double
  /// Egress $ per GB by source region, then destination region.
  public var egressTable: [String: [String: Double]]
  /// Egress $ per GB between two regions the table does not list.
  public var defaultEgressPerGB: Double

  /// Creates a model; the defaults are the measured S3 figures of
  /// `Experiments/data/README.md` (SkyNomad artifact) and AWS's common $0.02/GB.
  public init(
    inRegionGbps: Double = 9.72, crossRegionGbps: Double = 8.20,
    crossContinentGbps: Double = 3.59, egressTable: [String: [String: Double]] = [:],
    defaultEgressPerGB: Double = 0.02
  ) {
    self.inRegionGbps = inRegionGbps
    self.crossRegionGbps = crossRegionGbps
    self.crossContinentGbps = crossContinentGbps
    self.egressTable = egressTable
    self.defaultEgressPerGB = defaultEgressPerGB
  }

  /// Throughput from region `a` to region `b` of `geography`.
  public func gbps(from a: Int, to b: Int, in geography: Geography) -> Double {
    if a == b { return inRegionGbps }
    return geography.continents[a] == geography.continents[b]
      ? crossRegionGbps : crossContinentGbps
  }

  /// Egress $ per GB from region `a` to region `b` (0 within a region).
  public func egressPerGB(from a: Int, to b: Int, in geography: Geography) -> Double {
    if a == b { return 0 }
    return egressTable[geography.regions[a]]?[geography.regions[b]] ?? defaultEgressPerGB
  }
}
