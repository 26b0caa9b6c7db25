/// Exact minimum-cost rectangular assignment by shortest augmenting paths.
///
/// Rows are added one at a time; each addition runs a Dijkstra search over
/// reduced costs and augments along the shortest alternating path, keeping
/// dual potentials `u`, `v` feasible. This is the Jonker–Volgenant scheme in
/// the form given by Crouse, "On implementing 2D rectangular assignment
/// algorithms", IEEE Trans. Aerospace and Electronic Systems 52(4), 2016 —
/// the algorithm behind `scipy.optimize.linear_sum_assignment`.
///
/// Forbidden pairs (`+∞`) are never relaxed. When some exist, each row gets a
/// private "unassigned" column whose cost is its penalty, or — without
/// penalties — one unit of a second, lexicographically dominant cost term.
/// The solver therefore first maximises the number of assigned rows and then
/// minimises their cost, exactly, with no big-M constant in the arithmetic.
///
/// - Complexity: O(r² c) for r ≤ c, with flat storage and no allocation
///   inside the augmentation loop.
public struct ShortestAugmentingPathSolver: Sendable {
  /// Creates a solver.
  public init() {}

  /// Solves `matrix`; see `AssignmentStrategy.solve(_:penalties:)`.
  public func solve(_ matrix: CostMatrix, penalties: [Double]? = nil) -> Assignment {
    if let penalties { precondition(penalties.count == matrix.rows, "one penalty per row") }
    if matrix.rows == 0 || (matrix.columns == 0 && penalties == nil) {
      return Assignment(
        columnForRow: Array(repeating: nil, count: matrix.rows), matrix: matrix,
        penalties: penalties)
    }
    let columns: [Int?]
    if penalties == nil && !matrix.hasForbiddenPairs {
      columns = Self.solveDense(matrix)
    } else {
      columns = Self.solveWithUnassigned(matrix, penalties: penalties)
    }
    return Assignment(columnForRow: columns, matrix: matrix, penalties: penalties)
  }

  /// Every pair allowed: the smaller side is fully assigned.
  static func solveDense(_ matrix: CostMatrix) -> [Int?] {
    if matrix.rows <= matrix.columns {
      let col4row = _sap(
        rows: matrix.rows, columns: matrix.columns, costs: matrix.values, as: Double.self)!
      return col4row.map { Optional($0) }
    }
    let t = matrix.transposed()
    let col4row = _sap(rows: t.rows, columns: t.columns, costs: t.values, as: Double.self)!
    var result = [Int?](repeating: nil, count: matrix.rows)
    for (c, r) in col4row.enumerated() { result[r] = c }
    return result
  }

  /// Adds one private "unassigned" column per row, then solves exactly.
  static func solveWithUnassigned(_ matrix: CostMatrix, penalties: [Double]?) -> [Int?] {
    let n = matrix.rows
    let m = matrix.columns
    let width = m + n
    let result: [Int]
    if let penalties {
      var costs = [Double](repeating: .infinity, count: n * width)
      for r in 0..<n {
        for c in 0..<m { costs[r * width + c] = matrix.values[r * m + c] }
        costs[r * width + m + r] = penalties[r]
      }
      result = _sap(rows: n, columns: width, costs: costs, as: Double.self)!
    } else {
      var costs = [_LexicographicCost](repeating: .infinity, count: n * width)
      for r in 0..<n {
        for c in 0..<m {
          let v = matrix.values[r * m + c]
          costs[r * width + c] = v < .infinity ? _LexicographicCost(major: 0, minor: v) : .infinity
        }
        costs[r * width + m + r] = _LexicographicCost(major: 1, minor: 0)
      }
      result = _sap(rows: n, columns: width, costs: costs, as: _LexicographicCost.self)!
    }
    return result.map { $0 < m ? $0 : nil }
  }
}

/// The arithmetic the solver needs from a cost.
@usableFromInline
protocol _AssignmentCost: Comparable {
  static var zero: Self { get }
  static var infinity: Self { get }
  static func + (a: Self, b: Self) -> Self
  static func - (a: Self, b: Self) -> Self
}

extension Double: _AssignmentCost {}

/// `major · M + minor` for an infinitely large M, compared lexicographically.
/// Majors are small integers, so their arithmetic is exact.
@usableFromInline
struct _LexicographicCost: _AssignmentCost, Sendable {
  @usableFromInline var major: Double
  @usableFromInline var minor: Double

  @inlinable init(major: Double, minor: Double) {
    self.major = major
    self.minor = minor
  }

  @usableFromInline static let zero = _LexicographicCost(major: 0, minor: 0)
  @usableFromInline static let infinity = _LexicographicCost(major: .infinity, minor: 0)

  @inlinable static func + (a: Self, b: Self) -> Self {
    Self(major: a.major + b.major, minor: a.minor + b.minor)
  }
  @inlinable static func - (a: Self, b: Self) -> Self {
    Self(major: a.major - b.major, minor: a.minor - b.minor)
  }
  @inlinable static func < (a: Self, b: Self) -> Bool {
    a.major < b.major || (a.major == b.major && a.minor < b.minor)
  }
}

/// Core of the solver for `rows ≤ columns`; returns the column of each row,
/// or nil when some row cannot be assigned (only possible with forbidden pairs
/// and no private columns).
@usableFromInline
func _sap<C: _AssignmentCost>(
  rows nr: Int, columns nc: Int, costs: [C], as _: C.Type
) -> [Int]? {
  precondition(nr <= nc)
  let work = _SAPWorkspace<C>(rows: nr, columns: nc)
  defer { work.deallocate() }
  return costs.withUnsafeBufferPointer { cost -> [Int]? in
    if nr == nc { _columnReduction(nr, cost, work.v, work.col4row, work.row4col) }
    for current in 0..<nr where work.col4row[current] == -1 {
      guard let path = work.shortestPath(from: current, cost: cost) else { return nil }
      work.updateDuals(current: current, path)
      work.augment(from: path.sink, to: current)
    }
    return Array(work.col4row)
  }
}

/// The solver's arrays, allocated once per solve (no allocation inside the
/// augmentation loop): the duals `u`, `v`, the search's distances and
/// predecessors, the matching both ways, and the rows and columns a search
/// settles.
struct _SAPWorkspace<C: _AssignmentCost> {
  let columns: Int
  let u: UnsafeMutableBufferPointer<C>
  let v: UnsafeMutableBufferPointer<C>
  let shortest: UnsafeMutableBufferPointer<C>
  let path: UnsafeMutableBufferPointer<Int>
  let col4row: UnsafeMutableBufferPointer<Int>
  let row4col: UnsafeMutableBufferPointer<Int>
  let remaining: UnsafeMutableBufferPointer<Int>
  let visitedRows: UnsafeMutableBufferPointer<Int>
  let visitedColumns: UnsafeMutableBufferPointer<Int>

  /// A shortest augmenting path: the free column it ends at, its length,
  /// and how many rows and columns the search settled.
  struct Path {
    var sink: Int
    var length: C
    var rows: Int
    var columns: Int
  }

  init(rows nr: Int, columns nc: Int) {
    func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
      let b = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
      b.initialize(repeating: value)
      return b
    }
    columns = nc
    u = buffer(nr, C.zero)
    v = buffer(nc, C.zero)
    shortest = buffer(nc, C.infinity)
    path = buffer(nc, -1)
    col4row = buffer(nr, -1)
    row4col = buffer(nc, -1)
    remaining = buffer(nc, 0)
    visitedRows = buffer(nr, 0)
    visitedColumns = buffer(nc, 0)
  }

  func deallocate() {
    for b in [u, v, shortest] { b.deallocate() }
    for b in [path, col4row, row4col, remaining, visitedRows, visitedColumns] { b.deallocate() }
  }

  /// Dijkstra from row `current` over reduced costs, to the nearest free
  /// column; nil when none is reachable.
  func shortestPath(from current: Int, cost: UnsafeBufferPointer<C>) -> Path? {
    let nc = columns
    var minValue = C.zero
    var i = current
    var remainingCount = nc
    for k in 0..<nc {
      remaining[k] = nc - k - 1
      shortest[k] = .infinity
    }
    var rowCount = 0
    var columnCount = 0
    var sink = -1
    while sink == -1 {
      visitedRows[rowCount] = i
      rowCount += 1
      var lowest = C.infinity
      var index = -1
      let base = i * nc
      let ui = u[i]
      for k in 0..<remainingCount {
        let j = remaining[k]
        let r = minValue + cost[base + j] - ui - v[j]
        if r < shortest[j] {
          path[j] = i
          shortest[j] = r
        }
        let s = shortest[j]
        if s < lowest || (s == lowest && row4col[j] == -1) {
          lowest = s
          index = k
        }
      }
      minValue = lowest
      if index == -1 || !(minValue < C.infinity) { return nil }
      let j = remaining[index]
      if row4col[j] == -1 { sink = j } else { i = row4col[j] }
      visitedColumns[columnCount] = j
      columnCount += 1
      remainingCount -= 1
      remaining[index] = remaining[remainingCount]
    }
    return Path(sink: sink, length: minValue, rows: rowCount, columns: columnCount)
  }

  /// Updates the duals of everything the search settled, keeping reduced
  /// costs non-negative and the path tight.
  func updateDuals(current: Int, _ found: Path) {
    let minValue = found.length
    u[current] = u[current] + minValue
    for k in 1..<found.rows {
      let r = visitedRows[k]
      u[r] = u[r] + minValue - shortest[col4row[r]]
    }
    for k in 0..<found.columns {
      let j = visitedColumns[k]
      v[j] = v[j] - (minValue - shortest[j])
    }
  }

  /// Flips the matching along the path from `sink` back to row `current`.
  func augment(from sink: Int, to current: Int) {
    var j = sink
    while true {
      let r = path[j]
      row4col[j] = r
      let previous = col4row[r]
      col4row[r] = j
      j = previous
      if r == current { break }
    }
  }
}

/// Jonker–Volgenant column reduction, for square problems only: each column's
/// dual starts at its minimum cost and the argmin row takes it when still
/// free. Reduced costs stay ≥ 0 and the pre-assigned pairs are tight, so the
/// augmentations that follow remain exact; in a rectangular problem an
/// unassigned column would need v ≤ 0, which this could break.
@usableFromInline
func _columnReduction<C: _AssignmentCost>(
  _ n: Int, _ cost: UnsafeBufferPointer<C>, _ v: UnsafeMutableBufferPointer<C>,
  _ col4row: UnsafeMutableBufferPointer<Int>, _ row4col: UnsafeMutableBufferPointer<Int>
) {
  guard n > 0 else { return }
  var argmin = [Int](repeating: 0, count: n)
  argmin.withUnsafeMutableBufferPointer { argmin in
    // Row-major scan keeps memory access sequential.
    for j in 0..<n { v[j] = cost[j] }
    for i in 1..<n {
      let base = i * n
      for j in 0..<n where cost[base + j] < v[j] {
        v[j] = cost[base + j]
        argmin[j] = i
      }
    }
    for j in 0..<n where v[j] < C.infinity {
      let i = argmin[j]
      if col4row[i] == -1 {
        col4row[i] = j
        row4col[j] = i
      }
    }
    // A column no row can take keeps a zero dual, as without the reduction.
    for j in 0..<n where !(v[j] < C.infinity) { v[j] = .zero }
  }
}
