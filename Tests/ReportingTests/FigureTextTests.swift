import Experiments
import Foundation
import Reporting
import Testing

/// Axis values reach gnuplot scripts as titles and tic labels. Hostile ones
/// (a line break followed by a command, a quote that would close the
/// string) must stay text: rendering them runs no command.
@Suite struct FigureTextTests {
  static let hostile = [
    "v": "v\nsystem 'touch pwned-newline'\n",
    "e": "e'\nsystem 'touch pwned-quote'\n'",
  ]

  /// The gap sweep with its policies renamed to hostile text.
  static func sweep() -> SweepData {
    var data = OptimumGapTests.sweep()
    for i in data.cells.indices {
      if let p = data.cells[i].values["policy"], let h = hostile[p] {
        data.cells[i].values["policy"] = h
      }
    }
    return data
  }

  @Test func hostileAxisValuesStayInsideTheirStrings() throws {
    let figure = try #require(Figures.costOverOptimumPerWindow(Self.sweep()))
    // Every line of the script is a command of ours: none starts with
    // `system`, and each title is one line.
    for line in figure.script.split(separator: "\n") {
      #expect(!line.trimmingCharacters(in: .whitespaces).hasPrefix("system"), "\(line)")
    }
    #expect(figure.script.contains("title 'v system ''touch pwned-newline'' '"))
    guard Gnuplot.isAvailable else { return }
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("synkti-figure-text-\(getpid())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try Gnuplot.render(figure, in: directory)
    let files = try FileManager.default.contentsOfDirectory(atPath: directory)
    #expect(!files.contains { $0.hasPrefix("pwned") }, "\(files)")
    #expect(files.contains(figure.name + ".png"))
  }
}
