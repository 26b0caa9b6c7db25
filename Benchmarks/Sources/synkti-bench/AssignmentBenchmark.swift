import Assignment
import Foundation
import Simulation

/// The solver against scipy.optimize.linear_sum_assignment on the same
/// uniform random dense matrices.
///
/// Target (issue: optimal migration): no slower than scipy at n = 1000 and
/// n = 2000 (ratio ≤ 1.0), with identical optimal totals.
struct AssignmentBenchmark {
  let repository: String
  let sizes = [500, 1000, 2000]
  let repeats = 3

  func run() {
    print("== assignment: Synkti vs scipy (uniform [0,1) dense, best of \(repeats)) ==")
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("synkti-bench-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }

    var ours: [Int: (ms: Double, total: Double)] = [:]
    for n in sizes {
      var rng = Xoshiro256StarStar(seed: UInt64(n))
      let values = (0..<(n * n)).map { _ in rng.nextUnit() }
      let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
      FileManager.default.createFile(atPath: "\(directory)/n\(n).f64", contents: data)
      let matrix = CostMatrix(rows: n, columns: n, values: values)
      var best = Double.infinity
      var total = 0.0
      for _ in 0..<repeats {
        var result: Assignment?
        best = min(best, milliseconds { result = AssignmentStrategy.optimal.solve(matrix) })
        total = result!.totalCost
      }
      ours[n] = (best, total)
    }

    let peer = "\(repository)/Benchmarks/scipy_peer.py"
    let (_, output, status) = runProcess(
      "/usr/bin/env",
      ["python3", peer, directory, sizes.map(String.init).joined(separator: ","), "\(repeats)"])
    let scipy =
      status == 0
      ? (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: [String: Double]]
      : nil
    if scipy == nil { print("(scipy peer unavailable: python3 with numpy and scipy is needed)") }

    print("     n   synkti ms    scipy ms   ratio   totals equal")
    var met = true
    for n in sizes {
      let mine = ours[n]!
      let theirs = scipy?[String(n)]
      let ratio = theirs.map { mine.ms / $0["ms"]! }
      let equal = theirs.map { abs($0["total"]! - mine.total) <= 1e-9 * max(1, abs(mine.total)) }
      if n >= 1000, let ratio, ratio > 1.0 { met = false }
      if equal == false { met = false }
      print(
        "  \(String(n).padding(toLength: 5, withPad: " ", startingAt: 0)) \(format(mine.ms).leftPad(10)) \((theirs.map { format($0["ms"]!) } ?? "-").leftPad(11)) \((ratio.map { format($0, 2) } ?? "-").leftPad(7))   \(equal.map { $0 ? "yes" : "NO" } ?? "-") (total \(format(mine.total, 6)))"
      )
    }
    if scipy != nil {
      print("  target ratio ≤ 1.0 at n ≥ 1000 and equal totals: \(met ? "met" : "NOT met")")
    }
  }
}

extension String {
  func leftPad(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
