import Assignment
import Testing

@Suite struct AssignmentTests {
  /// The single-row shortcut of `solve(_:capacities:)` against the path it
  /// skips (expand the columns by capacity, solve, map back), on every
  /// strategy and many small rows full of ties, forbidden pairs and empty
  /// columns.
  @Test(arguments: AssignmentStrategy.allCases)
  func aSingleRowPicksWhatTheExpandedMatrixWould(_ strategy: AssignmentStrategy) {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func draw(_ n: UInt64) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % n)
    }
    var checked = 0
    for _ in 0..<2_000 {
      let columns = 1 + draw(6)
      let row = (0..<columns).map { _ in draw(4) == 0 ? Double.infinity : Double(draw(3)) }
      let capacities = (0..<columns).map { _ in draw(3) }
      let matrix = CostMatrix(rows: 1, columns: columns, values: row)
      let (expanded, origin) = matrix.expanding(capacities: capacities)
      let reference = strategy.solve(expanded).columnForRow[0].map { origin[$0] }
      let result = strategy.solve(matrix, capacities: capacities)
      #expect(result.columnForRow == [reference], "\(row) \(capacities)")
      #expect(result == Assignment(columnForRow: [reference], matrix: matrix))
      if reference != nil { checked += 1 }
    }
    #expect(checked > 500)
  }
}
