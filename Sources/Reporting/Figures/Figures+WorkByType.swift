import Experiments

extension Figures {
  /// Shares of a job's work on one accelerator type under one policy: for
  /// each deadline, the share in every run (as stored) at that deadline.
  public struct TypeShares: Sendable, Equatable {
    /// The policy (or the optimum).
    public var policy: String
    /// The accelerator type's catalog name.
    public var type: String
    /// Deadline (hours) → the type's share of the work in each run.
    public var shares: [Double: [Double]]

    /// Creates the shares of `type` under `policy`.
    public init(policy: String, type: String, shares: [Double: [Double]]) {
      self.policy = policy
      self.type = type
      self.shares = shares
    }
  }

  /// Chip choice (`chips: all`): the share of the job's work done on each
  /// accelerator type, per deadline, a line per policy and type (mean and
  /// 95% CI over `pooled`); types no policy uses are named in the caption,
  /// not drawn. Nil when no series has a point.
  public static func workByType(
    workload: String, series: [TypeShares], pooled: String
  ) -> GnuplotFigure? {
    let used = series.filter { s in s.shares.values.contains { $0.contains { $0 > 1e-9 } } }
    let usedTypes = Set(used.map(\.type))
    let unused = series.map(\.type).filter { !usedTypes.contains($0) }
    var seen = Set<String>()
    let neverUsed = unused.filter { seen.insert($0).inserted }
    guard !used.isEmpty else { return nil }
    let name = "work-by-type-\(workload)"
    let xs = Set(used.flatMap(\.shares.keys)).sorted()
    var caption =
      "Share of the work of `\(workload)` done on each accelerator type, per deadline, a line per policy and type (mean and 95% CI over \(pooled) and replicates, as each run stored it; runs that missed their deadline left out)."
    if !neverUsed.isEmpty {
      caption += " Never used: \(neverUsed.map { "`\($0)`" }.joined(separator: ", "))."
    }
    var text = "# \(caption)\n# columns: deadline_hours mean_share ci95_halfwidth n\n"
    var plots: [String] = []
    for (i, s) in used.enumerated() {
      text += "# \(s.policy) · \(s.type)\n"
      for x in xs {
        guard let values = s.shares[x], !values.isEmpty else { continue }
        let summary = Summary(values)
        text += "\(x) \(summary.mean) \(summary.halfWidth ?? 0) \(summary.n)\n"
      }
      text += "\n\n"
      plots.append(
        "'\(name).dat' index \(i) using 1:2:3 with yerrorlines ls \(i % 6 + 1) title \(quoted("\(s.policy) · \(s.type)")) noenhanced"
      )
    }
    let span = (xs.last ?? 1) - (xs.first ?? 0)
    let pad = Swift.max(span * 0.04, 0.5)
    return GnuplotFigure(
      name: name, caption: caption, data: text,
      commands: """
        set xrange [\((xs.first ?? 0) - pad):\((xs.last ?? 1) + pad)]
        set yrange [-0.05:1.05]
        set offsets 0, 0, 0, 0
        set xlabel 'Deadline (h)'
        set ylabel 'Share of the work on the type'
        set key above title 'Policy · accelerator type' noenhanced
        plot \(plots.joined(separator: ", \\\n     "))
        """)
  }
}
