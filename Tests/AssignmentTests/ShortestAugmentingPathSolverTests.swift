import Assignment
import Foundation
import Simulation
import SynktiTestSupport
import Testing

@Suite struct ShortestAugmentingPathSolverTests {
  /// Random matrices up to 8×8, square and rectangular, with forbidden cells
  /// and ties (small integer costs).
  static func randomMatrix(_ rng: inout Xoshiro256StarStar) -> [[Double]] {
    let n = Int(rng.next() % 9)
    let m = Int(rng.next() % 9)
    let forbidShare = [0.0, 0.2, 0.5, 0.8][Int(rng.next() % 4)]
    let integerCosts = rng.next() % 2 == 0
    return (0..<n).map { _ in
      (0..<m).map { _ in
        if rng.nextUnit() < forbidShare { return .infinity }
        return integerCosts ? Double(Int(rng.next() % 5) - 1) : rng.nextUniform(-10, 100)
      }
    }
  }

  @Test func matchesBruteForceOn600RandomMatrices() {
    var rng = Xoshiro256StarStar(seed: 42)
    var checked = 0
    for _ in 0..<600 {
      let rows = Self.randomMatrix(&rng)
      let m = rows.first?.count ?? Int(rng.next() % 4)
      let matrix = CostMatrix(
        rows: rows.count, columns: rows.isEmpty ? m : rows[0].count, values: rows.flatMap { $0 })
      let result = AssignmentStrategy.optimal.solve(matrix)
      let oracle = BruteForceAssignment.best(rows)
      #expect(result.isValid(for: matrix))
      #expect(result.assignedCount == max(oracle.assigned, 0))
      #expect(
        abs(result.totalCost - (oracle.assigned < 0 ? 0 : oracle.cost)) <= 1e-9
          * max(1, abs(oracle.cost)))
      checked += 1
    }
    #expect(checked == 600)
  }

  @Test func squareDenseMatricesMatchBruteForce() {
    // The square, all-allowed path starts from a column reduction.
    var rng = Xoshiro256StarStar(seed: 17)
    for _ in 0..<300 {
      let n = 1 + Int(rng.next() % 7)
      let ties = rng.next() % 2 == 0
      let rows = (0..<n).map { _ in
        (0..<n).map { _ in ties ? Double(rng.next() % 4) : rng.nextUniform(-50, 50) }
      }
      let result = AssignmentStrategy.optimal.solve(CostMatrix(rows))
      let oracle = BruteForceAssignment.best(rows)
      #expect(result.assignedCount == n)
      #expect(abs(result.totalCost - oracle.cost) <= 1e-9 * max(1, abs(oracle.cost)))
    }
  }

  @Test func matchesBruteForceWithPenalties() {
    var rng = Xoshiro256StarStar(seed: 7)
    for _ in 0..<300 {
      let rows = Self.randomMatrix(&rng)
      guard !rows.isEmpty else { continue }
      let penalties = rows.map { _ in rng.nextUniform(0, 60) }
      let matrix = CostMatrix(rows)
      let result = AssignmentStrategy.optimal.solve(matrix, penalties: penalties)
      let oracle = BruteForceAssignment.best(rows, penalties: penalties)
      #expect(result.isValid(for: matrix))
      #expect(
        abs(result.totalCost + result.penaltyCost - oracle.cost) <= 1e-9 * max(1, abs(oracle.cost)))
    }
  }

  @Test func neverWorseThanTheBaselines() {
    var rng = Xoshiro256StarStar(seed: 99)
    for _ in 0..<300 {
      let rows = Self.randomMatrix(&rng)
      let matrix = CostMatrix(
        rows: rows.count, columns: rows.first?.count ?? 0, values: rows.flatMap { $0 })
      let optimal = AssignmentStrategy.optimal.solve(matrix)
      for baseline in [AssignmentStrategy.naive, .bestFit] {
        let other = baseline.solve(matrix)
        #expect(other.isValid(for: matrix))
        // Optimal assigns at least as many rows, and never costs more at equal count.
        #expect(optimal.assignedCount >= other.assignedCount)
        if optimal.assignedCount == other.assignedCount {
          #expect(optimal.totalCost <= other.totalCost + 1e-9)
        }
      }
    }
  }

  @Test func textbookInstance() {
    // scipy.optimize.linear_sum_assignment's documented example: optimum 5.
    let matrix = CostMatrix([[4, 1, 3], [2, 0, 5], [3, 2, 2]])
    let result = AssignmentStrategy.optimal.solve(matrix)
    #expect(result.columnForRow == [1, 0, 2])
    #expect(result.totalCost == 5)
  }

  @Test func degenerateShapes() {
    let empty = CostMatrix(rows: 0, columns: 4, values: [])
    #expect(AssignmentStrategy.optimal.solve(empty).columnForRow == [])
    let noColumns = CostMatrix(rows: 3, columns: 0, values: [])
    #expect(AssignmentStrategy.optimal.solve(noColumns).columnForRow == [nil, nil, nil])
    let one = CostMatrix([[-2.5]])
    #expect(AssignmentStrategy.optimal.solve(one).columnForRow == [0])
    #expect(AssignmentStrategy.optimal.solve(one).totalCost == -2.5)
    let forbidden = CostMatrix(rows: 3, columns: 3, repeating: .infinity)
    let none = AssignmentStrategy.optimal.solve(forbidden)
    #expect(none.columnForRow == [nil, nil, nil])
    #expect(none.totalCost == 0)
  }

  @Test func oneFeasibleColumnGoesToTheCheapestRow() {
    let inf = Double.infinity
    let matrix = CostMatrix([[9, inf, inf], [3, inf, inf], [7, inf, inf], [5, inf, inf]])
    let result = AssignmentStrategy.optimal.solve(matrix)
    #expect(result.columnForRow == [nil, 0, nil, nil])
    #expect(result.totalCost == 3)
  }

  @Test func maximisesAssignedRowsBeforeCost() {
    // Row 0 can take both columns; row 1 only column 0. Assigning both costs
    // more than the single cheapest pair, but two rows beat one.
    let inf = Double.infinity
    let matrix = CostMatrix([[1, 100], [50, inf]])
    let result = AssignmentStrategy.optimal.solve(matrix)
    #expect(result.columnForRow == [1, 0])
    #expect(result.totalCost == 150)
  }

  @Test func wideCostRangeKeepsPrecision() {
    var rng = Xoshiro256StarStar(seed: 3)
    for _ in 0..<100 {
      let n = 6
      let rows = (0..<n).map { _ in
        (0..<n).map { _ in pow(10, rng.nextUniform(-9, 9)) * (rng.nextUnit() < 0.2 ? .infinity : 1)
        }
      }
      let result = AssignmentStrategy.optimal.solve(CostMatrix(rows))
      let oracle = BruteForceAssignment.best(rows)
      #expect(result.assignedCount == oracle.assigned)
      #expect(abs(result.totalCost - oracle.cost) <= 1e-9 * oracle.cost)
    }
  }

  @Test func capacitiesLetOneTargetTakeSeveralRows() {
    let matrix = CostMatrix([[1, 5], [1, 5], [1, 5]])
    let result = AssignmentStrategy.optimal.solve(matrix, capacities: [2, 1])
    #expect(result.columnForRow.filter { $0 == 0 }.count == 2)
    #expect(result.columnForRow.filter { $0 == 1 }.count == 1)
    #expect(result.totalCost == 7)
  }

  @Test func tallMatricesAssignEveryColumn() {
    let matrix = CostMatrix([[5, 1], [2, 8], [1, 1], [9, 9]])
    let result = AssignmentStrategy.optimal.solve(matrix)
    #expect(result.assignedCount == 2)
    #expect(result.totalCost == 2)
    #expect(
      result.totalCost == BruteForceAssignment.best([[5, 1], [2, 8], [1, 1], [9, 9]]).cost)
  }
}
