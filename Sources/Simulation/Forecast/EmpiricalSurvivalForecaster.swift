/// Kaplan–Meier survival of spot lifetimes: fitted on the training history's
/// runs of availability (and of unavailability), each still going at the
/// end counted as censored.
///
/// When spot is up now with the current run `a` ticks old, it stays up `k`
/// ticks more with probability `S(a + k) / S(a)`; if it ends first, it is up
/// again with the zone's recent availability (the last 24 h). When spot is
/// down now, `b` ticks into an outage, it is back within `k` with probability
/// `1 − S↓(b + k) / S↓(b)`. The expected lifetime of an instance launched now
/// is the mean residual life `Σ_{j > a} S(j) / S(a)` ticks.
public struct EmpiricalSurvivalForecaster: Forecaster {
  /// `up[k]` = P(a run of availability lasts more than k ticks).
  var up: [Double] = []
  /// The same for runs of unavailability.
  var down: [Double] = []

  public var name: String { "empirical-survival" }

  /// Creates an unfitted forecaster (it predicts from recent availability
  /// alone until fitted).
  public init() {}

  public func fitted(on training: AvailabilityHistory) -> EmpiricalSurvivalForecaster {
    var f = self
    f.up = Self.survival(training.runs(of: true))
    f.down = Self.survival(training.runs(of: false))
    return f
  }

  /// Kaplan–Meier estimate on whole ticks: `S[k]` = P(length > k), for k
  /// up to the longest run; a censored run counts as at risk up to its
  /// length and never as an event.
  public static func survival(_ runs: (completed: [Int], ongoing: Int?)) -> [Double] {
    let longest = Swift.max(runs.completed.max() ?? 0, runs.ongoing ?? 0)
    guard longest > 0 else { return [] }
    var events = [Int](repeating: 0, count: longest + 1)
    var leaving = [Int](repeating: 0, count: longest + 1)
    for length in runs.completed {
      events[length] += 1
      leaving[length] += 1
    }
    if let censored = runs.ongoing { leaving[censored] += 1 }
    var atRisk = runs.completed.count + (runs.ongoing == nil ? 0 : 1)
    var s = 1.0
    var result = [Double](repeating: 1, count: longest + 1)
    for k in 1...longest {
      if atRisk > 0 { s *= 1 - Double(events[k]) / Double(atRisk) }
      result[k] = s
      atRisk -= leaving[k]
    }
    return result
  }

  /// `S[k]`, 0 beyond the longest run seen.
  static func value(_ s: [Double], _ k: Int) -> Double { k < s.count ? s[k] : 0 }

  public func availabilityProbability(_ history: AvailabilityHistory, hoursAhead hours: Double)
    -> Double
  {
    let k = AvailabilityHistory.ticks(inHours: hours, tick: history.tickHours)
    let recent = history.availability(overLast: Int((24 / history.tickHours).rounded()))
    let age = history.runLength
    if history.availableNow {
      let base = Self.value(up, age)
      let stays = base > 0 ? Self.value(up, age + k) / base : 0
      return stays + (1 - stays) * recent
    }
    let base = Self.value(down, age)
    return base > 0 ? 1 - Self.value(down, age + k) / base : recent
  }

  public func expectedLifetime(_ history: AvailabilityHistory) -> Double {
    guard history.availableNow else { return 0 }
    let age = history.runLength
    let base = Self.value(up, age)
    guard base > 0 else {
      // Older than any run in training: assume it lasts as long again.
      return Double(age) * history.tickHours
    }
    var ticks = 0.0
    for j in (age + 1)..<Swift.max(age + 1, up.count) { ticks += up[j] / base }
    return ticks * history.tickHours
  }
}
