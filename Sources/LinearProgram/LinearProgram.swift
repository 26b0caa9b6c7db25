import CClp

/// A linear program: minimise c·x subject to rowLower ≤ A·x ≤ rowUpper and
/// columnLower ≤ x ≤ columnUpper, built a variable and a constraint at a
/// time and solved by COIN-OR CLP (its primal simplex: on the fleet bounds,
/// block-diagonal but for a few capacity rows, it was about twice as fast
/// as the dual).
///
/// Infinite bounds are free. Constraints name their variables by the index
/// `addVariable` returned, so a model reads as its formulation does.
public struct LinearProgram: Sendable {
  /// Cost of each variable.
  public private(set) var objective: [Double] = []
  /// Bounds of each variable.
  public private(set) var columnLower: [Double] = []
  public private(set) var columnUpper: [Double] = []
  /// Each constraint: its terms (variable, coefficient) and bounds.
  public private(set) var constraints: [Constraint] = []

  /// One row: lower ≤ Σ coefficient × x[variable] ≤ upper.
  public struct Constraint: Sendable, Equatable {
    public var terms: [(variable: Int, coefficient: Double)]
    public var lower: Double
    public var upper: Double

    public static func == (a: Constraint, b: Constraint) -> Bool {
      a.lower == b.lower && a.upper == b.upper && a.terms.count == b.terms.count
        && zip(a.terms, b.terms).allSatisfy {
          $0.variable == $1.variable && $0.coefficient == $1.coefficient
        }
    }
  }

  /// What solving found.
  public enum Outcome: Sendable, Equatable {
    /// The optimum: its cost and a solution attaining it.
    case optimal(cost: Double, solution: [Double])
    /// No point satisfies the constraints.
    case infeasible
    /// The cost has no lower bound.
    case unbounded
    /// CLP stopped without an answer (its status code).
    case failed(Int)
  }

  /// An empty program.
  public init() {}

  /// The number of variables.
  public var variables: Int { objective.count }

  /// Adds a variable with `cost` per unit, within [lower, upper]; returns
  /// its index.
  @discardableResult
  public mutating func addVariable(cost: Double, lower: Double = 0, upper: Double = .infinity)
    -> Int
  {
    precondition(lower <= upper, "a variable's lower bound exceeds its upper bound")
    objective.append(cost)
    columnLower.append(lower)
    columnUpper.append(upper)
    return objective.count - 1
  }

  /// Adds lower ≤ Σ coefficient × x[variable] ≤ upper (terms of the same
  /// variable add up).
  public mutating func addConstraint(
    _ terms: [(variable: Int, coefficient: Double)], lower: Double = -.infinity,
    upper: Double = .infinity
  ) {
    precondition(terms.allSatisfy { $0.variable >= 0 && $0.variable < variables })
    constraints.append(Constraint(terms: terms, lower: lower, upper: upper))
  }

  /// Solves the program with CLP.
  public func solve() -> Outcome {
    guard let model = Clp_newModel() else { return .failed(-1) }
    defer { Clp_deleteModel(model) }
    Clp_setLogLevel(model, 0)
    // CLP takes the matrix by column: gather each column's rows.
    var byColumn = [[(row: Int32, value: Double)]](repeating: [], count: variables)
    for (r, constraint) in constraints.enumerated() {
      for term in constraint.terms where term.coefficient != 0 {
        byColumn[term.variable].append((Int32(r), term.coefficient))
      }
    }
    var start: [CoinBigIndex] = [0]
    var index: [Int32] = []
    var value: [Double] = []
    for column in byColumn {
      // Terms of the same variable in one row add up.
      var merged: [Int32: Double] = [:]
      var order: [Int32] = []
      for (row, v) in column {
        if merged[row] == nil { order.append(row) }
        merged[row, default: 0] += v
      }
      for row in order {
        index.append(row)
        value.append(merged[row]!)
      }
      start.append(CoinBigIndex(index.count))
    }
    let huge = 1e30  // CLP's infinity
    func clamp(_ x: [Double]) -> [Double] { x.map { Swift.max(-huge, Swift.min(huge, $0)) } }
    let rowLower = clamp(constraints.map(\.lower))
    let rowUpper = clamp(constraints.map(\.upper))
    let colLower = clamp(columnLower)
    let colUpper = clamp(columnUpper)
    Clp_loadProblem(
      model, Int32(variables), Int32(constraints.count), start, index, value, colLower, colUpper,
      objective, rowLower, rowUpper)
    _ = Clp_primal(model, 0)
    switch Clp_status(model) {
    case 0:
      guard let x = Clp_getColSolution(model) else { return .failed(0) }
      return .optimal(
        cost: Clp_getObjValue(model),
        solution: Array(UnsafeBufferPointer(start: x, count: variables)))
    case 1: return .infeasible
    case 2: return .unbounded
    case let code: return .failed(Int(code))
    }
  }
}
