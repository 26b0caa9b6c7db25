import Assignment
import Foundation

/// Reads a cost matrix from CSV: one row per task, one column per target;
/// an empty cell or `inf` is a forbidden pair. Negative costs are fine.
public enum CostMatrixCSV {
  /// Parses CSV text read from `file`.
  /// - Throws: `ExperimentsError.malformed` naming the line for ragged rows,
  ///   non-numbers, NaN or an empty file.
  public static func parse(_ text: String, file: String) throws -> CostMatrix {
    var rows: [[Double]] = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.isEmpty { continue }
      var row: [Double] = []
      for (column, cell) in line.split(separator: ",", omittingEmptySubsequences: false)
        .enumerated()
      {
        let text = cell.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || ["inf", "+inf", "infinity"].contains(text.lowercased()) {
          row.append(.infinity)
          continue
        }
        guard let value = Double(text), !value.isNaN, value != -.infinity else {
          throw ExperimentsError.malformed(
            file: file, line: index + 1,
            reason:
              "column \(column + 1): '\(text)' is not a number (use a number, inf, or leave it empty for forbidden)"
          )
        }
        guard value.isFinite else {
          throw ExperimentsError.malformed(
            file: file, line: index + 1, reason: "column \(column + 1): '\(text)' is not finite")
        }
        row.append(value)
      }
      if let first = rows.first, first.count != row.count {
        throw ExperimentsError.malformed(
          file: file, line: index + 1,
          reason: "has \(row.count) columns but the first row has \(first.count)")
      }
      rows.append(row)
    }
    guard !rows.isEmpty else {
      throw ExperimentsError.malformed(file: file, line: nil, reason: "empty cost matrix")
    }
    return CostMatrix(rows)
  }

  /// Loads a CSV file.
  public static func load(_ file: String) throws -> CostMatrix {
    try parse(readText(file), file: file)
  }
}
