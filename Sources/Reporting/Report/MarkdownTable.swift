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

  /// `mean ± half` (or just the mean when n < 2).
  public static func interval(_ s: Summary, _ digits: Int = 2) -> String {
    guard let h = s.halfWidth else { return number(s.mean, digits) }
    return "\(number(s.mean, digits)) ± \(number(h, digits))"
  }
}
