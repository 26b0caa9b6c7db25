import Experiments
import Foundation

/// The sensitivity curve of forecast-driven handling: what each `compare:`
/// pair's paired difference does as the noisy oracle's `forecast_noise`
/// goes from the truth (0) to no information (1).
extension Figures {
  /// For a sweep with a `forecast_noise` axis: per quantity (total cost as
  /// % of the second value's mean; deadline misses per run, when any
  /// differ), one series per comparison, mean paired difference and 95% CI
  /// over the noisy oracle's cells at each noise, other axes pooled.
  public static func forecastSensitivity(
    _ data: SweepData, comparisons: [ExperimentSpec.Comparison]
  ) -> (figures: [GnuplotFigure], skipped: [String]) {
    let noiseAxis = "forecast_noise"
    let noises = data.values(of: noiseAxis)
    let usable = comparisons.filter { $0.axis != noiseAxis && $0.axis != "forecaster" }
    guard data.axes.contains(noiseAxis), noises.count >= 2, !usable.isEmpty else { return ([], []) }
    var oracle: [String: String] = [:]
    if data.axes.contains("forecaster") { oracle["forecaster"] = "noisy-oracle" }
    // Where it pays differs by condition: one series per value of the first
    // other axis with two or three values (e.g. bandwidth), when there is one.
    let split = data.axes.first { axis in
      ![noiseAxis, "forecaster"].contains(axis) && !usable.contains { $0.axis == axis }
        && (2...3).contains(data.values(of: axis).count)
    }
    let series: [(ExperimentSpec.Comparison, String?)] = usable.flatMap { c in
      split.map { axis in data.values(of: axis).map { (c, Optional($0)) } } ?? [(c, nil)]
    }
    var figures: [GnuplotFigure] = []
    var skipped: [String] = []
    for quantity in [MapQuantity.cost, .misses] {
      let name = "sensitivity-forecast-noise\(quantity.slug)"
      let pairs = usable.map { "\($0.value) − \($0.against)" }.joined(separator: ", ")
      let unit = quantity.relative ? "% of the second's mean" : "per run"
      let by = split.map { " for each `\($0)`" } ?? ""
      let caption =
        "Sensitivity to forecast error: paired difference in \(quantity.words) (\(unit)) of \(pairs)\(by), by the noisy oracle's `forecast_noise` (0 is the truth, 1 no information; same replicate and other axes, pooled over them; mean and 95% CI; below 0 the first is \(quantity.relative ? "cheaper" : "better"))."
      var text = "# \(caption)\n# columns: forecast_noise, mean, ci95 half-width, n\n"
      var plots: [String] = []
      var anyNonZero = false
      var (low, high) = (0.0, 0.0)
      for (i, (c, part)) in series.enumerated() {
        let title = "\(c.value) − \(c.against)" + (part.map { ", \(split!) = \($0)" } ?? "")
        text += "# \(title)\n"
        for noise in noises {
          guard let x = Double(noise) else { continue }
          var match = oracle
          match[noiseAxis] = noise
          if let split, let part { match[split] = part }
          let (d, refs) = paired(data, c, metric: quantity.metric, where: match)
          guard !d.isEmpty else { continue }
          if d.contains(where: { $0 != 0 }) { anyNonZero = true }
          let s = Summary(d)
          let scale: Double
          if quantity.relative {
            let reference = refs.reduce(0, +) / Double(refs.count)
            guard reference != 0 else { continue }
            scale = 100 / reference
          } else {
            scale = 1
          }
          let (mean, half) = (s.mean * scale, (s.halfWidth ?? 0) * abs(scale))
          low = min(low, mean - half)
          high = max(high, mean + half)
          text += "\(x) \(mean) \(half) \(s.n)\n"
        }
        text += "\n\n"
        plots.append(
          "'\(name).dat' index \(i) using 1:2:3 with yerrorlines ls \(i % 6 + 1) title \(quoted(title)) noenhanced"
        )
      }
      guard anyNonZero else {
        if quantity.relative {
          skipped.append(
            "\(name) not drawn: \(pairs) cost the same in every run at every `forecast_noise`.")
        }
        continue
      }
      let pad = max((high - low) * 0.12, 1e-6)
      figures.append(
        GnuplotFigure(
          name: name, caption: caption, data: text,
          commands: """
            set xrange [-0.05:1.05]
            set yrange [\(low - pad):\(high + pad)]
            set xzeroaxis lt 1 lc rgb '#000000' lw 1
            set key above
            set xlabel 'forecast_noise of the noisy oracle (0 = truth, 1 = no information)' noenhanced
            set ylabel \(quoted(quantity.unit(usable.count == 1 ? usable[0].against : "the second"))) noenhanced
            plot \(plots.joined(separator: ", \\\n     "))
            """))
    }
    return (figures, skipped)
  }
}
