import Simulation

/// One combination of axis values: a cell of the grid.
public struct Cell: Sendable, Hashable {
  /// Position in the expanded grid (the sweep's stable order).
  public var index: Int
  /// Axis key → value (text form), in axis order.
  public var values: [(key: String, value: String)]

  /// Creates a cell.
  public init(index: Int, values: [(key: String, value: String)]) {
    self.index = index
    self.values = values
  }

  /// Canonical text, e.g. `policy=greedy;migration=naive`: identifies the
  /// cell across sweeps, shards and databases.
  public var key: String { values.map { "\($0.key)=\($0.value)" }.joined(separator: ";") }

  public static func == (a: Cell, b: Cell) -> Bool { a.index == b.index && a.key == b.key }
  public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}

/// One simulation to run: a cell, a replicate and the seed they imply.
public struct PlannedRun: Sendable {
  /// Position in the sweep (cell-major, then replicate): the shard key.
  public var index: Int
  /// The cell.
  public var cell: Cell
  /// Replicate number from 0.
  public var replicate: Int
  /// The run's seed, a function of (spec seed, replicate) only.
  public var seed: UInt64
}

extension ExperimentSpec {
  /// The cells: the Cartesian product of the axes in file order (last axis
  /// fastest), minus exclusions, plus inclusions not already present.
  public func cells() -> [Cell] {
    var combos: [[(key: String, value: String)]] = [[]]
    for axis in axes {
      combos = combos.flatMap { prefix in axis.values.map { prefix + [(axis.key, $0)] } }
    }
    combos.removeAll { combo in
      exclude.contains { rule in
        rule.allSatisfy { k, v in combo.contains { $0.key == k && $0.value == v } }
      }
    }
    var seen = Set(combos.map { Cell(index: 0, values: $0).key })
    for extra in include {
      // Axis keys first, in axis order, then any other keys sorted.
      var combo = axes.map { axis in
        (key: axis.key, value: extra[axis.key] ?? base.value(of: axis.key) ?? "")
      }
      for k in extra.keys.sorted() where !axes.contains(where: { $0.key == k }) {
        combo.append((k, extra[k]!))
      }
      let key = Cell(index: 0, values: combo).key
      if seen.insert(key).inserted { combos.append(combo) }
    }
    return combos.enumerated().map { Cell(index: $0.offset, values: $0.element) }
  }

  /// The seed of replicate `replicate`: the same for every cell.
  public func seed(replicate: Int) -> UInt64 {
    SeedDerivation.derive(seed, 0x5245_504C, UInt64(replicate))
  }

  /// Every run, cell-major then replicate.
  public func runs(cells: [Cell]) -> [PlannedRun] {
    var runs: [PlannedRun] = []
    runs.reserveCapacity(cells.count * replicates)
    for cell in cells {
      for r in 0..<replicates {
        runs.append(
          PlannedRun(index: runs.count, cell: cell, replicate: r, seed: seed(replicate: r)))
      }
    }
    return runs
  }

  /// The scenario config of a cell (base + cell values), with its file set
  /// to the spec so errors point there.
  public func config(for cell: Cell) throws -> ScenarioConfig {
    var config = base
    config.file = file
    for (key, value) in cell.values {
      do {
        try config.set(key, to: value)
      } catch ExperimentsError.invalidValue(let file, _, let value, let expected) {
        let where_ = axes.contains { $0.key == key } ? "grid.\(key)" : "include.\(key)"
        throw ExperimentsError.invalidValue(
          file: file, key: where_, value: value, expected: expected)
      }
    }
    return config
  }
}
