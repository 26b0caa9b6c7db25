import Foundation
import Testing

@Suite struct CatalogWorkloadsCommandTests {
  /// `synkti catalog --workloads` prints each class's types cheapest spot
  /// first (the order `WorkloadCatalogTests` checks by hand), says which
  /// types cannot run it and why, and cites every figure.
  @Test func printsCostPerUnitOfWorkCheapestSpotFirst() throws {
    let result = CLI.run(["catalog", "--workloads"])
    #expect(result.status == 0, "\(result.stderr)")
    let out = result.stdout
    let section = try #require(out.range(of: "llama2-70b-inference:"))
    let rest = String(out[section.upperBound...])
    let rows = rest.split(separator: "\n").prefix(6).map(String.init)
    let order = rows.compactMap { row in
      ["H100-80GB-GCP ", "MI300X ", "H100-80GB "].first { row.hasPrefix("  " + $0) }
    }
    #expect(order == ["H100-80GB-GCP ", "MI300X ", "H100-80GB "], "\(rows)")
    #expect(rest.contains("0.2150") && rest.contains("0.5670"))
    #expect(rest.contains("cannot run: V100 (16 GiB per instance)"))
    #expect(rest.contains("MLPerf Inference v4.1"))
  }
}
