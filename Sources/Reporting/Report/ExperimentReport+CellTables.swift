import Experiments
import Foundation

extension ExperimentReport {
  /// The per-cell tables' CSV files, beside the report when it folds them.
  public static let costCSV = "cells.csv"
  public static let reliabilityCSV = "reliability.csv"
  /// Cells above which the per-cell tables leave the report for CSVs.
  static let foldAbove = 30

  /// The cost and reliability tables and whether they are `folded` into
  /// CSVs for being longer than `foldAbove` cells: folded, one row per
  /// cell; else one row per set of cells identical run by run (`merged`
  /// when any merged).
  public func cellTables() -> (
    cost: MarkdownTable, reliability: MarkdownTable, merged: Bool, folded: Bool
  ) {
    let tableData = data.pooling().data
    let folded = tableData.cells.count > Self.foldAbove
    // In the report, cells identical run by run share a row; a CSV keeps
    // one row per cell, for whoever reads it by machine.
    let rows = folded ? (data: tableData, merged: false) : Self.mergingIdentical(tableData)
    return (
      costTable(tableData, rows: rows.data), reliabilityTable(tableData, rows: rows.data),
      rows.merged, folded
    )
  }

  /// `table` as CSV for a reader by machine: its header and rows,
  /// Markdown code marks removed, fields quoted where they hold a comma or
  /// a quote. A column of `mean ± half` becomes two (`X` and `X ±95%`), a
  /// column of `a / b / c` whose header names as many parts becomes one per
  /// part, and the marks a report appends to a row's first field (★, ✗ …,
  /// ⊥ …) move to a last column, `mark`, so every value column parses as a
  /// number.
  public static func csv(_ table: MarkdownTable) -> String {
    func field(_ s: String) -> String {
      s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
        ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    let plain = table.rows.map { $0.map { $0.replacingOccurrences(of: "`", with: "") } }
    let marks = plain.map { row in row.first.map(Self.splitMark) ?? (value: "", mark: "") }
    var header: [String] = []
    var columns: [[String]] = []
    for (j, name) in table.header.enumerated() {
      let values = plain.indices.map { i in j == 0 ? marks[i].value : plain[i][j] }
      for (part, column) in Self.csvColumns(name, values) {
        header.append(part)
        columns.append(column)
      }
    }
    let hasMarks = marks.contains { !$0.mark.isEmpty }
    if hasMarks { header.append("mark") }
    let rows = plain.indices.map { i in
      columns.map { $0[i] } + (hasMarks ? [marks[i].mark] : [])
    }
    return ([header] + rows).map { $0.map(field).joined(separator: ",") }
      .joined(separator: "\n") + "\n"
  }

  /// A first field's value and the mark a report appended to it.
  static func splitMark(_ field: String) -> (value: String, mark: String) {
    let starts = [" ★", " ✗", " ⊥"].compactMap { field.range(of: $0)?.lowerBound }
    guard let start = starts.min() else { return (field, "") }
    return (
      String(field[..<start]),
      String(field[start...]).trimmingCharacters(in: .whitespaces)
    )
  }

  /// One table column as CSV columns: `mean ± half` split in two, `a / b`
  /// split by the parts its header names, else as it is.
  static func csvColumns(_ name: String, _ values: [String]) -> [(String, [String])] {
    var parts = name.components(separatedBy: " / ")
    // `checkpoints full / partial / restart`: the first part's leading
    // words name every part.
    if let space = parts[0].lastIndex(of: " ") {
      let prefix = parts[0][..<space]
      parts = [parts[0]] + parts.dropFirst().map { "\(prefix) \($0)" }
    }
    let given = values.filter { $0 != "—" && !$0.isEmpty }
    if parts.count > 1, !given.isEmpty,
      given.allSatisfy({ $0.components(separatedBy: " / ").count == parts.count })
    {
      return parts.indices.map { k in
        let column = values.map { v -> String in
          let split = v.components(separatedBy: " / ")
          return split.count == parts.count ? split[k] : v
        }
        return (parts[k], column)
      }
    }
    if values.contains(where: { $0.contains(" ± ") }) {
      let split = values.map { v -> (String, String) in
        let halves = v.components(separatedBy: " ± ")
        return halves.count == 2 ? (halves[0], halves[1]) : (v, "")
      }
      return [(name, split.map(\.0)), (name + " ±95%", split.map(\.1))]
    }
    return [(name, values)]
  }
}
