import Assignment

/// A place a displaced task can move to.
public struct MigrationTarget: Sendable, Equatable {
  /// What the target is.
  public enum Kind: Sendable, Equatable {
    /// A free slot on an instance that is already running (or booting).
    case existing(instance: Int)
    /// A slot on an instance launched for the purpose in pool `pool`.
    case newLaunch(pool: Int)
  }

  /// What the target is.
  public var kind: Kind
  /// Spot or on-demand.
  public var capacity: Capacity
  /// Slots this target offers (an instance with k free GPUs offers k).
  public var slots: Int

  /// Creates a target.
  public init(kind: Kind, capacity: Capacity, slots: Int) {
    self.kind = kind
    self.capacity = capacity
    self.slots = slots
  }

  /// Whether this target is a fresh launch.
  public var isNewLaunch: Bool {
    if case .newLaunch = kind { return true }
    return false
  }
}

/// The decision a migration planner faces after a reclaim warning: which
/// target each displaced task goes to, given the cost of every pair.
///
/// Targets come in a fixed order — existing instances by id, then new
/// launches from the most to the least economical pool — so "first fit" is
/// well defined. Forbidden pairs (memory does not fit, capacity other than
/// the policy chose, spot not launchable) cost `+∞`.
public struct MigrationProblem: Sendable {
  /// One row per displaced task, one column per target.
  public var costs: CostMatrix
  /// The targets, in column order.
  public var targets: [MigrationTarget]

  /// Creates a problem; `costs.columns` must equal `targets.count`.
  public init(costs: CostMatrix, targets: [MigrationTarget]) {
    precondition(costs.columns == targets.count)
    self.costs = costs
    self.targets = targets
  }

  /// Slot counts in column order.
  public var capacities: [Int] { targets.map(\.slots) }
}

/// Chooses where displaced tasks go. Planners only choose: the simulator
/// builds the costs and carries the choice out, so every planner is judged
/// by the same outcomes (completion time and dollars).
public protocol MigrationPlanner: Sendable {
  /// The name results are stored under, e.g. `optimal`.
  var name: String { get }

  /// For each task (row), the chosen target (column), or nil to leave it
  /// waiting. A target may take at most `slots` tasks.
  func plan(_ problem: MigrationProblem) -> [Int?]
}

/// Optimal: the minimum-cost assignment (Kuhn–Munkres by shortest augmenting
/// paths) over the cost matrix.
public struct OptimalMigration: MigrationPlanner {
  /// Creates the planner.
  public init() {}
  public var name: String { "optimal" }
  public func plan(_ problem: MigrationProblem) -> [Int?] {
    AssignmentStrategy.optimal.solve(problem.costs, capacities: problem.capacities).columnForRow
  }
}

/// Best fit: each task in turn takes its cheapest free target.
public struct BestFitMigration: MigrationPlanner {
  /// Creates the planner.
  public init() {}
  public var name: String { "best-fit" }
  public func plan(_ problem: MigrationProblem) -> [Int?] {
    AssignmentStrategy.bestFit.solve(problem.costs, capacities: problem.capacities).columnForRow
  }
}

/// Naive: each task in turn takes the first target, in the fixed order, that
/// it fits — whatever the cost.
public struct NaiveMigration: MigrationPlanner {
  /// Creates the planner.
  public init() {}
  public var name: String { "naive" }
  public func plan(_ problem: MigrationProblem) -> [Int?] {
    AssignmentStrategy.naive.solve(problem.costs, capacities: problem.capacities).columnForRow
  }
}

/// None: never reuse running capacity; every displaced task gets a fresh
/// instance in the first pool (in the fixed order) it fits.
public struct FreshInstanceMigration: MigrationPlanner {
  /// Creates the planner.
  public init() {}
  public var name: String { "none" }
  public func plan(_ problem: MigrationProblem) -> [Int?] {
    var costs = problem.costs
    for (c, target) in problem.targets.enumerated() where !target.isNewLaunch {
      for r in 0..<costs.rows { costs[r, c] = .infinity }
    }
    return AssignmentStrategy.naive.solve(costs, capacities: problem.capacities).columnForRow
  }
}

/// Migration planners by name.
public enum MigrationStrategies {
  /// The built-in planners: `optimal`, `best-fit`, `naive`, `none`.
  public static let all: [any MigrationPlanner] = [
    OptimalMigration(), BestFitMigration(), NaiveMigration(), FreshInstanceMigration(),
  ]

  /// The planner called `name`.
  /// - Throws: `SimulationError.unknownName`.
  public static func named(_ name: String) throws -> any MigrationPlanner {
    guard let planner = all.first(where: { $0.name == name }) else {
      throw SimulationError.unknownName(
        kind: "migration strategy", name: name, known: all.map(\.name))
    }
    return planner
  }
}
