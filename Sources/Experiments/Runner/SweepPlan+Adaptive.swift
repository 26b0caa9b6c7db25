/// What an adaptive cell's interval is judged against.
public enum ReplicationPartner: Sendable, Equatable {
  /// The cell that differs only in `policy`, set to the baseline.
  case cell(Int)
  /// The on-demand cost each run carries (`baseline_cost`): the baseline
  /// is `on-demand-only`, the metric `total_cost` and no cell runs it.
  case onDemandCost
  /// Nothing: `vs: none`, or the cell is a baseline itself.
  case none
}

extension SweepPlan {
  /// Each cell's partner under `rule`.
  /// - Throws: `ExperimentsError.invalidValue` naming `replicates.target.vs`
  ///   when a cell has no baseline to pair with.
  static func partners(
    of cells: [Cell], spec: ExperimentSpec, rule: AdaptiveReplication
  ) throws -> [Int: ReplicationPartner] {
    var result: [Int: ReplicationPartner] = [:]
    let byKey = Dictionary(uniqueKeysWithValues: cells.map { ($0.key, $0.index) })
    for cell in cells {
      guard rule.reference == .baseline else {
        result[cell.index] = ReplicationPartner.none
        continue
      }
      let policy = cell.values.first { $0.key == "policy" }?.value ?? spec.base.value(of: "policy")
      if policy == spec.baseline {
        result[cell.index] = ReplicationPartner.none
        continue
      }
      var values = cell.values
      if let at = values.firstIndex(where: { $0.key == "policy" }) {
        values[at].value = spec.baseline
        if let partner = byKey[Cell(index: 0, values: values).key] {
          result[cell.index] = .cell(partner)
          continue
        }
      }
      guard spec.baseline == "on-demand-only", rule.metric == "total_cost" else {
        throw ExperimentsError.invalidValue(
          file: spec.file, key: "replicates.target.vs", value: "baseline",
          expected:
            "a `policy: \(spec.baseline)` cell for every cell (none for \(cell.key)), or `vs: none`"
        )
      }
      result[cell.index] = .onDemandCost
    }
    return result
  }

  /// Where each cell stands, from stored values: `values[cell][replicate]`
  /// is the rule's metric, `onDemand[cell][replicate]` the run's
  /// `baseline_cost`. With `counts`, only replicates below each cell's count
  /// are judged (a resumed sweep may hold runs of a later round). Nil
  /// without an adaptive rule.
  public func standings(
    values: [Int: [Int: Double]], onDemand: [Int: [Int: Double]], counts: [Int: Int]? = nil
  ) -> [Int: AdaptiveReplication.Standing]? {
    guard let rule = spec.adaptive else { return nil }
    var values = values
    var onDemand = onDemand
    if let counts {
      for cell in cells {
        let n = counts[cell.index] ?? 0
        values[cell.index] = values[cell.index]?.filter { $0.key < n }
        onDemand[cell.index] = onDemand[cell.index]?.filter { $0.key < n }
      }
    }
    var result: [Int: AdaptiveReplication.Standing] = [:]
    for cell in cells {
      let own = values[cell.index] ?? [:]
      switch partners[cell.index] ?? ReplicationPartner.none {
      case .cell(let partner):
        result[cell.index] = rule.standing(values: own, partner: values[partner] ?? [:])
      case .onDemandCost:
        result[cell.index] = rule.standing(values: own, partner: onDemand[cell.index] ?? [:])
      case .none where rule.reference == .baseline:
        // A baseline cell: its runs are the other cells' reference.
        result[cell.index] = AdaptiveReplication.Standing(
          replicates: own.count, halfwidthPercent: 0, met: true)
      case .none:
        result[cell.index] = rule.standing(values: own, partner: nil)
      }
    }
    return result
  }

  /// Replicates each cell runs in the next round, given what it runs now
  /// and the stored values: each cell's own `next`, then every baseline
  /// cell lifted to the most its partners need. Equal to `current` when
  /// the sweep is done.
  public func nextReplicates(
    current: [Int: Int], values: [Int: [Int: Double]], onDemand: [Int: [Int: Double]]
  ) -> [Int: Int] {
    guard let rule = spec.adaptive,
      let standings = standings(values: values, onDemand: onDemand, counts: current)
    else { return current }
    var next: [Int: Int] = [:]
    for cell in cells {
      let n = current[cell.index] ?? rule.minimum
      next[cell.index] = rule.next(current: n, standing: standings[cell.index]!)
    }
    for (cell, partner) in partners {
      if case .cell(let base) = partner { next[base] = max(next[base]!, next[cell]!) }
    }
    return next
  }

  /// The first round: `min` replicates in every cell (all of them for a
  /// fixed count).
  public var initialReplicates: [Int: Int] {
    Dictionary(
      uniqueKeysWithValues: cells.map { ($0.index, spec.adaptive?.minimum ?? spec.replicates) })
  }

  /// This shard's runs of a round: replicates below each cell's count.
  public func runs(replicates: [Int: Int]) -> [PlannedRun] {
    runs.filter { $0.replicate < replicates[$0.cell.index, default: 0] }
  }
}
