/// The baselines: first fit and best fit, row by row in index order.
public enum GreedySolver {
  /// Each row in turn takes the lowest-index free allowed column.
  /// - Complexity: O(rows × columns).
  public static func firstFit(_ matrix: CostMatrix) -> Assignment {
    var used = [Bool](repeating: false, count: matrix.columns)
    var result = [Int?](repeating: nil, count: matrix.rows)
    for r in 0..<matrix.rows {
      for c in 0..<matrix.columns where !used[c] && matrix.isAllowed(r, c) {
        used[c] = true
        result[r] = c
        break
      }
    }
    return Assignment(columnForRow: result, matrix: matrix)
  }

  /// Each row in turn takes its cheapest free allowed column (lowest index
  /// on ties), or stays unassigned when its penalty is cheaper.
  /// - Complexity: O(rows × columns).
  public static func bestFit(_ matrix: CostMatrix, penalties: [Double]? = nil) -> Assignment {
    var used = [Bool](repeating: false, count: matrix.columns)
    var result = [Int?](repeating: nil, count: matrix.rows)
    for r in 0..<matrix.rows {
      var best = -1
      var bestCost = Double.infinity
      for c in 0..<matrix.columns where !used[c] && matrix[r, c] < bestCost {
        best = c
        bestCost = matrix[r, c]
      }
      if best >= 0, penalties.map({ bestCost <= $0[r] }) ?? true {
        used[best] = true
        result[r] = best
      }
    }
    return Assignment(columnForRow: result, matrix: matrix, penalties: penalties)
  }
}
