import Experiments
import Reporting
import Simulation
import Testing

/// The gap-to-optimum figure draws deployable policies around the optimum's
/// line, and names what it leaves out.
@Suite struct GapFigureTests {
  /// Two deadlines; `a` meets every deadline at 1.2× and 1.1×; `s` (spot
  /// only) misses in replicate 0 of each deadline (2 of 4 jobs) at 0.5×;
  /// on-demand 2×; the optimum 1×.
  static func sweep(allowed: Double) -> SweepData {
    var cells: [CellData] = []
    for (policy, gaps, misses) in [
      ("a", [1.2, 1.1], 0.0), ("s", [0.5, 0.5], 1), ("on-demand-only", [2, 2], 0),
      ("optimal-offline", [1, 1], 0),
    ] {
      for (j, deadline) in ["52", "70"].enumerated() {
        cells.append(
          CellData(
            index: cells.count, key: "policy=\(policy);deadline_hours=\(deadline)",
            values: ["policy": policy, "deadline_hours": deadline],
            runs: (0..<2).map {
              RunData(
                replicate: $0, seed: "\($0)",
                metrics: [
                  "gap_to_optimal": gaps[j] + 0.01 * Double($0),
                  "deadline_misses": $0 == 0 ? misses : 0, "tasks_total": 1,
                ])
            }))
      }
    }
    return SweepData(
      sweep: Synthetic.record, experiment: "gap",
      specText: "name: gap\nmax_deadline_miss_rate: \(allowed)\n", specHash: "abc",
      axes: ["policy", "deadline_hours"], cells: cells)
  }

  @Test func aPolicyPastTheAllowedMissRateIsNamedNotDrawn() throws {
    let figure = try #require(Figures.gapToOptimal(Self.sweep(allowed: 0.1)))
    #expect(figure.caption.contains("`s` (misses 50% of deadlines)"))
    #expect(figure.caption.contains("`on-demand-only` costs 2.00× at 52, 2.00× at 70"))
    #expect(figure.commands.contains("title 'a'"))
    // The legend sits above the plot under its own title, apart from the
    // x axis's label.
    #expect(figure.commands.contains("set key above title 'Policy' noenhanced"))
    for absent in ["title 's'", "title 'on-demand-only'", "title 'optimal-offline'"] {
      #expect(!figure.commands.contains(absent))
    }
    // The y range fits a's intervals and the optimum's line at 1.
    #expect(figure.commands.contains("first 1 to graph 1, first 1 nohead"))
    let range = try #require(
      figure.commands.split(separator: "\n").first { $0.hasPrefix("set yrange") })
    let bounds = range.dropFirst("set yrange [".count).dropLast().split(separator: ":").compactMap {
      Double($0)
    }
    #expect(bounds.count == 2 && bounds[0] < 1 && bounds[0] > 0.9 && bounds[1] > 1.2)
  }

  @Test func withinTheAllowedRateEveryPolicyIsDrawn() throws {
    let figure = try #require(Figures.gapToOptimal(Self.sweep(allowed: 0.5)))
    #expect(figure.commands.contains("title 's'"))
    #expect(!figure.caption.contains("Left out"))
  }
}

/// The price timeline names its pool and fits its range to the prices.
@Suite struct PriceTimelineTests {
  @Test func theRangeFitsThePricesAndTheZoneIsNamed() throws {
    let price = StepFunction(step: 1, values: [1.50, 1.55, 1.62])
    let figure = Figures.timeline(
      price: price, horizon: 3, reclaims: [0.5, 2.5], label: "policy=a", accelerator: "V100",
      zone: "us-east-1a")
    #expect(figure.caption.contains("Spot price of V100 in us-east-1a"))
    #expect(figure.commands.contains("V100 in us-east-1a ($/instance-hour)"))
    // Prices 1.50–1.62: pad max(10 % of 0.12, 1 % of 1.62) = 0.0162; the
    // range starts 2 pads below 1.50, and the reclaim marks sit between
    // that and the lowest price.
    let range = try #require(
      figure.commands.split(separator: "\n").first { $0.hasPrefix("set yrange") })
    let bounds = range.dropFirst("set yrange [".count).dropLast().split(separator: ":").compactMap {
      Double($0)
    }
    #expect(bounds.count == 2)
    #expect(abs(bounds[0] - 1.4676) < 1e-9 && abs(bounds[1] - 1.6362) < 1e-9)
    let marks = figure.data.split(separator: "\n\n\n")[1].split(separator: "\n").compactMap {
      $0.split(separator: " ").last.flatMap { Double($0) }
    }
    #expect(marks.count == 2 && marks.allSatisfy { $0 > bounds[0] && $0 < 1.50 })
  }
}

/// The per-window figure leaves infeasible policies out, and says so.
@Suite struct PerWindowFigureTests {
  @Test func aPolicyThatMissesDeadlinesIsNamedNotDrawn() throws {
    var cells: [CellData] = []
    for (policy, gap, misses) in [("a", 1.1, 0.0), ("s", 0.4, 1)] {
      for window in ["10", "20"] {
        cells.append(
          CellData(
            index: cells.count, key: "policy=\(policy);trace_start_hour=\(window)",
            values: ["policy": policy, "trace_start_hour": window],
            runs: [
              RunData(
                replicate: 0, seed: "1",
                metrics: ["gap_to_optimal": gap, "deadline_misses": misses, "tasks_total": 1])
            ]))
      }
    }
    let data = SweepData(
      sweep: Synthetic.record, experiment: "w", specText: "name: w\n", specHash: "abc",
      axes: ["policy", "trace_start_hour"], cells: cells)
    let figure = try #require(Figures.costOverOptimumPerWindow(data))
    #expect(figure.commands.contains("title 'a'") && !figure.commands.contains("title 's'"))
    #expect(figure.caption.contains("`s` (misses 100% of deadlines)"))
    // Only a's ratio sets the range: no log axis, nothing near 0.4.
    #expect(!figure.commands.contains("logscale") && !figure.data.contains(" 0.4\n"))
  }
}
