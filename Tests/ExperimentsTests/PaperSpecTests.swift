import Experiments
import Foundation
import Testing

/// `make experiments` runs every spec in Experiments/paper, and
/// `SIZE=overnight` passes `--size overnight` to each: all must parse at
/// both sizes.
@Suite struct PaperSpecTests {
  @Test func everyPaperSpecParsesAtBothSizes() throws {
    let catalog = try AcceleratorCatalog.load(Paths.catalog)
    let directory = Paths.repository.appendingPathComponent("Experiments/paper").path
    let specs = try FileManager.default.contentsOfDirectory(atPath: directory)
      .filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(specs.count >= 4)
    for name in specs {
      let file = (directory as NSString).appendingPathComponent(name)
      let base = try ExperimentSpec.load(file, catalog: catalog)
      let overnight = try ExperimentSpec.load(file, catalog: catalog, size: "overnight")
      #expect(!base.cells().isEmpty, "\(name)")
      // Every paper report states findings: each spec names its comparisons,
      // at both sizes, and reports read the same pairs from its text.
      #expect(!base.comparisons.isEmpty, "\(name) states no compare: pairs")
      #expect(overnight.comparisons == base.comparisons, "\(name)")
      #expect(ExperimentSpec.comparisons(inText: base.text) == base.comparisons, "\(name)")
      #expect(
        overnight.cells().count * overnight.replicates >= base.cells().count * base.replicates,
        "\(name)")
    }
  }

  @Test func makeExperimentsRunsEveryPaperSpec() throws {
    let makefile = try String(
      contentsOf: Paths.repository.appendingPathComponent("Makefile"), encoding: .utf8)
    let directory = Paths.repository.appendingPathComponent("Experiments/paper").path
    for name in try FileManager.default.contentsOfDirectory(atPath: directory)
    where name.hasSuffix(".yaml") {
      #expect(makefile.contains("Experiments/paper/\(name)"), "PAPER_SPECS misses \(name)")
    }
  }
}
