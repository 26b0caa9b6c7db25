extension PlannedRun {
  /// The run as the store keeps it.
  public var record: RunRecord {
    RunRecord(index: index, cell: cell.index, replicate: replicate, seed: seed)
  }
}

extension SweepPlan {
  /// The cells as the store keeps them, with the parameters each sets.
  public var cellRecords: [CellRecord] {
    cells.map { CellRecord(index: $0.index, key: $0.key, parameters: parameters[$0.index] ?? [:]) }
  }
}
