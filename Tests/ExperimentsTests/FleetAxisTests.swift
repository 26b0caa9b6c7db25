import Experiments
import Foundation
import Simulation
import Testing

/// Named fleets as a sweep axis, the new fleet-model keys, and determinism
/// of the richer model at any `--jobs`.
@Suite struct FleetAxisTests {
  let catalog = try! AcceleratorCatalog.load(Paths.catalog)

  @Test func aFleetAxisProducesTheNamedFleets() throws {
    let text = """
      name: fleets
      fleets: {pair: [A100-40GB, L4], trio: [V100, L4, A10G]}
      base: {tasks: 5, horizon_hours: 12, memory_gib: 12}
      grid: {fleet: [l4-only, pair, trio]}
      """
    let spec = try ExperimentSpec.parse(text, file: "f.yaml", catalog: catalog)
    let plan = try SweepPlan(spec: spec, size: nil, catalog: catalog)
    let fleets = plan.cells.map { cell -> [String] in
      guard case .fleet(let s) = plan.scenarios[cell.index]! else { return [] }
      return s.fleet.map(\.name)
    }
    #expect(fleets == [["L4"], ["A100-40GB", "L4"], ["V100", "L4", "A10G"]])
    // An unknown fleet, or a fleet naming an unknown type, is bad input.
    #expect(throws: ExperimentsError.self) {
      try SweepPlan(
        spec: ExperimentSpec.parse(
          "grid: {fleet: [nope]}\n", file: "f.yaml", catalog: catalog), size: nil,
        catalog: catalog)
    }
    #expect(throws: ExperimentsError.self) {
      try ExperimentSpec.parse("fleets: {x: [H200]}\n", file: "f.yaml", catalog: catalog)
    }
    // A null fleet is refused with its key, not a crash (found by the
    // spec fuzzer).
    #expect(
      throws: ExperimentsError.invalidValue(
        file: "f.yaml", key: "fleets.x", value: "null",
        expected: "a non-empty list of accelerator names")
    ) {
      try ExperimentSpec.parse("fleets: {x: null}\n", file: "f.yaml", catalog: catalog)
    }
  }

  @Test func scalesKeepEachTypesOwnFigures() throws {
    var config = ScenarioConfig()
    try config.set("fleet", to: "mixed-a100-l4")
    try config.set("bandwidth_scale", to: "0.5")
    try config.set("hazard_scale", to: "2")
    let s = try config.resolve(catalog: catalog)
    let a100 = catalog.type(named: "A100-40GB")!
    let l4 = catalog.type(named: "L4")!
    #expect(s.fleet.map(\.networkGbps) == [a100.networkGbps / 2, l4.networkGbps / 2])
    #expect(s.fleet.map(\.hazardPerHour) == [a100.hazardPerHour * 2, l4.hazardPerHour * 2])
  }

  @Test(arguments: [
    ("crunch_fraction", "1.5"), ("crunch_rate_per_hour", "-1"), ("spot_capacity", "2.5"),
    ("zone_spot_capacity", "3,x"), ("zone_price_scale", "1,inf"), ("zone_regions", ","),
    ("cross_region_gbps", "0"), ("egress_usd_per_gb", "1e308"), ("bandwidth_scale", "0"),
    ("zone_price_spread", "9"), ("weights_gib", "-1"),
  ])
  func badFleetModelValuesAreRefused(key: String, value: String) {
    var config = ScenarioConfig()
    #expect(throws: ExperimentsError.self) { try config.set(key, to: value) }
  }

  @Test func declaredRegionsAndTheCatalogNetworkReachTheScenario() throws {
    var config = ScenarioConfig()
    try config.set("zone_regions", to: "us-east-1,us-east-2,eu-west-1")
    try config.set("spot_capacity", to: "4")
    try config.set("zone_spot_capacity", to: "-,2,-")
    let s = try config.resolve(catalog: catalog)
    #expect(s.zones == 3)
    #expect(s.geography?.regions == ["us-east-1", "us-east-2", "eu-west-1"])
    #expect(s.geography?.continents == ["us", "us", "eu"])
    #expect(s.spotCapacity.limit(type: "A10G", zone: 0) == 4)
    #expect(s.spotCapacity.limit(type: "A10G", zone: 1) == 2)
    // The AWS egress table from the catalog: us-east-1 → us-east-2 is $0.01/GB.
    let g = try #require(s.geography)
    #expect(s.network.egressPerGB(from: 0, to: 1, in: g) == 0.01)
    #expect(s.network.gbps(from: 0, to: 2, in: g) == 3.59)
    #expect(s.network.gbps(from: 0, to: 1, in: g) == 8.2)
  }

  @Test func theCatalogPricesGCPPairsFromItsOwnTable() throws {
    var config = ScenarioConfig()
    try config.set("zone_regions", to: "us-central1,us-east4,europe-west1,europe-west3,asia-south2")
    let s = try config.resolve(catalog: catalog)
    let g = try #require(s.geography)
    #expect(s.network.egressPerGB(from: 0, to: 1, in: g) == 0.01)  // within the US
    #expect(s.network.egressPerGB(from: 2, to: 3, in: g) == 0.02)  // within Europe
    #expect(s.network.egressPerGB(from: 0, to: 2, in: g) == 0.08)  // between continents
    #expect(s.network.egressPerGB(from: 4, to: 0, in: g) == 0.08)
  }

  @Test func traceZonesNameTheirRegions() {
    #expect(Geography.Zone(named: "us-east-1a").region == "us-east-1")
    #expect(Geography.Zone(named: "us-central1-a").region == "us-central1")
    #expect(Geography.Zone(named: "asia-south2-b").continent == "asia")
    #expect(Geography.Zone(named: "europe-west4-c").region == "europe-west4")
  }

  @Test func theRicherModelIsDeterministicAtAnyJobs() throws {
    let text = """
      name: rich
      base:
        horizon_hours: 36
        tasks: 40
        work_hours: uniform(1,8)
        memory_gib: 16
        fleet: mixed-a100-l4
        zone_regions: us-east-1,us-west-2,eu-west-1
        spot_capacity: 3
        crunch_rate_per_hour: 0.1
        zone_price_spread: 0.3
      grid: {migration: [naive, best-fit, optimal]}
      replicates: 4
      seed: 9
      """
    let dir = RunnerFixtures.scratch()
    let spec = try RunnerFixtures.spec(text, in: dir)
    func rows(jobs: Int) throws -> ExportTable {
      let store = try ResultsStore.inMemory()
      let plan = try SweepPlan(spec: spec, size: nil, catalog: RunnerFixtures.catalog)
      let outcome = try SweepRunner(store: store).run(
        plan, options: RunnerFixtures.options(jobs: jobs))
      return try store.export(sweep: outcome.sweepID).dropping(ExportTable.timingColumns)
    }
    let one = try rows(jobs: 1)
    #expect(one == (try rows(jobs: 3)))
    let crunches = one.columns.firstIndex(of: "crunches")!
    #expect(one.rows.allSatisfy { Int($0[crunches] ?? "0")! > 0 })
  }
}
