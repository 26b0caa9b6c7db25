/// A run as the store keeps it: its place in its sweep and its seed. The
/// store takes these plain records, not the runner's plan, so it can be
/// read and written without one (merges, exports, benchmarks).
public struct RunRecord: Sendable, Hashable {
  /// Position in the sweep (cell-major, then replicate).
  public var index: Int
  /// The cell's index in the sweep.
  public var cell: Int
  /// Replicate number from 0.
  public var replicate: Int
  /// The run's seed.
  public var seed: UInt64

  /// Creates a record.
  public init(index: Int, cell: Int, replicate: Int, seed: UInt64) {
    self.index = index
    self.cell = cell
    self.replicate = replicate
    self.seed = seed
  }
}

/// A cell as the store keeps it: its index, its key and the value of each
/// parameter it sets (by parameter key; a key it leaves unset is absent).
public struct CellRecord: Sendable, Equatable {
  /// The cell's index in the sweep.
  public var index: Int
  /// The cell's key (`axis=value;…`).
  public var key: String
  /// Parameter values by key.
  public var parameters: [String: String]

  /// Creates a record.
  public init(index: Int, key: String, parameters: [String: String]) {
    self.index = index
    self.key = key
    self.parameters = parameters
  }
}
