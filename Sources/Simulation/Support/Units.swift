/// The one place where units meet.
///
/// Time is in hours, money in US dollars, data in MiB and link speed in
/// Gbit/s (decimal: 10^9 bit/s). So 1 Gbit/s = 125,000,000 B/s
/// = 119.209 MiB/s, and every conversion goes through this type.
public enum Units {
  /// MiB moved per second by a 1 Gbit/s link.
  public static let mibPerSecondPerGbps = 1e9 / 8.0 / 1_048_576.0

  /// Seconds per hour.
  public static let secondsPerHour = 3600.0

  /// Hours to move `mib` MiB over a link of `gbps` Gbit/s (infinite when the
  /// link is down).
  @inlinable
  public static func transferHours(mib: Double, gbps: Double) -> Double {
    guard mib > 0 else { return 0 }
    guard gbps > 0 else { return .infinity }
    return mib / (gbps * mibPerSecondPerGbps) / secondsPerHour
  }

  /// MiB a link of `gbps` Gbit/s moves in `hours`.
  @inlinable
  public static func transferableMiB(gbps: Double, hours: Double) -> Double {
    max(0, gbps * mibPerSecondPerGbps * hours * secondsPerHour)
  }

  /// Decimal gigabytes (10⁹ bytes, as egress is priced) in `mib` MiB.
  @inlinable
  public static func gigabytes(mib: Double) -> Double { mib * 1_048_576 / 1e9 }

  /// Hours in `seconds`.
  @inlinable
  public static func hours(seconds: Double) -> Double { seconds / secondsPerHour }
}
