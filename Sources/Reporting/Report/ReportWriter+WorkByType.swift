import Experiments
import Simulation

extension ReportWriter {
  /// Chip-choice sweeps (a `chips` axis with `all`): the work by accelerator
  /// type of the optimum and of the value policy, re-solved on replicate 0
  /// of each `chips: all` cell (the store keeps only the share on other
  /// types), a figure per workload (`Figures.workByType`). Other policies
  /// that choose types are left out to keep the lines apart (their share
  /// on other types is in `work-on-other-chips`).
  func workByTypeFigures(_ spec: ExperimentSpec, _ catalog: AcceleratorCatalog) -> (
    figures: [GnuplotFigure], notes: [String]
  ) {
    let data = report.data
    let needs = Figures.workByType
    switch needs.verdict(data, sweep) {
    case .notThisExperiment: return ([], [])
    case .cannotDraw(let reason): return ([], ["\(needs.name) not drawn: \(reason)."])
    case .applies: break
    }
    guard data.values(of: "chips").contains("all") else {
      return ([], ["\(needs.name) not drawn: `chips` has no value `all`."])
    }
    struct Series: Hashable {
      var policy: String
      var type: String
    }
    let optima = OptimumCache()
    var shares: [String: [Series: [Double: [Double]]]] = [:]
    var types: [String: [String]] = [:]
    for cellData in data.cells where cellData.values["chips"] == "all" {
      guard let policy = cellData.values["policy"], Self.typeChoosers.contains(policy),
        let deadline = cellData.values["deadline_hours"].flatMap(Double.init)
      else { continue }
      var scenario: DeadlineScenario
      do {
        let config = try spec.config(for: cell(cellData))
        guard
          case .deadlineJob(let s) = try config.resolveRunnable(
            catalog: catalog, traces: traces, optima: optima)
        else { continue }
        scenario = s
      } catch {
        return (
          [],
          [
            "Work by accelerator type not drawn: cell \(cellData.key) of the spec no longer resolves: \(error)"
          ]
        )
      }
      scenario.seed = spec.seed(replicate: 0)
      let outcome = scenario.outcome()
      guard !outcome.missed, outcome.workByType.count == scenario.typeNames.count else { continue }
      let workload = cellData.values["workload"] ?? "the job"
      types[workload] = scenario.typeNames
      for (t, type) in scenario.typeNames.enumerated() {
        shares[workload, default: [:]][Series(policy: policy, type: type), default: [:]][
          deadline, default: []
        ].append(outcome.workByType[t] / scenario.job.work)
      }
    }
    let pooled =
      data.axes.filter { !["policy", "chips", "workload", "deadline_hours"].contains($0) }
      .map { "`\($0)`" }.joined(separator: ", ")
    var figures: [GnuplotFigure] = []
    for workload in data.values(of: "workload").isEmpty ? ["the job"] : data.values(of: "workload")
    {
      guard let byType = shares[workload], let names = types[workload] else { continue }
      let series = data.values(of: "policy").flatMap { policy in
        names.compactMap { type in
          byType[Series(policy: policy, type: type)].map {
            Figures.TypeShares(policy: policy, type: type, shares: $0)
          }
        }
      }
      if let figure = Figures.workByType(
        workload: workload, series: series, pooled: pooled.isEmpty ? "the runs" : pooled)
      {
        figures.append(figure)
      }
    }
    return (figures, figures.isEmpty ? ["\(needs.name) not drawn: \(needs.whenEmpty)."] : [])
  }

  /// The strategies whose work by type is drawn.
  static let typeChoosers = [DeadlinePolicies.optimumName, ValuePolicy().name]
}
