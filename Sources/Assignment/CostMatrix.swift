/// A dense rows × columns matrix of assignment costs, stored row-major.
///
/// `+∞` marks a forbidden pair. Negative costs are allowed; NaN is not.
public struct CostMatrix: Sendable, Equatable {
  /// Number of rows (tasks).
  public let rows: Int
  /// Number of columns (targets).
  public let columns: Int
  /// Row-major values: the cost of row `r`, column `c` is `values[r * columns + c]`.
  public internal(set) var values: [Double]

  /// A matrix from row-major values.
  public init(rows: Int, columns: Int, values: [Double]) {
    precondition(rows >= 0 && columns >= 0 && values.count == rows * columns, "shape mismatch")
    precondition(!values.contains { $0.isNaN }, "NaN cost")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// A matrix filled with one value.
  public init(rows: Int, columns: Int, repeating value: Double) {
    self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
  }

  /// A matrix from an array of equally long rows.
  public init(_ rowArrays: [[Double]]) {
    let columns = rowArrays.first?.count ?? 0
    precondition(rowArrays.allSatisfy { $0.count == columns }, "ragged rows")
    self.init(rows: rowArrays.count, columns: columns, values: rowArrays.flatMap { $0 })
  }

  /// The cost of assigning `row` to `column`.
  public subscript(row: Int, column: Int) -> Double {
    get { values[row * columns + column] }
    set {
      precondition(!newValue.isNaN, "NaN cost")
      values[row * columns + column] = newValue
    }
  }

  /// Whether `row` may take `column`.
  @inlinable
  public func isAllowed(_ row: Int, _ column: Int) -> Bool {
    values[row * columns + column] < .infinity
  }

  /// Whether any pair is forbidden.
  public var hasForbiddenPairs: Bool { values.contains { $0 == .infinity } }

  /// The transpose.
  public func transposed() -> CostMatrix {
    var out = [Double](repeating: 0, count: values.count)
    for r in 0..<rows {
      for c in 0..<columns { out[c * rows + r] = values[r * columns + c] }
    }
    return CostMatrix(rows: columns, columns: rows, values: out)
  }

  /// Repeats column `c` `capacities[c]` times, so a target with k free slots
  /// can take k rows. Returns the expanded matrix and, for each new column,
  /// the original column it stands for.
  public func expanding(capacities: [Int]) -> (matrix: CostMatrix, origin: [Int]) {
    precondition(capacities.count == columns && capacities.allSatisfy { $0 >= 0 })
    var origin: [Int] = []
    for (c, k) in capacities.enumerated() { origin += Array(repeating: c, count: k) }
    var out: [Double] = []
    out.reserveCapacity(rows * origin.count)
    for r in 0..<rows {
      for c in origin { out.append(values[r * columns + c]) }
    }
    return (CostMatrix(rows: rows, columns: origin.count, values: out), origin)
  }
}
