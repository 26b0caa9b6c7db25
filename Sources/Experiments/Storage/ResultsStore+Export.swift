import Foundation
import GRDB
import Simulation

/// One exported run: parameters, seed and metrics, as text cells.
public struct ExportTable: Sendable, Equatable {
  /// Column names.
  public var columns: [String]
  /// Rows, each with one value per column (SQL NULL as nil).
  public var rows: [[String?]]

  /// A table of `columns` and `rows` (tests, other sources).
  public init(columns: [String], rows: [[String?]]) {
    self.columns = columns
    self.rows = rows
  }

  /// SHA-256 (hex) of the table's CSV: equal tables hash the same.
  public var contentHash: String { SHA256.hex(csvBytes()) }

  /// The table without the named columns (e.g. timings, to compare sweeps).
  public func dropping(_ names: Set<String>) -> ExportTable {
    let keep = columns.indices.filter { !names.contains(columns[$0]) }
    return ExportTable(
      columns: keep.map { columns[$0] }, rows: rows.map { row in keep.map { row[$0] } })
  }

  /// Numeric metric columns (as named in exports): those a comparison, a
  /// claim or a table can read as a number.
  public static let metricColumns: Set<String> = Set(Schema.metricColumns).subtracting(
    textMetricColumns)
  /// Metric columns that hold text (`TypeWorkShare.encode`'s).
  public static let textMetricColumns: Set<String> = [
    RunMetrics.CodingKeys.workShareByType.rawValue
  ]
  /// Parameter columns, in export order.
  public static let parameterColumnsInOrder: [String] = Schema.parameterKeys
  /// Metric columns, in export order.
  public static let metricColumnsInOrder: [String] = Schema.metricColumns

  /// Columns exported as JSON strings even when their text looks numeric.
  static let textColumns = Set(["seed", "cell_key", "status", "failure_reason"]).union(
    textMetricColumns)

  /// Columns that vary from run to run for reasons other than the model
  /// (`reused_from_sweep`: the sweep a cached run was copied from).
  public static let timingColumns: Set<String> = ["sweep_id", "wall_ms", "reused_from_sweep"]

  /// Whether `value` of `column` is a number that is not finite (never
  /// stored, but never exported as "inf" either: it exports as missing).
  func nonFinite(_ value: String, _ column: String) -> Bool {
    !Self.textColumns.contains(column) && Double(value).map { !$0.isFinite } == true
  }

  /// RFC 4180 CSV; missing values are empty fields.
  public func csv() -> String { String(decoding: csvBytes(), as: UTF8.self) }

  /// The CSV's UTF-8 bytes, built without intermediate strings: a sweep's
  /// export is every report's results hash.
  func csvBytes() -> [UInt8] {
    let (comma, quote, newline) = (UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"))
    // Only a value holding an n can read as a non-finite number ("inf",
    // "nan", "infinity"); stored numbers are finite.
    let letterN = UInt8(ascii: "n")
    var out: [UInt8] = []
    out.reserveCapacity((rows.count + 1) * columns.count * 8)
    func append(_ s: String?) {
      guard let s else { return }
      let bytes = s.utf8
      guard bytes.contains(where: { $0 == comma || $0 == quote || $0 == newline }) else {
        out.append(contentsOf: bytes)
        return
      }
      out.append(quote)
      for b in bytes {
        if b == quote { out.append(quote) }
        out.append(b)
      }
      out.append(quote)
    }
    for (i, column) in columns.enumerated() {
      if i > 0 { out.append(comma) }
      append(column)
    }
    out.append(newline)
    for row in rows {
      for (i, (column, value)) in zip(columns, row).enumerated() {
        if i > 0 { out.append(comma) }
        guard let value else { continue }
        if value.utf8.contains(where: { $0 | 0x20 == letterN }), nonFinite(value, column) {
          continue
        }
        append(value)
      }
      out.append(newline)
    }
    return out
  }

  /// A JSON array of objects; numeric text becomes numbers, missing (and
  /// non-finite) values `null`.
  public func json() -> String {
    var objects: [String] = []
    for row in rows {
      let fields = zip(columns, row).map { column, value -> String in
        let encoded: String
        if let value, !nonFinite(value, column) {
          if let d = Double(value), d.isFinite, !Self.textColumns.contains(column) {
            encoded = value
          } else {
            encoded =
              "\""
              + value.replacingOccurrences(of: "\\", with: "\\\\")
              .replacingOccurrences(of: "\"", with: "\\\"") + "\""
          }
        } else {
          encoded = "null"
        }
        return "\"\(column)\": \(encoded)"
      }
      objects.append("  {" + fields.joined(separator: ", ") + "}")
    }
    return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
  }
}

extension ResultsStore {
  /// Every run of a sweep with its parameters, seed and metrics, ordered by
  /// cell (grid order) then replicate.
  public func export(sweep id: Int64) throws -> ExportTable {
    let parameterColumns = Schema.parameterKeys.map { "c.p_\($0) AS \($0)" }
    let metricColumns = Schema.metricColumns.map { "m.\($0)" }
    let sql = """
      SELECT e.name AS experiment, r.sweep_id, r.cell_index, c.cell_key, r.replicate, r.seed,
             r.status, r.failure_reason,
             \(parameterColumns.joined(separator: ", ")),
             \(metricColumns.joined(separator: ", ")), r.wall_ms, r.reused_from_sweep
      FROM runs r LEFT JOIN metrics m ON m.run_id = r.id
      JOIN cells c ON c.sweep_id = r.sweep_id AND c.cell_index = r.cell_index
      JOIN sweeps s ON s.id = r.sweep_id JOIN experiments e ON e.id = s.experiment_id
      WHERE r.sweep_id = ?
      ORDER BY r.cell_index, r.replicate
      """
    return try read { db in
      let rows = try Row.fetchAll(db, sql: sql, arguments: [id])
      let runColumns = [
        "experiment", "sweep_id", "cell_index", "cell_key", "replicate", "seed", "status",
        "failure_reason",
      ]
      let columns =
        runColumns + Schema.parameterKeys + Schema.metricColumns + ["wall_ms", "reused_from_sweep"]
      let parameterRange = runColumns.count..<(runColumns.count + Schema.parameterKeys.count)
      return ExportTable(
        columns: columns,
        rows: rows.map { row in
          (0..<row.count).map { i in
            // Databases written before parameters were stored as NULL hold
            // an unset one as the text "null".
            let text = Self.text(row[i] as DatabaseValue)
            return text == "null" && parameterRange.contains(i) ? nil : text
          }
        })
    }
  }

  /// A value as text: integers without a decimal point, reals round-tripping.
  static func text(_ value: DatabaseValue) -> String? {
    switch value.storage {
    case .null: return nil
    case .int64(let v): return String(v)
    case .double(let v): return "\(v)"
    case .string(let s): return s
    case .blob(let d): return d.base64EncodedString()
    }
  }
}
