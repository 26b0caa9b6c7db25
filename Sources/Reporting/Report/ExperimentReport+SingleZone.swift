import Experiments

extension ExperimentReport {
  /// Single-zone Uniform Progress against the multi-region policies, for
  /// multi-region specs that run it per zone (`policy: uniform-progress`
  /// with one `trace_zones` value per cell): each zone, the best zone in
  /// hindsight (least mean cost over the windows) and the average over
  /// zones, then each multi-region policy's paired difference against both,
  /// window by window. Nil when the sweep has no such cells.
  func singleZoneSection(_ data: SweepData) -> String? {
    let singles = data.cells.filter {
      $0.values["policy"] == "uniform-progress" && $0.values["trace_zones"] != nil
    }
    guard !singles.isEmpty else { return nil }
    // Cells pair on every axis but the policy and the zones.
    func pairing(_ cell: CellData) -> [String: String] {
      cell.values.filter { $0.key != "policy" && $0.key != "trace_zones" }
    }
    func cost(_ cell: CellData) -> Double? {
      let series = cell.series(Metric.totalCost.rawValue)
      return series.isEmpty ? nil : series.reduce(0, +) / Double(series.count)
    }
    var zones: [String] = []
    for cell in singles where !zones.contains(cell.values["trace_zones"]!) {
      zones.append(cell.values["trace_zones"]!)
    }
    // Windows (pairings) where every zone ran, in grid order.
    var keys: [[String: String]] = []
    for cell in singles where !keys.contains(pairing(cell)) { keys.append(pairing(cell)) }
    var perZone: [String: [Double]] = [:]
    var complete: [[String: String]] = []
    for key in keys {
      let costs = zones.map { zone in
        singles.first { pairing($0) == key && $0.values["trace_zones"] == zone }.flatMap(cost)
      }
      guard costs.allSatisfy({ $0 != nil }) else { continue }
      complete.append(key)
      for (zone, c) in zip(zones, costs) { perZone[zone, default: []].append(c!) }
    }
    guard !complete.isEmpty else { return nil }
    let mean = { (xs: [Double]) in xs.reduce(0, +) / Double(xs.count) }
    let best = zones.min { mean(perZone[$0]!) < mean(perZone[$1]!) }!
    let average = complete.indices.map { i in mean(zones.map { perZone[$0]![i] }) }

    var out = "## Single zone against multi-region\n\n"
    out +=
      "Uniform Progress confined to one zone, over the \(complete.count) windows where every zone ran; the best zone is the one with the least mean cost in hindsight, the average is over zones window by window.\n\n"
    var rows = zones.map { ["`\($0)`", "\(perZone[$0]!.count)", Format.interval(perZone[$0]!)] }
    rows.append(["best zone (`\(best)`)", "\(complete.count)", Format.interval(perZone[best]!)])
    rows.append(["average over zones", "\(complete.count)", Format.interval(average)])
    out += MarkdownTable(header: ["single-zone Uniform Progress", "n", "cost $"], rows: rows)
      .render()
    out +=
      "\nEach multi-region policy's cost minus single-zone Uniform Progress, paired window by window (negative: moving between zones pays).\n\n"
    var paired: [[String]] = []
    let multi = data.cells.filter { $0.values["trace_zones"] == nil }
    for policy in data.values(of: "policy") {
      var againstBest: [Double] = []
      var againstAverage: [Double] = []
      for (i, key) in complete.enumerated() {
        guard
          let cell = multi.first(where: { $0.values["policy"] == policy && pairing($0) == key }),
          let c = cost(cell)
        else { continue }
        againstBest.append(c - perZone[best]![i])
        againstAverage.append(c - average[i])
      }
      guard !againstBest.isEmpty else { continue }
      paired.append([
        "`\(policy)`", "\(againstBest.count)", Format.interval(againstBest),
        Format.interval(againstAverage),
      ])
    }
    out +=
      MarkdownTable(
        header: ["policy", "n", "− best zone $", "− average over zones $"], rows: paired
      ).render() + "\n"
    return out
  }
}
