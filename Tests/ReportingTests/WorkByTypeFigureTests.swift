import Reporting
import Testing

/// The chip-choice figure of work by accelerator type.
@Suite struct WorkByTypeFigureTests {
  /// A line per policy and type used, its points the mean share per
  /// deadline with the Student-t half-width (n = 2: 12.706 × sd ÷ √2); a
  /// type no policy uses is named in the caption, not drawn.
  @Test func drawsTheTypesUsedAndNamesTheRest() throws {
    let series = [
      Figures.TypeShares(
        policy: "optimal-offline", type: "H100", shares: [36: [1, 1], 48: [0.5, 0.7]]),
      Figures.TypeShares(
        policy: "optimal-offline", type: "L4", shares: [36: [0, 0], 48: [0.5, 0.3]]),
      Figures.TypeShares(
        policy: "optimal-offline", type: "TPU", shares: [36: [0, 0], 48: [0, 0]]),
    ]
    let figure = try #require(
      Figures.workByType(workload: "gptj", series: series, pooled: "`trace_start_hour`"))
    #expect(figure.name == "work-by-type-gptj")
    #expect(figure.caption.contains("Never used: `TPU`."))
    #expect(figure.commands.contains("title 'optimal-offline · H100'"))
    #expect(figure.commands.contains("title 'optimal-offline · L4'"))
    #expect(!figure.commands.contains("· TPU"))
    let rows = figure.data.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
      $0.split(separator: " ").compactMap { Double($0) }
    }
    // H100 at 36 h: 1 ± 0 (n 2); at 48 h: 0.6 ± 12.706 × 0.1414 / √2.
    #expect(rows[0] == [36, 1, 0, 2])
    #expect(abs(rows[1][1] - 0.6) < 1e-12 && abs(rows[1][2] - 12.706 * 0.1) < 1e-3)
    // L4 at 48 h: 0.4.
    #expect(abs(rows[3][1] - 0.4) < 1e-12)
  }

  /// Nothing used anywhere: no figure.
  @Test func noFigureWhenNoTypeIsUsed() {
    let series = [Figures.TypeShares(policy: "synkti-value", type: "L4", shares: [36: [0]])]
    #expect(Figures.workByType(workload: "w", series: series, pooled: "runs") == nil)
  }
}
