import Foundation
import GRDB
import Testing

@testable import Experiments

/// Databases written by intermediate builds of this version had some of the
/// v4–v6 columns inside v3 already; they must upgrade as cleanly as a
/// database written at v3 proper.
@Suite struct SchemaUpgradeTests {
  func upgrade(_ prepare: (Database) throws -> Void) throws -> Set<String> {
    let queue = try DatabaseQueue()
    try Schema.migrator.migrate(
      queue,
      upTo:
        "v3: equal-work savings, nullable completion statistics, checkpoint model, storage, trace pricing"
    )
    try queue.write(prepare)
    try Schema.migrator.migrate(queue)
    return try queue.read { db in
      Set(
        try db.columns(in: "metrics").map(\.name) + db.columns(in: "runs").map(\.name)
          + db.columns(in: "cells").map(\.name))
    }
  }

  @Test(arguments: [
    [("runs", "failure_reason", "TEXT")],
    [
      ("runs", "failure_reason", "TEXT"), ("metrics", "egress_cost", "DOUBLE"),
      ("cells", "p_fleet", "TEXT"),
    ],
    [("metrics", "zone_migrations", "INTEGER"), ("cells", "p_trace_zones", "TEXT")],
  ])
  func intermediateDatabasesUpgrade(columns: [(String, String, String)]) throws {
    let all = try upgrade { db in
      for (table, column, type) in columns {
        try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN \(column) \(type)")
      }
    }
    for column in Schema.metricColumns { #expect(all.contains(column), "\(column)") }
    for key in Schema.parameterKeys { #expect(all.contains("p_" + key), "\(key)") }
    #expect(all.contains("failure_reason"))
  }

  @Test func aVersionThreeDatabaseUpgrades() throws {
    let all = try upgrade { _ in }
    for column in Schema.metricColumns { #expect(all.contains(column), "\(column)") }
  }
}
