import Experiments
import Foundation

/// The sensitivity curve of forecast-driven handling: what each `compare:`
/// pair's paired difference does as the noisy oracle's `forecast_noise`
/// goes from the truth (0) to no information (1).
extension Figures {
  /// One point of a sensitivity curve: a noise, the mean paired difference
  /// and its 95% CI half-width (scaled), the pairs, and whether any differed.
  struct SensitivityPoint: Equatable {
    var noise: Double
    var mean: Double
    var halfWidth: Double
    var n: Int
    var anyNonZero: Bool
  }

  /// The curve of `c` for `quantity` over the cells matching `match`, one
  /// point per noise with pairs.
  static func sensitivityCurve(
    _ data: SweepData, _ c: ExperimentSpec.Comparison, _ quantity: MapQuantity,
    noises: [String], match: [String: String]
  ) -> [SensitivityPoint] {
    noises.compactMap { noise in
      guard let x = Double(noise) else { return nil }
      var where_ = match
      where_["forecast_noise"] = noise
      let (d, refs) = paired(data, c, metric: quantity.metric, where: where_)
      guard !d.isEmpty else { return nil }
      var scale = 1.0
      if quantity.relative {
        let reference = refs.reduce(0, +) / Double(refs.count)
        guard reference != 0 else { return nil }
        scale = 100 / reference
      }
      let s = Summary(d)
      return SensitivityPoint(
        noise: x, mean: s.mean * scale, halfWidth: (s.halfWidth ?? 0) * abs(scale), n: s.n,
        anyNonZero: d.contains { $0 != 0 })
    }
  }

  /// For a sweep with a `forecast_noise` axis: per quantity (total cost as
  /// % of the second value's mean; deadline misses per run, when any
  /// differ), one series per comparison, mean paired difference and 95% CI
  /// over the noisy oracle's cells at each noise, other axes pooled — or
  /// one series per comparison and value of a small other axis (two or
  /// three values, e.g. bandwidth) where that axis changes the curve.
  public static func forecastSensitivity(
    _ data: SweepData, comparisons: [ExperimentSpec.Comparison]
  ) -> (figures: [GnuplotFigure], skipped: [String]) {
    let noises = data.values(of: "forecast_noise")
    let usable = comparisons.filter { $0.axis != "forecast_noise" && $0.axis != "forecaster" }
    guard data.axes.contains("forecast_noise"), noises.count >= 2, !usable.isEmpty else {
      return ([], [])
    }
    var oracle: [String: String] = [:]
    if data.axes.contains("forecaster") { oracle["forecaster"] = "noisy-oracle" }
    let candidate = data.axes.first { axis in
      !["forecast_noise", "forecaster"].contains(axis) && !usable.contains { $0.axis == axis }
        && (2...3).contains(data.values(of: axis).count)
    }
    var figures: [GnuplotFigure] = []
    var skipped: [String] = []
    for quantity in [MapQuantity.cost, .misses] {
      let name = "sensitivity-forecast-noise\(quantity.slug)"
      let pairs = usable.map { "\($0.valueText) − \($0.againstText)" }.joined(separator: ", ")
      func curves(split: String?) -> [(title: String, points: [SensitivityPoint])] {
        usable.flatMap { c in
          let parts: [String?] = split.map { data.values(of: $0).map { Optional($0) } } ?? [nil]
          return parts.map { part in
            var match = oracle
            if let split, let part { match[split] = part }
            let title =
              "\(c.valueText) − \(c.againstText)" + (part.map { ", \(split!) = \($0)" } ?? "")
            return (title, sensitivityCurve(data, c, quantity, noises: noises, match: match))
          }
        }
      }
      // Split only where the axis changes some comparison's curve.
      var split = candidate
      var series = curves(split: split)
      if let axis = split {
        let parts = data.values(of: axis).count
        let alike = stride(from: 0, to: series.count, by: parts).allSatisfy { start in
          let means = series[start..<(start + parts)].map { $0.points.map(\.mean) }
          return means.allSatisfy { $0 == means[0] }
        }
        if alike {
          split = nil
          series = curves(split: nil)
        }
      }
      guard series.contains(where: { $0.points.contains(where: \.anyNonZero) }) else {
        if quantity.relative {
          skipped.append(
            "\(name) not drawn: \(pairs) cost the same in every run at every `forecast_noise`.")
        }
        continue
      }
      figures.append(
        sensitivityFigure(
          name: name, quantity: quantity, pairs: pairs, split: split, series: series,
          against: usable.count == 1 ? usable[0].againstText : "the second"))
    }
    return (figures, skipped)
  }

  /// The sensitivity figure of `series` (a curve per comparison, or per
  /// comparison and value of `split`) in `quantity`; `against` names the
  /// second of the compared values in the axis label.
  static func sensitivityFigure(
    name: String, quantity: MapQuantity, pairs: String, split: String?,
    series: [(title: String, points: [SensitivityPoint])], against: String
  ) -> GnuplotFigure {
    let unit = quantity.relative ? "% of the second's mean" : "per run"
    let by = split.map { " for each `\($0)`" } ?? ""
    let caption =
      "Sensitivity to forecast error: paired difference in \(quantity.words) (\(unit)) of \(pairs)\(by), by the noisy oracle's `forecast_noise` (0 is the truth, 1 no information; same replicate and other axes, pooled over them; mean and 95% CI; below 0 the first is \(quantity.relative ? "cheaper" : "better"))."
    var text = "# \(caption)\n# columns: forecast_noise, mean, ci95 half-width, n\n"
    var plots: [String] = []
    var (low, high) = (0.0, 0.0)
    for (i, curve) in series.enumerated() {
      text += "# \(curve.title)\n"
      for p in curve.points {
        low = min(low, p.mean - p.halfWidth)
        high = max(high, p.mean + p.halfWidth)
        text += "\(p.noise) \(p.mean) \(p.halfWidth) \(p.n)\n"
      }
      text += "\n\n"
      plots.append(
        "'\(name).dat' index \(i) using 1:2:3 with yerrorlines ls \(i % 6 + 1) title \(quoted(curve.title)) noenhanced"
      )
    }
    let pad = max((high - low) * 0.12, 1e-6)
    return GnuplotFigure(
      name: name, caption: caption, data: text,
      commands: """
        set xrange [-0.05:1.05]
        set yrange [\(low - pad):\(high + pad)]
        set xzeroaxis lt 1 lc rgb '#000000' lw 1
        set key above
        set xlabel \(quoted(AxisLabel.words("forecast_noise"))) noenhanced
        set ylabel \(quoted(quantity.unit(against))) noenhanced
        plot \(plots.joined(separator: ", \\\n     "))
        """)
  }
}
