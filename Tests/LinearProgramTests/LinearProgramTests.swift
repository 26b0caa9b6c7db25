import Assignment
import LinearProgram
import Testing

@Suite struct LinearProgramTests {
  /// min −x − y s.t. x + 2y ≤ 4, 3x + y ≤ 6, x, y ≥ 0: the constraints
  /// cross at (1.6, 1.2), cost −2.8 (by hand).
  @Test func aTwoVariableProgramReachesItsVertex() throws {
    var lp = LinearProgram()
    let x = lp.addVariable(cost: -1)
    let y = lp.addVariable(cost: -1)
    lp.addConstraint([(x, 1), (y, 2)], upper: 4)
    lp.addConstraint([(x, 3), (y, 1)], upper: 6)
    guard case .optimal(let cost, let solution) = lp.solve() else {
      Issue.record("not solved")
      return
    }
    #expect(abs(cost - -2.8) < 1e-9)
    #expect(abs(solution[x] - 1.6) < 1e-9 && abs(solution[y] - 1.2) < 1e-9)
  }

  @Test func infeasibleAndUnboundedProgramsSaySo() {
    var infeasible = LinearProgram()
    let x = infeasible.addVariable(cost: 1, lower: 0, upper: 1)
    infeasible.addConstraint([(x, 1)], lower: 2)
    #expect(infeasible.solve() == .infeasible)
    var unbounded = LinearProgram()
    let y = unbounded.addVariable(cost: -1)
    unbounded.addConstraint([(y, 1)], lower: 1)
    #expect(unbounded.solve() == .unbounded)
  }

  /// Equality rows, free variables and repeated terms: x − y = 1 written as
  /// x + (−0.5y) + (−0.5y), x free, y in [0, 3], min x + 2y: y = 0, x = 1.
  @Test func equalitiesFreeVariablesAndRepeatedTerms() throws {
    var lp = LinearProgram()
    let x = lp.addVariable(cost: 1, lower: -.infinity)
    let y = lp.addVariable(cost: 2, lower: 0, upper: 3)
    lp.addConstraint([(x, 1), (y, -0.5), (y, -0.5)], lower: 1, upper: 1)
    guard case .optimal(let cost, let solution) = lp.solve() else {
      Issue.record("not solved")
      return
    }
    #expect(abs(cost - 1) < 1e-9 && abs(solution[x] - 1) < 1e-9 && abs(solution[y]) < 1e-9)
  }

  /// The assignment polytope is integral, so its LP optimum is the
  /// assignment optimum: checked against the exact Hungarian solver.
  @Test func theAssignmentRelaxationMatchesTheHungarianOptimum() throws {
    for seed in UInt64(1)...30 {
      var state = seed
      func next() -> Double {  // SplitMix64, scaled to [0, 100)
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53) * 100
      }
      let n = 2 + Int(seed % 6)
      let costs = (0..<n).map { _ in (0..<n).map { _ in next() } }
      var lp = LinearProgram()
      var cell: [[Int]] = []
      for i in 0..<n {
        cell.append((0..<n).map { j in lp.addVariable(cost: costs[i][j], upper: 1) })
      }
      for i in 0..<n { lp.addConstraint((0..<n).map { (cell[i][$0], 1.0) }, lower: 1, upper: 1) }
      for j in 0..<n { lp.addConstraint((0..<n).map { (cell[$0][j], 1.0) }, lower: 1, upper: 1) }
      guard case .optimal(let cost, _) = lp.solve() else {
        Issue.record("seed \(seed) not solved")
        continue
      }
      let exact = ShortestAugmentingPathSolver().solve(
        CostMatrix(rows: n, columns: n, values: costs.flatMap { $0 }))
      #expect(abs(cost - exact.totalCost) < 1e-7, "seed \(seed)")
    }
  }
}
