import Experiments
import Foundation
import Simulation
import Testing

@Suite struct CatalogTests {
  @Test func theCatalogHasEveryRequiredTypeWithSources() throws {
    let catalog = try AcceleratorCatalog.load(Paths.catalog)
    for name in [
      "H100-80GB", "A100-80GB", "A100-40GB", "L4", "A10G", "MI300X", "TPU-v5e", "Trainium", "V100",
    ] {
      let type = try #require(catalog.type(named: name), "\(name) missing")
      #expect(type.spotPrice < type.onDemandPrice)
      #expect(type.hazardPerHour > 0)
      let sources = try #require(catalog.sources[name])
      for field in [
        "on_demand_usd_per_hour", "spot", "hardware", "relative_speed", "grace_seconds",
        "boot_seconds",
      ] {
        #expect(sources[field] != nil, "\(name) has no source for \(field)")
      }
      #expect(type.graceSeconds == (type.provider == "aws" ? 120 : 30))
    }
    let v100 = catalog.type(named: "V100")!
    #expect(v100.onDemandPrice == 3.06)
    #expect(catalog.instances["V100"] == "p3.2xlarge")
  }

  @Test func awsFiguresMatchTheSpotAdvisorSnapshot() throws {
    let advisorFile = (Paths.data as NSString).appendingPathComponent("aws-spot-advisor.json")
    let data = try #require(FileManager.default.contents(atPath: advisorFile))
    let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    let advisor =
      (((root["spot_advisor"] as! [String: Any])["us-east-1"] as! [String: Any])["Linux"]
        as! [String: Any])
    let catalog = try AcceleratorCatalog.load(Paths.catalog)
    var checked = 0
    for type in catalog.types where type.provider == "aws" {
      let instance = catalog.instances[type.name]!
      let entry = advisor[instance] as! [String: Any]
      let savings = (entry["s"] as! NSNumber).doubleValue
      let band = (entry["r"] as! NSNumber).intValue
      #expect(abs(type.spotPrice - type.onDemandPrice * (1 - savings / 100)) < 1e-9, "\(instance)")
      let p = AcceleratorCatalog.bandMidpoints[band]
      #expect(abs(type.hazardPerHour - (-log(1 - p) / 730)) < 1e-15, "\(instance)")
      checked += 1
    }
    #expect(checked >= 6)
  }

  @Test func monthlyBandsBecomeHourlyHazards() {
    // 25 % of instances interrupted in a 730 h month: λ = −ln(0.75)/730.
    #expect(
      abs(AcceleratorType.hourlyHazard(monthlyInterruptedFraction: 0.25) - 0.000394085) < 1e-9)
    #expect(AcceleratorType.hourlyHazard(monthlyInterruptedFraction: 0) == 0)
  }

  @Test func errorsNameFileKeyAndValue() {
    let text = """
      accelerators:
        - name: X
          on_demand_usd_per_hour: 2
          spot_usd_per_hour: 1
          hazard_per_hour: 0.01
          memory_per_gpu_gib: -4
      """
    #expect(
      throws: ExperimentsError.invalidValue(
        file: "c.yaml", key: "accelerators[0].memory_per_gpu_gib", value: "-4",
        expected: "a number in (0, 1000000]")
    ) { try AcceleratorCatalog.parse(text, file: "c.yaml") }
    #expect(throws: ExperimentsError.self) {
      try AcceleratorCatalog.parse("accelerators:\n  - name: X\n    colour: red\n", file: "c.yaml")
    }
  }
}
