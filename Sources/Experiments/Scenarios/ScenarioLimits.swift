/// The stated bounds of every scenario and spec value.
///
/// Bounds exist so that no input can reach a trap, an overflow or a run that
/// never ends: each is far beyond any real setting (a decade of simulated
/// time, a million tasks, a reclaim every six minutes), and each is checked
/// before a sweep writes anything. The messages quote them.
public enum ScenarioLimits {
  /// Simulated hours (ten years).
  public static let hours: ClosedRange<Double> = 0...87_600
  /// Tasks per run.
  public static let tasks: ClosedRange<Int> = 0...1_000_000
  /// Spot zones per type.
  public static let zones: ClosedRange<Int> = 1...1_000
  /// Reclaim hazard per instance-hour (one every six minutes on average).
  public static let hazardPerHour: ClosedRange<Double> = 0...10
  /// OU hazard sensitivity κ (at most e⁵ ≈ 148 × the base hazard).
  public static let hazardSensitivity: ClosedRange<Double> = 0...5
  /// Link and storage throughput, Gbit/s.
  public static let gbps: ClosedRange<Double> = 0.001...1_000_000
  /// Grace periods and boot delays, seconds (a day).
  public static let seconds: ClosedRange<Double> = 0...86_400
  /// Prices, $ per instance-hour.
  public static let usdPerHour: ClosedRange<Double> = 0...1_000_000
  /// Work of one task, reference hours.
  public static let workHours: ClosedRange<Double> = 0...100_000
  /// Checkpoint state, MiB (a pebibyte).
  public static let stateMiB: ClosedRange<Double> = 0...1_073_741_824
  /// GPU memory, GiB.
  public static let memoryGiB: ClosedRange<Double> = 0...1_000_000
  /// Ratios, weights and multipliers (thresholds, slack, cost weights).
  public static let factor: ClosedRange<Double> = 0...1_000_000
  /// GPUs per instance.
  public static let gpusPerInstance: ClosedRange<Int> = 1...1_024
  /// Relative speed of a type.
  public static let relativeSpeed: ClosedRange<Double> = 0.000_001...1_000
  /// Replicates per cell.
  public static let replicates: ClosedRange<Int> = 1...1_000_000
  /// Runs in one sweep (all cells × replicates).
  public static let runs = 10_000_000
  /// Reclaims a task may take before on-demand fallback.
  public static let fallbackReclaims: ClosedRange<Int> = 0...1_000

  /// "a number in [a, b]" with the bounds as written.
  static func describe(_ range: ClosedRange<Double>, exclusiveLower: Bool = false) -> String {
    "a number in \(exclusiveLower ? "(" : "[")\(show(range.lowerBound)), \(show(range.upperBound))]"
  }

  /// "a whole number in [a, b]".
  static func describe(_ range: ClosedRange<Int>) -> String {
    "a whole number in [\(range.lowerBound), \(range.upperBound)]"
  }

  static func show(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)"
  }
}
