import Foundation
import Testing

@testable import Experiments

/// The byte-level scanner reads the canonical CSVs exactly as the general
/// line parser does, and hands everything else to it.
@Suite struct AWSScannerTests {
  @Test func everyVendoredZoneFileParsesIdenticallyBothWays() throws {
    let folder = Paths.data + "/traces/aws-v100-2023-02"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { $0.hasSuffix("_v100_1.csv") }.sorted()
    #expect(files.count == 9)
    for name in files {
      let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
      #expect(AWSScanner.scan(text) != nil, "\(name) took the slow path")
      #expect(
        try TraceLoader.parseAWS(text, file: name, prices: nil)
          == TraceLoader.parseAWSLines(text, file: name, prices: nil), "\(name)")
    }
  }

  @Test(arguments: [
    "date,availability\r\n2023-02-15 22:08:16,0\r\n2023-02-15 22:11:31,1",
    "date,availability\n2023-02-15 22:08:16,0\n2023-02-15 22:11:31,1\n",
  ])
  func canonicalTextIsScanned(_ text: String) throws {
    let fast = try #require(AWSScanner.scan(text))
    #expect(fast.available == [false, true])
    #expect(fast.last - fast.first! == 195)
    #expect(
      try TraceLoader.parseAWS(text, file: "t.csv", prices: nil)
        == TraceLoader.parseAWSLines(text, file: "t.csv", prices: nil))
  }

  @Test(arguments: [
    "\u{FEFF}date,availability\n2023-02-15 22:08:16,0\n2023-02-15 22:11:31,1\n",
    "date,availability\n\n2023-02-15 22:08:16,0\n2023-02-15 22:11:31,1\n",
    "date,availability\r2023-02-15 22:08:16,0\r2023-02-15 22:11:31,1\r",
    "date,availability\n2023-2-15 22:08:16,0\n2023-02-15 22:11:31,1\n",
    "date,availability\n2023-02-15 22:08:16,1 \n2023-02-15 22:11:31,1\n",
    "date,availability\n2023-02-15 22:11:31,0\n2023-02-15 22:08:16,1\n",
    "date,availability\n2023-02-15 22:08:16,2\n",
  ])
  func anythingElseTakesTheGeneralParser(_ text: String) throws {
    #expect(AWSScanner.scan(text) == nil)
  }
}
