import Experiments
import Testing

@testable import Reporting

/// A figure that draws a line per policy along one axis names every other
/// axis it pools (of two or more values), so a line that mixes settings says
/// so in its caption.
@Suite struct PooledCaptionTests {
  static func sweep(bridge: [String]) -> SweepData {
    var cells: [CellData] = []
    for policy in ["synkti-value", "up-eager-failover"] {
      for deadline in ["105", "150"] {
        for b in bridge {
          let values = [
            "policy": policy, "deadline_hours": deadline, "value_bridge_outages": b,
            "trace_start_hour": "1",
          ]
          cells.append(Synthetic.cell(cells.count, values, runs: [["total_cost": 100]]))
        }
      }
    }
    var data = Synthetic.sweep()
    data.axes = ["policy", "deadline_hours", "value_bridge_outages", "trace_start_hour"]
    data.cells = cells
    return data
  }

  @Test func theCostAlongTheDeadlineNamesTheAxesItPools() throws {
    let sweep = Figures.regionalSweeps[0]
    let two = try #require(Figures.regionalSweep(Self.sweep(bridge: ["false", "true"]), sweep))
    #expect(
      two.caption.hasSuffix(
        "(95% CI over trace windows; pooled over `value_bridge_outages`)."))
    let one = try #require(Figures.regionalSweep(Self.sweep(bridge: ["false"]), sweep))
    #expect(one.caption.hasSuffix("(95% CI over trace windows)."))
  }
}
