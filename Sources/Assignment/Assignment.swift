/// The result of an assignment: a column (or none) per row.
public struct Assignment: Sendable, Equatable {
  /// For each row, its column, or nil when the row is left unassigned.
  public var columnForRow: [Int?]
  /// Sum of the costs of the assigned pairs (penalties not included).
  public var totalCost: Double
  /// Sum of the penalties of the unassigned rows (0 without penalties).
  public var penaltyCost: Double

  /// Creates a result; `totalCost` is computed from `matrix`.
  public init(columnForRow: [Int?], matrix: CostMatrix, penalties: [Double]? = nil) {
    self.columnForRow = columnForRow
    var total = 0.0
    var penalty = 0.0
    for (r, c) in columnForRow.enumerated() {
      if let c {
        total += matrix[r, c]
      } else if let penalties {
        penalty += penalties[r]
      }
    }
    self.totalCost = total
    self.penaltyCost = penalty
  }

  /// Number of assigned rows.
  public var assignedCount: Int { columnForRow.lazy.filter { $0 != nil }.count }

  /// Checks that no column is used twice and no forbidden pair is used.
  public func isValid(for matrix: CostMatrix) -> Bool {
    var used = Set<Int>()
    for (r, c) in columnForRow.enumerated() {
      guard let c else { continue }
      guard c >= 0 && c < matrix.columns, matrix.isAllowed(r, c), used.insert(c).inserted else {
        return false
      }
    }
    return true
  }
}

/// How to choose an assignment.
public enum AssignmentStrategy: String, Sendable, CaseIterable {
  /// Exact minimum cost (shortest augmenting paths).
  case optimal
  /// Each row in turn takes its cheapest free column.
  case bestFit = "best-fit"
  /// Each row in turn takes the first free allowed column.
  case naive

  /// Solves `matrix` with this strategy.
  ///
  /// - Parameter penalties: optional per-row cost of staying unassigned. With
  ///   penalties, `optimal` minimises assigned cost plus penalties; without,
  ///   it assigns as many rows as possible and, among those assignments,
  ///   minimises cost.
  public func solve(_ matrix: CostMatrix, penalties: [Double]? = nil) -> Assignment {
    switch self {
    case .optimal: return ShortestAugmentingPathSolver().solve(matrix, penalties: penalties)
    case .bestFit: return GreedySolver.bestFit(matrix, penalties: penalties)
    case .naive: return GreedySolver.firstFit(matrix)
    }
  }

  /// Solves with column capacities: column `c` can take up to
  /// `capacities[c]` rows. Columns in the result are original columns.
  public func solve(
    _ matrix: CostMatrix, capacities: [Int], penalties: [Double]? = nil
  ) -> Assignment {
    if matrix.rows == 1, penalties == nil {
      return Assignment(
        columnForRow: [singleRowColumn(matrix, capacities: capacities)], matrix: matrix)
    }
    let (expanded, origin) = matrix.expanding(capacities: capacities)
    let inner = solve(expanded, penalties: penalties)
    let columns = inner.columnForRow.map { $0.map { origin[$0] } }
    return Assignment(columnForRow: columns, matrix: matrix, penalties: penalties)
  }

  /// One row (most placements): no matrix to expand. Naive takes the first
  /// allowed column with room, the others the cheapest (the first of equal
  /// ones), which is what each strategy picks on the expanded matrix
  /// (`AssignmentTests` checks it against that path).
  func singleRowColumn(_ matrix: CostMatrix, capacities: [Int]) -> Int? {
    var best: Int?
    var bestCost = Double.infinity
    for c in 0..<matrix.columns where capacities[c] > 0 && matrix[0, c] < bestCost {
      if self == .naive { return c }
      best = c
      bestCost = matrix[0, c]
    }
    return best
  }
}
