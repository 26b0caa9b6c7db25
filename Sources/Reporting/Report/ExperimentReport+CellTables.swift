import Experiments

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

  /// `table` as CSV: its header and rows, Markdown code marks removed,
  /// fields quoted where they hold a comma or a quote.
  public static func csv(_ table: MarkdownTable) -> String {
    func field(_ s: String) -> String {
      let plain = s.replacingOccurrences(of: "`", with: "")
      return plain.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
        ? "\"" + plain.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : plain
    }
    return ([table.header] + table.rows).map { $0.map(field).joined(separator: ",") }
      .joined(separator: "\n") + "\n"
  }
}
