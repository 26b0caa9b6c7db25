import Foundation
import Simulation

/// The worst case of ROSS, greedy and Uniform Progress against the optimum
/// in ROSS's model (no overheads, spot at 1, on-demand at K), by exhaustion
/// over every availability sequence: the table in `docs/model.md`, "ROSS".
/// Not a speed benchmark; it lives here because it takes a release build
/// and minutes, not a test's seconds.
struct CompetitiveTable {
  /// Below and above the paper's deadline condition D ≥ θ(K)·L: the bound
  /// of our completion needs only one tick of slack.
  let instances = [(4, 5), (4, 8), (6, 8), (6, 12), (8, 10), (8, 14), (8, 16)]

  func run() {
    print(
      "Worst case over every availability sequence (ticks of 1 h, no overhead, spot 1, on-demand K)"
    )
    print(
      "ross: its exact expectation over the draw; excess = max(E[ross] − √K·OPT) in ticks of on-demand"
    )
    print(
      "| K | √K | L | D | θ(K)·L | ross worst ratio | ross excess (ticks) | greedy | uniform-progress |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for k in [2.0, 4, 9, 16, 25] {
      for (l, d) in instances {
        let ross = CompetitiveSearch.worstCase(work: l, deadline: d, k: k) {
          CompetitiveSearch.expectedRossCost($0, work: l, deadline: d, k: k)
        }
        let greedy = CompetitiveSearch.worstCase(work: l, deadline: d, k: k) {
          CompetitiveSearch.cost(Greedy(), $0, work: l, deadline: d, k: k)
        }
        let up = CompetitiveSearch.worstCase(work: l, deadline: d, k: k) {
          CompetitiveSearch.cost(UniformProgress(.firstZone), $0, work: l, deadline: d, k: k)
        }
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        print(
          "| \(Int(k)) | \(f(k.squareRoot())) | \(l) | \(d) | \(f(Ross.threshold(k) * Double(l))) | \(f(ross.ratio)) | \(f(ross.excess / k)) | \(f(greedy.ratio)) | \(f(up.ratio)) |"
        )
      }
    }
  }
}
