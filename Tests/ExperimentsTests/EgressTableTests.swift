import Foundation
import Testing

@testable import Experiments

/// The egress table's byte-level parser: the vendored tables, and the
/// spellings a hand-edited CSV takes.
@Suite struct EgressTableTests {
  @Test func theVendoredTablesParseWhole() throws {
    let aws = try String(
      contentsOfFile: Paths.data + "/aws-s3-egress-pricing.csv", encoding: .utf8)
    let table = try AcceleratorCatalog.egressTable(aws, file: "aws.csv")
    // 1,122 rows after the header, every pair once.
    #expect(table.values.reduce(0) { $0 + $1.count } == 1122)
    #expect(table["ap-east-2"]?["us-east-2"] == 0.08)
    let gcp = try String(
      contentsOfFile: Paths.data + "/gcp-inter-region-egress-pricing.csv", encoding: .utf8)
    #expect(try AcceleratorCatalog.egressTable(gcp, file: "gcp.csv").values.count > 0)
  }

  @Test func crlfBlankLinesAndSpacesAreAccepted() throws {
    let text = "from,to,price\r\n a , b ,0.5\r\n\r\nc,d,\t1e-2\n"
    let table = try AcceleratorCatalog.egressTable(text, file: "e.csv")
    #expect(table == ["a": ["b": 0.5], "c": ["d": 0.01]])
  }

  @Test func aBadRowIsRefusedWithItsLine() {
    let text = "from,to,price\na,b,0.5\n\nc,d,cheap\n"
    #expect(
      throws: ExperimentsError.malformed(
        file: "e.csv", line: 4,
        reason: "expected 'from_region,to_region,price_usd_per_gb', found 'c,d,cheap'")
    ) { try AcceleratorCatalog.egressTable(text, file: "e.csv") }
    #expect(throws: ExperimentsError.self) {
      try AcceleratorCatalog.egressTable("h\na,b,-1\n", file: "e.csv")
    }
    #expect(throws: ExperimentsError.self) {
      try AcceleratorCatalog.egressTable("h\na,b,1,2\n", file: "e.csv")
    }
  }
}
