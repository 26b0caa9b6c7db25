import Foundation
@testable import Reporting
import Testing

@Suite struct ComparisonTests {
  @Test func identicalSweepsShowNoChange() throws {
    let deltas = try Comparison.compare(base: Synthetic.sweep(), head: Synthetic.sweep(id: 8))
    #expect(!deltas.isEmpty)
    #expect(deltas.allSatisfy { !$0.significant && !$0.regression && $0.delta.mean == 0 })
  }

  @Test func aKnownShiftIsDetectedAsARegression() throws {
    let deltas = try Comparison.compare(
      base: Synthetic.sweep(), head: Synthetic.sweep(shift: 3, id: 8), metrics: ["total_cost"],
      threshold: 5)
    let greedy = try #require(deltas.first { $0.cell == "policy=greedy" })
    #expect(greedy.delta.mean == 3 && greedy.pairs == 3)
    #expect(greedy.significant && greedy.regression)
    #expect(abs(greedy.relativePercent! - 300.0 / 31) < 1e-9)
    #expect(!(deltas.first { $0.cell == "policy=on-demand-only" }!.significant))
    // Below the threshold it is significant but not a failing regression.
    let lenient = try Comparison.compare(
      base: Synthetic.sweep(), head: Synthetic.sweep(shift: 3, id: 8), metrics: ["total_cost"],
      threshold: 50)
    #expect(lenient.first { $0.cell == "policy=greedy" }!.regression == false)
    // An improvement is never a regression.
    let better = try Comparison.compare(
      base: Synthetic.sweep(shift: 3), head: Synthetic.sweep(id: 8), metrics: ["total_cost"])
    #expect(better.allSatisfy { !$0.regression })
  }

  @Test func compareShowsOnlyChangedRowsUnlessAskedForAll() throws {
    // Greedy's cost rises by 3 in every pair; on-demand does not move.
    let deltas = try Comparison.compare(
      base: Synthetic.sweep(), head: Synthetic.sweep(shift: 3, id: 8), metrics: ["total_cost"],
      threshold: 5)
    let changed = Comparison.markdown(deltas, all: false)
    #expect(changed.contains("`policy=greedy`") && changed.contains("| regression |"))
    #expect(!changed.contains("on-demand-only"))
    let every = Comparison.markdown(deltas, all: true)
    #expect(every.contains("`policy=on-demand-only`") && every.contains("| unchanged |"))
    #expect(every.contains("| verdict |"))
    #expect(
      Comparison.summary(deltas, threshold: 5)
        == "2 comparisons: 1 regressions, 0 improvements, 0 other significant changes (within 5.0%), 1 unchanged"
    )
    let better = try Comparison.compare(
      base: Synthetic.sweep(shift: 3), head: Synthetic.sweep(id: 8), metrics: ["total_cost"])
    #expect(Comparison.summary(better, threshold: 1).contains("0 regressions, 1 improvements"))
    let same = try Comparison.compare(
      base: Synthetic.sweep(), head: Synthetic.sweep(id: 8), metrics: ["total_cost"])
    #expect(
      Comparison.markdown(same, all: false) == "No metric changed significantly in any cell.\n")
  }

  @Test func sweepsOfOneModelAreSaidIdentical() {
    let a: [String: String?] = ["c1 1": "x", "c1 2": "y", "c2 1": "z"]
    #expect(Comparison.identicalModel(a, ["c1 1": "x", "c1 2": "y"]))
    #expect(!Comparison.identicalModel(a, ["c1 1": "x", "c1 2": "other"]))
    #expect(!Comparison.identicalModel(["c1 1": nil], ["c1 1": nil]))  // before the cache
    #expect(!Comparison.identicalModel(a, ["c9 1": "x"]))  // nothing paired
  }

  @Test func sweepsWithNothingInCommonAreAnError() {
    var other = Synthetic.sweep(id: 9)
    other.cells = other.cells.map { cell in
      var c = cell
      c.key = "policy=other-" + cell.key
      return c
    }
    #expect(throws: ReportingError.self) {
      try Comparison.compare(base: Synthetic.sweep(), head: other)
    }
  }
}

@Suite struct ComparisonNuisanceTests {
  /// Policies a and b in three trace windows, one run each; the head adds
  /// `shift` to a's cost in every window.
  static func sweep(id: Int64, shift: Double, nuisance: Bool) -> SweepData {
    var data = Synthetic.sweep(id: id)
    data.specText = "name: windows\n" + (nuisance ? "nuisance: [trace_start_hour]\n" : "")
    data.axes = ["policy", "trace_start_hour"]
    data.cells = ["a", "b"].flatMap { policy in ["10", "20", "30"].map { (policy, $0) } }
      .enumerated().map { i, pw in
        let cost = 50 + Double(i) + (pw.0 == "a" ? shift : 0)
        return CellData(
          index: i, key: "policy=\(pw.0);trace_start_hour=\(pw.1)",
          values: ["policy": pw.0, "trace_start_hour": pw.1],
          runs: [RunData(replicate: 0, seed: "7", metrics: ["total_cost": cost])])
      }
    return data
  }

  /// Over a nuisance axis each policy's row pairs its three windows: a's
  /// +3 in every window is a significant regression; b is unchanged.
  @Test func poolsTheWindowsOfANuisanceAxis() throws {
    let deltas = try Comparison.compare(
      base: Self.sweep(id: 1, shift: 0, nuisance: true),
      head: Self.sweep(id: 2, shift: 3, nuisance: true), metrics: ["total_cost"])
    #expect(deltas.map(\.cell) == ["policy=a", "policy=b"])
    #expect(deltas.map(\.pairs) == [3, 3])
    #expect(deltas[0].delta.mean == 3 && deltas[0].regression)
    #expect(deltas[1].delta.mean == 0 && !deltas[1].significant)
    #expect(deltas[0].pooledOver == ["trace_start_hour"])
    #expect(
      Comparison.markdown(deltas, all: false).hasPrefix(
        "Pooled over the spec's nuisance axes (`trace_start_hour`)"))
  }

  /// Without one, every window is its own cell, one pair each.
  @Test func keepsEveryCellWithoutANuisanceAxis() throws {
    let deltas = try Comparison.compare(
      base: Self.sweep(id: 1, shift: 0, nuisance: false),
      head: Self.sweep(id: 2, shift: 3, nuisance: false), metrics: ["total_cost"])
    #expect(deltas.count == 6 && deltas.allSatisfy { $0.pairs == 1 && $0.pooledOver.isEmpty })
    let data = Self.sweep(id: 1, shift: 0, nuisance: true)
    #expect(data.key(of: data.cells[3], over: ["policy"]) == "policy=b")
    // Every axis a nuisance: one row of every pair.
    var every = Self.sweep(id: 1, shift: 0, nuisance: true)
    every.specText = "name: windows\nnuisance: [policy, trace_start_hour]\n"
    let all = try Comparison.compare(
      base: every, head: Self.sweep(id: 2, shift: 3, nuisance: true), metrics: ["total_cost"])
    #expect(all.map(\.cell) == ["all"] && all[0].pairs == 6)
  }
}
