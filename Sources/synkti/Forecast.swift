import ArgumentParser
import Experiments
import Foundation
import Reporting
import Simulation

extension Synkti {
  struct Forecast: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "forecast",
      abstract: "Score availability forecasters on the held-out part of spot traces.",
      discussion: """
        Each forecaster is fitted on the first --train-until-hour hours of every \
        zone's trace, then asked at every --stride-th tick of the evaluation \
        window [--from-hour, --to-hour) what it expects, given only the history \
        up to that tick: P(spot available 10, 30 and 60 minutes on), and the \
        lifetime of a spot instance launched now. Prints, per zone and \
        forecaster, the Brier score at each horizon (0 is perfect; 0.25 is a \
        coin), the F1 of predicting unavailability (p < ½), and the lifetime's \
        mean absolute error in hours, then the mean over zones.

        An evaluation window that starts before the training part ends is \
        refused (exit 2): every number is on ticks the forecaster never saw.

        Forecasters: empirical-survival (Kaplan–Meier of past lifetimes), arima \
        (ARIMA(1,1,0) on the 0/1 availability series), ewma (an exponentially \
        weighted baseline), noisy-oracle (the truth mixed with the training base \
        rate: --noise 0 is the truth, 1 no information).

        Example:
          synkti forecast --trace Experiments/data/traces/aws-v100-2023-02 --train-until-hour 504
        """)

    @Option(help: "A trace file or directory.") var trace: String
    @Option(help: "Hours of each trace the forecasters are fitted on.")
    var trainUntilHour: Double
    @Option(help: "Start of the evaluation window, hours (default: --train-until-hour).")
    var fromHour: Double?
    @Option(help: "End of the evaluation window, hours (default: the trace's end).")
    var toHour: Double?
    @Option(
      parsing: .upToNextOption,
      help: "Forecasters (default: every one: \(Forecasters.names.joined(separator: ", "))).")
    var forecaster: [String] = []
    @Option(help: "noisy-oracle's forecast_noise, in [0, 1].") var noise = 0.0
    @Option(help: "Ask every this many ticks.") var stride = 1
    @Flag(help: "Only the mean over zones.") var summary = false

    func validate() throws {
      guard trainUntilHour > 0 else {
        throw ValidationError("--train-until-hour must be positive, not \(trainUntilHour)")
      }
      guard (0...1).contains(noise) else {
        throw ValidationError("--noise is in [0, 1], not \(noise)")
      }
      guard stride >= 1 else { throw ValidationError("--stride must be at least 1") }
      if let fromHour, fromHour < trainUntilHour {
        throw ValidationError(
          "the evaluation window [\(fromHour), …) starts inside the training part [0, \(trainUntilHour)): forecasts must be scored on ticks the forecasters never saw"
        )
      }
      if let fromHour, let toHour, toHour <= fromHour {
        throw ValidationError("--to-hour (\(toHour)) must be after --from-hour (\(fromHour))")
      }
      for name in forecaster where !Forecasters.names.contains(name) {
        throw ValidationError(
          "unknown forecaster '\(name)'; known: \(Forecasters.names.joined(separator: ", "))")
      }
    }

    func run() throws {
      let traces = try reportingInputErrors { try TraceLoader.load(trace) }
      let names = forecaster.isEmpty ? Forecasters.names : forecaster
      let horizons = ForecastEvaluation.horizonsHours.map { "\(Int(($0 * 60).rounded())) min" }
      var header = ["zone", "forecaster"]
      header += horizons.map { "Brier \($0)" } + horizons.map { "F1 \($0)" }
      header += ["lifetime MAE (h)", "ticks"]
      var rows: [[String]] = []
      var means: [String: [ForecastQuality]] = [:]
      for t in traces {
        let n = t.available.count
        let train = Int((trainUntilHour / t.tickHours).rounded())
        let from = Int(((fromHour ?? trainUntilHour) / t.tickHours).rounded())
        let to = Swift.min(n, toHour.map { Int(($0 / t.tickHours).rounded()) } ?? n)
        guard train > 0, from < to else {
          printError(
            "error: \(t.zone): the trace has \(String(format: "%.1f", Double(n) * t.tickHours)) h; nothing is left to evaluate after hour \(fromHour ?? trainUntilHour)"
          )
          throw ExitCode(2)
        }
        for name in names {
          let f = try reportingInputErrors {
            try Forecasters.named(name, truth: t.available, noise: noise)
          }
          let q = ForecastEvaluation.evaluate(
            f, series: t.available, tickHours: t.tickHours, train: train, from: from, to: to,
            stride: stride)
          means[name, default: []].append(q)
          rows.append([t.zone, name] + Self.cells(q))
        }
      }
      if !summary { print(MarkdownTable(header: header, rows: rows, labels: 2).render()) }
      let mean = names.compactMap { name -> [String]? in
        let qs = means[name] ?? []
        return ForecastQuality.mean(qs).map {
          ["mean of \(qs.count) zones", name] + Self.cells($0)
        }
      }
      print(MarkdownTable(header: header, rows: mean, labels: 2).render())
    }

    static func cells(_ q: ForecastQuality) -> [String] {
      q.brier.map { Format.number($0, 3) } + q.f1.map { $0.map { Format.number($0, 3) } ?? "—" }
        + [q.lifetimeMAEHours.map { Format.number($0, 1) } ?? "—", "\(q.samples)"]
    }
  }
}
