import Assignment

/// One migration problem of two or more tasks as the run met it: the
/// planned cost (`MigrationCostModel`) of the chosen plan beside those of the
/// optimal, best-fit and naive plans for the same matrix, computed beside it
/// (the run follows the chosen plan only).
public struct MigrationProblemRecord: Sendable, Equatable {
  /// Displaced tasks (rows).
  public var rows: Int
  /// Planned cost and tasks placed by each plan.
  public var chosen: Plan
  public var optimal: Plan
  public var bestFit: Plan
  public var naive: Plan

  /// A plan's planned cost and how many tasks it places.
  public struct Plan: Sendable, Equatable {
    public var cost: Double
    public var placed: Int

    init(_ columns: [Int?], _ costs: CostMatrix) {
      var cost = 0.0
      var placed = 0
      for (r, c) in columns.enumerated() {
        guard let c, costs.isAllowed(r, c) else { continue }
        cost += costs[r, c]
        placed += 1
      }
      self.cost = cost
      self.placed = placed
    }
  }
}

/// A run's value-of-assignment summary over its problems of two or more
/// tasks. Regret is `Σ(plan − optimal) ÷ Σ optimal` over the problems where
/// the plan places as many tasks as the optimum (the optimum places the most
/// and, among those, costs the least, so regret is never negative there);
/// problems where a plan places fewer are counted as its shortfalls.
struct AssignmentRegret {
  var plan = 0.0
  var optimal = 0.0
  var shortfalls = 0

  mutating func add(_ p: MigrationProblemRecord.Plan, optimum: MigrationProblemRecord.Plan) {
    guard p.placed >= optimum.placed else {
      shortfalls += 1
      return
    }
    plan += p.cost
    optimal += optimum.cost
  }

  /// The regret fraction, nil when no problem could be compared.
  var fraction: Double? { optimal > 0 ? (plan - optimal) / optimal : nil }
}
