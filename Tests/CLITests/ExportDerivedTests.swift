import Foundation
import Testing

/// `synkti export` fills the parameters a spec leaves unset with what the
/// model used, says which, and `--as-stored` prints the runs as stored.
@Suite struct ExportDerivedTests {
  /// The rows of a JSON export, every value as text (null: absent).
  static func rows(_ json: String) -> [[String: String]] {
    let objects =
      (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]) ?? []
    return objects.map { row in
      row.compactMapValues { $0 is NSNull ? nil : "\($0)" }
    }
  }

  @Test func unsetParametersCarryTheValuesTheModelUsed() throws {
    let db = CLI.scratch() + "/headline.sqlite"
    #expect(
      CLI.run(["sweep", "Experiments/paper/headline.yaml", "--db", db], timeout: 60).status == 0)
    let filled = Self.rows(CLI.run(["export", "--db", db, "--format", "json"]).stdout)
    // The headline fleet is one inline type (Experiments/headline.yaml):
    // hazard 0.05/h, grace and boot 120 s; the network is the catalog's.
    let first = try #require(filled.first)
    func number(_ key: String) -> Double? { first[key].flatMap(Double.init) }
    #expect(number("grace_seconds") == 120 && number("boot_seconds") == 120)
    #expect(number("preemption_rate") == 0.05)
    #expect(number("cross_region_gbps") == 8.2 && number("egress_usd_per_gb") == 0.02)
    let derived = Set((first["derived_parameters"] ?? "").split(separator: " ").map(String.init))
    #expect(derived.isSuperset(of: ["preemption_rate", "grace_seconds", "boot_seconds"]))
    // As stored: those columns are empty, and there is no derived column.
    let stored = Self.rows(
      CLI.run(["export", "--db", db, "--format", "json", "--as-stored"]).stdout)
    #expect(stored.count == filled.count && stored.count == 360)
    #expect(stored.first?["preemption_rate"] == nil && stored.first?["derived_parameters"] == nil)
    // Every other column is the same.
    for (a, b) in zip(filled, stored) {
      for (key, value) in b where !derived.contains(key) { #expect(a[key] == value, "\(key)") }
    }
  }

  @Test func theSchemaMarksDerivedParameters() throws {
    let text = CLI.run(["export", "--schema"]).stdout
    let schema = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let properties = try #require(schema["properties"] as? [String: [String: Any]])
    #expect(properties["preemption_rate"]?["x-derived"] as? Bool == true)
    #expect(properties["policy"]?["x-derived"] == nil)
    #expect(properties["derived_parameters"] != nil && properties["total_cost"] != nil)
    // The one text metric is typed as a string, the others as numbers.
    #expect(properties["work_share_by_type"]?["type"] as? [String] == ["string", "null"])
    #expect(properties["total_cost"]?["type"] as? [String] == ["number", "null"])
  }
}
