import Assignment
import Testing

@Suite struct GreedySolverTests {
  let inf = Double.infinity

  @Test func firstFitTakesTheLowestFreeAllowedColumn() {
    let matrix = CostMatrix([[9, 1, 1], [inf, 1, 0], [3, 3, 3]])
    let result = GreedySolver.firstFit(matrix)
    #expect(result.columnForRow == [0, 1, 2])
    #expect(result.totalCost == 13)
  }

  @Test func bestFitTakesEachRowsCheapestFreeColumn() {
    let matrix = CostMatrix([[9, 1, 2], [inf, 1, 0], [3, 3, 3]])
    let result = GreedySolver.bestFit(matrix)
    #expect(result.columnForRow == [1, 2, 0])
    #expect(result.totalCost == 4)
  }

  @Test func bestFitLeavesRowsWhosePenaltyIsCheaper() {
    let matrix = CostMatrix([[10, 20]])
    #expect(GreedySolver.bestFit(matrix, penalties: [5]).columnForRow == [nil])
    #expect(GreedySolver.bestFit(matrix, penalties: [15]).columnForRow == [0])
  }

  @Test func greedyCanBeSuboptimal() {
    // Row 0 grabs column 0, forcing row 1 onto an expensive column.
    let matrix = CostMatrix([[1, 2], [1, 100]])
    #expect(GreedySolver.bestFit(matrix).totalCost == 101)
    #expect(AssignmentStrategy.optimal.solve(matrix).totalCost == 3)
  }
}
