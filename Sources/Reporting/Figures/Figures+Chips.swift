extension Figures {
  /// Chip-choice sweeps (a `chips` axis): the share of the job's work done
  /// on accelerator types other than its own, per deadline, a line for
  /// each policy that chooses types (the optimum among them); the
  /// single-type baselines, which never leave their type, are not drawn.
  public static func workOnOtherChips(_ data: SweepData) -> GnuplotFigure? {
    let metric = Metric.otherTypeWorkShare.rawValue
    guard data.axes.contains("chips"), data.axes.contains("policy") else { return nil }
    let policies = data.values(of: "policy").filter {
      pooled(data, metric, where: ["policy": $0]) != nil
    }
    return lines(
      data, name: "work-on-other-chips",
      caption:
        "Share of the job's work done on accelerator types other than its own, per deadline and policy (mean and 95% CI over workloads, zones, chip sets other than `null`, checkpoints and windows; runs that missed their deadline left out). Policies that keep to their own type are not drawn.",
      series: "policy", x: "deadline_hours", metric: metric, xLabel: "Deadline (h)",
      yLabel: "Share of the work on other types", only: policies)
  }
}
