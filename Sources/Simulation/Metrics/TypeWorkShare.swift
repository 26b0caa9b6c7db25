/// The share of a deadline job's work done on one accelerator type.
///
/// A run's shares are stored as one text column, `work_share_by_type`, in
/// the window's type order (the job's own type first): `type=share` pairs
/// joined by `;`, each share as Swift prints a `Double` (it reads back
/// exactly). So a report draws the chips a run used from the store instead
/// of solving the run again.
public struct TypeWorkShare: Sendable, Equatable, Codable {
  /// The accelerator type's catalog name.
  public var type: String
  /// Its share of the job's work, 0 to 1.
  public var share: Double

  /// Creates a share.
  public init(type: String, share: Double) {
    self.type = type
    self.share = share
  }

  /// The stored text of `shares`: `type=share;type=share`.
  public static func encode(_ shares: [TypeWorkShare]) -> String {
    shares.map { "\($0.type)=\($0.share)" }.joined(separator: ";")
  }

  /// The shares `text` stores, or nil when it is not `encode`'s form.
  public static func decode(_ text: String) -> [TypeWorkShare]? {
    var shares: [TypeWorkShare] = []
    for pair in text.split(separator: ";", omittingEmptySubsequences: false) {
      let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].isEmpty, let share = Double(parts[1]) else { return nil }
      shares.append(TypeWorkShare(type: String(parts[0]), share: share))
    }
    return shares
  }
}
