import Experiments
import Foundation
import Reporting
import Testing

/// The sensitivity curve: paired differences of the noisy oracle's cells by
/// `forecast_noise`, per value of a small other axis, on a hand-made sweep.
@Suite struct SensitivityFigureTests {
  /// Proactive (`p`) vs reactive (`r`) by forecaster (oracle, ewma), noise
  /// (0, 1) and bandwidth (1, 10): reactive costs 100 everywhere; the
  /// oracle at noise 0 on 1 Gbit/s costs 80, 70, 90 and misses one deadline
  /// fewer; every other proactive cell costs 100.
  static func sweep() -> SweepData {
    var cells: [CellData] = []
    for handling in ["p", "r"] {
      for forecaster in ["noisy-oracle", "ewma"] {
        for noise in ["0", "1"] {
          for gbps in ["1", "10"] {
            let pays =
              handling == "p" && forecaster == "noisy-oracle" && noise == "0" && gbps == "1"
            let costs: [Double] = pays ? [80, 70, 90] : [100, 100, 100]
            let values = [
              "proactive_threshold": handling, "forecaster": forecaster, "forecast_noise": noise,
              "bandwidth_gbps": gbps,
            ]
            cells.append(
              Synthetic.cell(
                cells.count, values,
                runs: costs.map { ["total_cost": $0, "deadline_misses": pays ? 1 : 2] }))
          }
        }
      }
    }
    return SweepData(
      sweep: Synthetic.record, experiment: "sensitivity",
      specText: "name: sensitivity\ncompare: [[p, r]]\n", specHash: "abc",
      axes: ["proactive_threshold", "forecaster", "forecast_noise", "bandwidth_gbps"],
      cells: cells)
  }

  @Test func theCurveFollowsTheOracleByNoiseForEachBandwidth() throws {
    let comparison = ExperimentSpec.Comparison(
      axis: "proactive_threshold", value: "p", against: "r")
    let (figures, skipped) = Figures.forecastSensitivity(Self.sweep(), comparisons: [comparison])
    #expect(skipped.isEmpty)
    #expect(
      figures.map(\.name) == ["sensitivity-forecast-noise", "sensitivity-forecast-noise-misses"])
    // Series: bandwidth 1, then 10. At noise 0 on 1 Gbit/s the differences
    // are −20, −30, −10: mean −20 $ = −20% of 100, s = 10, half-width
    // t(0.975, 2) · 10 / √3 = 24.84 → 24.84%. The rest are 0.
    let blocks = figures[0].data.components(separatedBy: "\n\n\n")
    let slow = blocks[0].split(separator: "\n").filter { !$0.hasPrefix("#") }
    let first = slow[0].split(separator: " ")
    #expect(first[0] == "0.0" && first[1] == "-20.0" && first[3] == "3")
    #expect(abs(Double(first[2])! - 24.84) < 0.01)
    #expect(slow[1] == "1.0 0.0 0.0 3")
    #expect(blocks[1].contains("\n0.0 0.0 0.0 3\n"))
    #expect(figures[0].commands.contains("title 'p − r, bandwidth_gbps = 1'"))
    // Misses per run: one fewer at noise 0 on 1 Gbit/s.
    #expect(figures[1].data.contains("\n0.0 -1.0 0.0 3\n"))
  }

  @Test func noNoiseAxisNoCurve() {
    var data = Self.sweep()
    data.axes.removeAll { $0 == "forecast_noise" }
    let comparison = ExperimentSpec.Comparison(
      axis: "proactive_threshold", value: "p", against: "r")
    #expect(Figures.forecastSensitivity(data, comparisons: [comparison]).figures.isEmpty)
  }

  @Test func anAxisThatChangesNoCurveIsNotSplitOn() throws {
    // The oracle pays at noise 0 on either bandwidth: its curve is the same.
    var data = Self.sweep()
    for i in data.cells.indices where data.cells[i].values["forecaster"] == "noisy-oracle" {
      let noise = data.cells[i].values["forecast_noise"]!
      let p = data.cells[i].values["proactive_threshold"] == "p"
      let costs: [Double] = p && noise == "0" ? [80, 70, 90] : [100, 100, 100]
      data.cells[i].runs = costs.enumerated().map {
        RunData(
          replicate: $0.offset, seed: "\($0.offset)",
          metrics: ["total_cost": $0.element, "deadline_misses": 2])
      }
    }
    let comparison = ExperimentSpec.Comparison(
      axis: "proactive_threshold", value: "p", against: "r")
    let figures = Figures.forecastSensitivity(data, comparisons: [comparison]).figures
    // One curve, both bandwidths pooled (six pairs at noise 0); no misses figure.
    #expect(figures.map(\.name) == ["sensitivity-forecast-noise"])
    #expect(figures[0].commands.contains("title 'p − r'"))
    #expect(figures[0].data.contains("\n0.0 -20.0 "))
    #expect(figures[0].data.contains(" 6\n1.0 0.0 0.0 6\n"))
  }
}
