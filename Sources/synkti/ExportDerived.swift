import Experiments
import Foundation

/// Fills each exported run's unset parameters with the values its model
/// used (from the accelerator types, the catalog's network, the workload
/// kinds), and names them in a `derived_parameters` column.
enum ExportDerived {
  /// The column that lists, per row, the parameters filled in.
  static let column = "derived_parameters"

  /// Fills `table` from the spec the sweep ran, read from `file` when its
  /// text is the stored one; else leaves it as stored and says why.
  static func fill(
    _ table: inout ExportTable, spec file: String, storedHash: String, size: String,
    catalog: AcceleratorCatalog
  ) -> String? {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
      return "spec file \(file) not found"
    }
    guard ExperimentSpec.hash(of: text) == storedHash else {
      return "\(file) differs from the spec this sweep ran"
    }
    let spec: ExperimentSpec
    do {
      spec = try ExperimentSpec.parse(
        text, file: file, catalog: catalog, size: size == "default" ? nil : size)
    } catch {
      return "\(error)"
    }
    let cells = Dictionary(spec.cells().map { ($0.index, $0) }) { a, _ in a }
    var used: [Int: [String: String]] = [:]
    guard let cellColumn = table.columns.firstIndex(of: "cell_index") else {
      return "the export has no cell_index"
    }
    let position = Dictionary(table.columns.enumerated().map { ($1, $0) }) { a, _ in a }
    table.columns.append(column)
    for r in table.rows.indices {
      var filled: [String] = []
      if let text = table.rows[r][cellColumn], let index = Int(text), let cell = cells[index] {
        if used[index] == nil {
          used[index] = (try? spec.config(for: cell))?.inputsUsed(catalog: catalog) ?? [:]
        }
        for (key, value) in used[index]!.sorted(by: { $0.key < $1.key }) {
          guard let c = position[key], table.rows[r][c] == nil else { continue }
          table.rows[r][c] = value
          filled.append(key)
        }
      }
      table.rows[r].append(filled.isEmpty ? nil : filled.joined(separator: " "))
    }
    return nil
  }
}
