import Experiments
import Simulation

extension ReportWriter {
  /// Chip-choice sweeps (a `chips` axis with `all`): the work by accelerator
  /// type of the optimum and of the value policy, as each run stored it
  /// (`work_share_by_type`), over every replicate of each `chips: all`
  /// cell, a figure per workload (`Figures.workByType`). Other policies
  /// that choose types are left out to keep the lines apart (their share
  /// on other types is in `work-on-other-chips`).
  func workByTypeFigures() -> (
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
    // The spec's one workload where it is not an axis.
    let fixed =
      report.spec.flatMap { spec in
        spec.cells().first.flatMap { try? spec.config(for: $0).deadlineJob.workloadProfile }
      } ?? "the job"
    var shares: [String: [Series: [Double: [Double]]]] = [:]
    var types: [String: [String]] = [:]
    var unstored = 0
    for cellData in data.cells where cellData.values["chips"] == "all" {
      guard let policy = cellData.values["policy"], Self.typeChoosers.contains(policy),
        let deadline = cellData.values["deadline_hours"].flatMap(Double.init)
      else { continue }
      let workload = cellData.values["workload"] ?? fixed
      for run in cellData.runs {
        // A run that missed its deadline stores no shares.
        guard let stored = run.workShares else {
          if run.has(Metric.otherTypeWorkShare.rawValue) { unstored += 1 }
          continue
        }
        types[workload] = stored.map(\.type)
        for share in stored {
          shares[workload, default: [:]][Series(policy: policy, type: share.type), default: [:]][
            deadline, default: []
          ].append(share.share)
        }
      }
    }
    if unstored > 0 {
      return (
        [],
        [
          "\(needs.name) not drawn: \(unstored) runs were stored before runs kept their work by type (`work_share_by_type`); run `synkti sweep` again"
        ]
      )
    }
    let pooled =
      data.axes.filter { !["policy", "chips", "workload", "deadline_hours"].contains($0) }
      .map { "`\($0)`" }.joined(separator: ", ")
    var figures: [GnuplotFigure] = []
    for workload in data.values(of: "workload").isEmpty ? [fixed] : data.values(of: "workload") {
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
