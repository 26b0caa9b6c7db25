import Experiments
import Foundation
/// A GitHub-flavoured Markdown table.
public struct MarkdownTable: Sendable, Equatable {
  /// Header cells.
  public var header: [String]
  /// Body rows.
  public var rows: [[String]]
  /// Per column: right-align (numbers) or left-align (labels).
  public var rightAligned: [Bool]

  /// Creates a table; `rightAligned` defaults to all but the first `labels` columns.
  public init(header: [String], rows: [[String]] = [], labels: Int = 1) {
    self.header = header
    self.rows = rows
    self.rightAligned = header.indices.map { $0 >= labels }
  }

  /// The Markdown text (pipes in cells escaped).
  public func render() -> String {
    func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
    var out = "| " + header.map(escape).joined(separator: " | ") + " |\n"
    out += "|" + rightAligned.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
    for row in rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
    return out
  }
}

/// Number formatting for reports: fixed decimals, and "mean ± half-width".
public enum Format {
  /// An axis value in Markdown, as code; where `null` has a meaning on its
  /// axis, the meaning first: "reactive (`null`)".
  public static func axisValueMarkdown(_ value: String, of axis: String) -> String {
    let shown = "`\(axisValue(value, of: axis))`"
    guard value == "null", let meaning = nullMeanings[axis] else { return shown }
    return "\(meaning) (\(shown))"
  }

  /// An axis value in plain text: what `null` means where it has a
  /// meaning ("reactive"), else the value as shown.
  /// A trace market is named by its file or folder, not its whole path.
  public static func axisValueText(_ value: String, of axis: String) -> String {
    if value == "null" { return nullMeanings[axis] ?? value }
    if axis == "market", value.hasPrefix("trace:") {
      let name = ((value.dropFirst(6) as Substring).split(separator: "/").last).map(String.init)
      return "trace " + ((name ?? "") as NSString).deletingPathExtension
    }
    return axisValue(value, of: axis)
  }

  /// What `null` means on the axes where it is a choice.
  static let nullMeanings = [
    "proactive_threshold": "reactive", "spot_capacity": "unlimited",
    "proactive_test": "threshold", "train_until_hour": "the window's start",
  ]

  /// An axis value as a reader wants it: hours into a trace (`*_hour`
  /// axes, drawn to 4 decimals so windows are exact) to one decimal, a
  /// tenth of an hour being as fine as a reader compares windows; every
  /// other value as the spec wrote it.
  public static func axisValue(_ value: String, of axis: String) -> String {
    guard axis.hasSuffix("_hour"), let hours = Double(value) else { return value }
    return number(hours, 1)
  }

  /// `value` with `digits` decimals.
  public static func number(_ value: Double, _ digits: Int = 2) -> String {
    guard value.isFinite else { return "—" }
    var s = String(format: "%.\(digits)f", value)
    if s.hasPrefix("-") && Double(s) == 0 { s.removeFirst() }
    return s
  }

  /// `mean ± half` of `values`, or — when there are none.
  public static func interval(_ values: [Double], _ digits: Int = 2) -> String {
    values.isEmpty ? "—" : interval(Summary(values), digits)
  }

  /// The mean of `values`, or — when there are none.
  public static func mean(_ values: [Double], _ digits: Int = 2) -> String {
    values.isEmpty ? "—" : number(Summary(values).mean, digits)
  }

  /// `mean ± half`: the half-width to two significant digits and the mean
  /// to the same place (`93.6 ± 1.3`, `0.304 ± 0.011`, `130 ± 45`), as a
  /// reader expects; the mean to `digits` places when there is no
  /// interval (n < 2) or it is 0 (within 1e-9 of the mean).
  public static func interval(_ s: Summary, _ digits: Int = 2) -> String {
    guard let h = s.halfWidth else { return number(s.mean, digits) }
    // A spread within rounding noise of the mean (equal costs summed in
    // another order; or below 1e-12) is no spread: `48.24 ± 0`, not 16 decimals.
    guard h > max(1e-9 * abs(s.mean), 1e-12), h.isFinite else {
      return "\(number(s.mean, digits)) ± 0"
    }
    var places = 1 - Int(log10(h).rounded(.down))
    // 0.0996 at three places reads 0.100: one place fewer keeps two digits.
    if (h * pow(10, Double(places))).rounded() >= 100 { places -= 1 }
    return "\(rounded(s.mean, places)) ± \(rounded(h, places))"
  }

  /// `value` to `places` decimals; negative places round to tens,
  /// hundreds, ….
  static func rounded(_ value: Double, _ places: Int) -> String {
    guard places < 0 else { return number(value, places) }
    let unit = pow(10, Double(-places))
    return number((value / unit).rounded() * unit, 0)
  }
}
