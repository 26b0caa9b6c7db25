import GRDB
import Simulation

/// The results cache: runs identified by (model fingerprint, cell content,
/// seed) are copied between sweeps instead of computed again.
extension ResultsStore {
  /// Copies into sweep `id` every run of `runs` whose identity a finished
  /// run of any sweep already has (metrics, seed and wall time as stored
  /// there, `reused_from_sweep` naming it), in one transaction; returns the
  /// run indices copied. The source is always a computed run, never a copy,
  /// and the latest one: after a `--no-cache` sweep, reruns name it.
  func reuseRuns(sweep id: Int64, runs: [RunRecord], identities: [Int: String]) throws -> Set<Int> {
    let metricList = Schema.metricColumns.joined(separator: ", ")
    let sourceMetrics = Schema.metricColumns.map { "m." + $0 }.joined(separator: ", ")
    return try write { db in
      // In bulk: the wanted runs go to a scratch table with their sources,
      // and two statements copy their runs and metrics (a statement per run
      // took seconds on the largest sweeps).
      try db.execute(
        sql: """
          CREATE TEMP TABLE IF NOT EXISTS reuse_wanted (
            run_index INTEGER PRIMARY KEY, cell_index INTEGER, replicate INTEGER, seed TEXT,
            identity TEXT, source INTEGER)
          """)
      try db.execute(sql: "DELETE FROM reuse_wanted")
      let insert = try db.cachedStatement(
        sql: "INSERT INTO reuse_wanted VALUES (?, ?, ?, ?, ?, NULL)")
      for run in runs {
        guard let identity = identities[run.index] else { continue }
        try insert.execute(
          arguments: [run.index, run.cell, run.replicate, String(run.seed), identity])
      }
      // The source of an identity: its latest computed run outside this
      // sweep, looked up once.
      try db.execute(
        sql: """
          UPDATE reuse_wanted SET source =
            (SELECT s.id FROM runs s WHERE s.identity = reuse_wanted.identity
               AND s.status = 'done' AND s.sweep_id != ? AND s.reused_from_sweep IS NULL
             ORDER BY s.id DESC LIMIT 1)
          """, arguments: [id])
      // Rows after this one are the copies made now.
      let before = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM runs") ?? 0
      try db.execute(
        sql: """
          INSERT INTO runs (\(Self.runColumns.joined(separator: ", ")))
          SELECT ?, w.run_index, w.cell_index, w.replicate, w.seed, 'done', s.wall_ms, NULL,
            w.identity, s.sweep_id
          FROM reuse_wanted w JOIN runs s ON s.id = w.source
          ORDER BY w.run_index
          """, arguments: [id])
      try db.execute(
        sql: """
          INSERT INTO metrics (run_id, \(metricList))
          SELECT r.id, \(sourceMetrics)
          FROM reuse_wanted w
          JOIN runs r ON r.sweep_id = ?1 AND r.run_index = w.run_index AND r.id > ?2
          JOIN metrics m ON m.run_id = w.source
          """, arguments: [id, before])
      let copied = try Int.fetchSet(
        db,
        sql: """
          SELECT r.run_index FROM reuse_wanted w
          JOIN runs r ON r.sweep_id = ? AND r.run_index = w.run_index AND r.id > ?
          """, arguments: [id, before])
      try db.execute(sql: "DELETE FROM reuse_wanted")
      return copied
    }
  }

  /// Runs of a sweep computed by it and copied into it from earlier sweeps.
  public func runOrigins(sweep id: Int64) throws -> (computed: Int, reused: Int) {
    try read { db in
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT COUNT(*) - COUNT(reused_from_sweep) AS computed, COUNT(reused_from_sweep) AS reused
          FROM runs WHERE sweep_id = ?
          """, arguments: [id])
      return (row?["computed"] ?? 0, row?["reused"] ?? 0)
    }
  }

  /// Each run's identity (nil for runs stored before the results cache),
  /// keyed by cell key and seed.
  public func runIdentities(sweep id: Int64) throws -> [String: String?] {
    try read { db in
      var result: [String: String?] = [:]
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT c.cell_key, r.seed, r.identity FROM runs r
          JOIN cells c ON c.sweep_id = r.sweep_id AND c.cell_index = r.cell_index
          WHERE r.sweep_id = ?
          """, arguments: [id])
      for row in rows {
        let key: String = row["cell_key"]
        let seed: String = row["seed"]
        result[key + " " + seed] = row["identity"] as String?
      }
      return result
    }
  }

  /// The stored baselines among `identities`, by identity.
  func cachedBaselines(_ identities: [String]) throws -> [String: Simulation.BaselineOutcome] {
    try read { db in
      var result: [String: Simulation.BaselineOutcome] = [:]
      // In chunks: SQLite limits the parameters of one statement.
      for start in stride(from: 0, to: identities.count, by: 500) {
        let chunk = Array(identities[start..<min(identities.count, start + 500)])
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT identity, total_cost, completed_work_hours FROM baselines
            WHERE identity IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
            """, arguments: StatementArguments(chunk))
        for row in rows {
          result[row["identity"]] = Simulation.BaselineOutcome(
            totalCost: row["total_cost"], completedWorkHours: row["completed_work_hours"])
        }
      }
      return result
    }
  }

  /// Stores baselines by identity (one already stored keeps its row: equal
  /// identities have equal values).
  func saveBaselines(_ baselines: [String: Simulation.BaselineOutcome]) throws {
    guard !baselines.isEmpty else { return }
    try write { db in
      for (identity, outcome) in baselines.sorted(by: { $0.key < $1.key }) {
        try db.execute(
          sql: """
            INSERT OR IGNORE INTO baselines (identity, total_cost, completed_work_hours)
            VALUES (?, ?, ?)
            """, arguments: [identity, outcome.totalCost, outcome.completedWorkHours])
      }
    }
  }
}
