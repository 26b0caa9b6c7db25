import Experiments
import Foundation
import Testing

@testable import Reporting

/// Figures label every axis a paper spec sweeps in words, and every label
/// names a real parameter.
@Suite struct AxisLabelTests {
  @Test func everySweptAxisOfAPaperSpecHasWords() throws {
    let catalog = try Synthetic.catalog()
    let directory = Synthetic.repository.appendingPathComponent("Experiments/paper").path
    let specs = try FileManager.default.contentsOfDirectory(atPath: directory)
      .filter { $0.hasSuffix(".yaml") }
    #expect(specs.count > 10)
    for name in specs {
      let spec = try ExperimentSpec.load(
        (directory as NSString).appendingPathComponent(name), catalog: catalog)
      for axis in spec.axes.map(\.key) {
        #expect(AxisLabel.words(axis) != axis, "\(name): no axis label for \(axis)")
      }
    }
  }

  @Test func everyLabelNamesAParameter() {
    let keys = Set(ScenarioParameter.all.map(\.key))
    #expect(AxisLabel.table.keys.allSatisfy(keys.contains))
    #expect(AxisLabel.words("not_a_key") == "not_a_key")
  }
}
