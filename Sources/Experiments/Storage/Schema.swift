import GRDB
import Simulation

/// The results database schema, as versioned migrations.
///
/// A shipped migration is never edited: a new metric or parameter gets a new
/// migration that adds its column. Tables are named with strings, not types.
///
/// - `experiments`: one row per distinct spec text (name, text, SHA-256).
/// - `sweeps`: one row per `synkti sweep` invocation (or merge): provenance
///   (git commit and dirty flag, synkti version, host), size, shard, jobs,
///   start/finish times, status (`running`, `finished`, `interrupted`,
///   `failed`) and the sweep's total run count.
/// - `cells`: one row per (sweep, cell): the cell key and every scenario
///   parameter as a column `p_<key>` (text, as `--set` takes it).
/// - `runs`: one row per (sweep, cell, replicate): run index, cell index,
///   replicate, seed (decimal text: it is a full 64-bit value), status, wall
///   time in ms. Parameters live in `cells` rather than being repeated in
///   every run: that halves the bytes each run's transaction writes (the
///   runner benchmark's storage target). The view `runs_with_parameters`
///   joins the two for queries that want one wide row per run.
/// - `metrics`: one row per finished run, one column per `RunMetrics` field.
enum Schema {
  /// Scenario parameters stored as `runs` columns, `p_<key>`: all but free
  /// text and the seed (a run's seed is its own column).
  static let parameterKeys = ScenarioParameter.all.map(\.key).filter {
    $0 != "description" && $0 != "seed"
  }

  /// Metric columns: `RunMetrics`' coding keys, in declaration order.
  static let metricColumns = RunMetrics.CodingKeys.allCases.map(\.rawValue)

  /// Identifiers of every migration this version knows: those it registers.
  static let migrationIdentifiers: Set<String> = Set(migrator.migrations)

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: experiments, sweeps, runs, metrics") { db in
      try db.create(table: "experiments") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("name", .text).notNull()
        t.column("spec_text", .text).notNull()
        t.column("spec_hash", .text).notNull()
        t.uniqueKey(["name", "spec_hash"])
      }
      try db.create(table: "sweeps") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("experiment_id", .integer).notNull().indexed().references("experiments")
        t.column("size", .text).notNull()
        t.column("git_commit", .text).notNull()
        t.column("git_dirty", .boolean).notNull()
        t.column("synkti_version", .text).notNull()
        t.column("host", .text).notNull()
        t.column("started_at", .text).notNull()
        t.column("finished_at", .text)
        t.column("jobs", .integer).notNull()
        t.column("status", .text).notNull()
        t.column("shard_index", .integer).notNull()
        t.column("shard_count", .integer).notNull()
        t.column("total_runs", .integer).notNull()
      }
      try db.create(table: "cells") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("sweep_id", .integer).notNull().references("sweeps", onDelete: .cascade)
        t.column("cell_index", .integer).notNull()
        t.column("cell_key", .text).notNull()
        for key in parameterColumnsV1 { t.column("p_" + key, .text) }
        t.uniqueKey(["sweep_id", "cell_index"])
      }
      try db.create(table: "runs") { t in
        // A plain rowid key: AUTOINCREMENT would rewrite sqlite_sequence in
        // every run's transaction.
        t.primaryKey("id", .integer)
        t.column("sweep_id", .integer).notNull().references("sweeps", onDelete: .cascade)
        t.column("run_index", .integer).notNull()
        t.column("cell_index", .integer).notNull()
        t.column("replicate", .integer).notNull()
        t.column("seed", .text).notNull()
        t.column("status", .text).notNull()
        t.column("wall_ms", .double).notNull()
        t.uniqueKey(["sweep_id", "run_index"])
      }
      try db.create(table: "metrics") { t in
        t.primaryKey("run_id", .integer).references("runs", onDelete: .cascade)
        for column in [
          "total_cost", "spot_cost", "on_demand_cost", "baseline_cost", "savings_percent",
          "completion_mean", "completion_p50", "completion_p95", "completion_p99",
          "work_lost_hours", "migrated_gib", "transfer_hours", "spot_instance_hours",
          "on_demand_instance_hours",
        ] {
          t.column(column, .double).notNull()
        }
        for column in [
          "tasks_total", "completed", "unfinished", "failed", "deadline_misses", "preemptions",
          "instances_reclaimed", "checkpoints_full", "checkpoints_partial", "checkpoints_restart",
          "voluntary_migrations", "instances_launched", "events_processed",
        ] {
          t.column(column, .integer).notNull()
        }
      }
      try db.execute(
        sql: """
          CREATE VIEW runs_with_parameters AS
          SELECT r.*, c.cell_key, \(parameterColumnsV1.map { "c.p_" + $0 }.joined(separator: ", "))
          FROM runs r JOIN cells c ON c.sweep_id = r.sweep_id AND c.cell_index = r.cell_index
          """)
    }
    migrator.registerMigration("v2: deadline-job parameters, gap to optimal") { db in
      for key in parameterColumnsV2 {
        try db.alter(table: "cells") { t in t.add(column: "p_" + key, .text) }
      }
      try db.alter(table: "metrics") { t in t.add(column: "gap_to_optimal", .double) }
      try db.execute(sql: "DROP VIEW runs_with_parameters")
      try db.execute(
        sql: """
          CREATE VIEW runs_with_parameters AS
          SELECT r.*, c.cell_key, \((parameterColumnsV1 + parameterColumnsV2).map { "c.p_" + $0 }.joined(separator: ", "))
          FROM runs r JOIN cells c ON c.sweep_id = r.sweep_id AND c.cell_index = r.cell_index
          """)
    }
    migrator.registerMigration(
      "v3: equal-work savings, nullable completion statistics, checkpoint model, storage, trace pricing"
    ) { db in
      for key in parameterColumnsV3 {
        try db.alter(table: "cells") { t in t.add(column: "p_" + key, .text) }
      }
      // Completion statistics and savings may now be undefined (NULL). SQLite
      // cannot drop NOT NULL, so the table is rebuilt with its rows.
      let nowNullable = [
        "savings_percent", "completion_mean", "completion_p50", "completion_p95",
        "completion_p99",
      ]
      let reals = [
        "total_cost", "spot_cost", "on_demand_cost", "baseline_cost", "savings_percent",
        "completion_mean", "completion_p50", "completion_p95", "completion_p99",
        "work_lost_hours", "migrated_gib", "transfer_hours", "spot_instance_hours",
        "on_demand_instance_hours",
      ]
      let integers = [
        "tasks_total", "completed", "unfinished", "failed", "deadline_misses", "preemptions",
        "instances_reclaimed", "checkpoints_full", "checkpoints_partial", "checkpoints_restart",
        "voluntary_migrations", "instances_launched", "events_processed",
      ]
      try db.create(table: "metrics_v3") { t in
        t.primaryKey("run_id", .integer).references("runs", onDelete: .cascade)
        for column in reals {
          if nowNullable.contains(column) {
            t.column(column, .double)
          } else {
            t.column(column, .double).notNull()
          }
        }
        for column in integers { t.column(column, .integer).notNull() }
        t.column("gap_to_optimal", .double)
        // Unknown for runs stored before this version: NULL there.
        t.column("completed_work_hours", .double)
        t.column("unfinished_work_hours", .double)
        t.column("cost_per_work_hour", .double)
      }
      let copied = (["run_id"] + reals + integers + ["gap_to_optimal"]).joined(separator: ", ")
      try db.execute(sql: "INSERT INTO metrics_v3 (\(copied)) SELECT \(copied) FROM metrics")
      try db.execute(sql: "DROP TABLE metrics")
      try db.execute(sql: "ALTER TABLE metrics_v3 RENAME TO metrics")
      try db.execute(sql: "DROP VIEW runs_with_parameters")
      try db.execute(
        sql: """
          CREATE VIEW runs_with_parameters AS
          SELECT r.*, c.cell_key, \((parameterColumnsV1 + parameterColumnsV2 + parameterColumnsV3).map { "c.p_" + $0 }.joined(separator: ", "))
          FROM runs r JOIN cells c ON c.sweep_id = r.sweep_id AND c.cell_index = r.cell_index
          """)
    }
    // v4–v6 add only what is missing: databases written by this version's
    // intermediate builds may hold some of these columns already.
    migrator.registerMigration("v4: failed runs") { db in
      try addMissingColumns(db, table: "runs", [("failure_reason", .text)])
      try recreateView(db)
    }
    migrator.registerMigration("v5: fleet geography, capacity, crunches, value of assignment") {
      db in
      try addMissingColumns(db, table: "cells", parameterColumnsV5.map { ("p_" + $0, .text) })
      try addMissingColumns(
        db, table: "metrics",
        [
          ("egress_cost", .double), ("crunches", .integer), ("migration_problems", .integer),
          ("largest_migration_problem", .integer), ("assignment_regret", .double),
          ("assignment_regret_naive", .double), ("assignment_regret_best_fit", .double),
          ("assignment_shortfall_naive", .integer), ("assignment_shortfall_best_fit", .integer),
        ])
      try recreateView(db)
    }
    migrator.registerMigration("v6: multi-region deadline jobs") { db in
      try addMissingColumns(db, table: "cells", parameterColumnsV6.map { ("p_" + $0, .text) })
      try addMissingColumns(db, table: "metrics", [("zone_migrations", .integer)])
      try recreateView(db)
    }
    migrator.registerMigration("v7: results cache") { db in
      // A run's identity: a hash of (model fingerprint, cell content,
      // seed); a run copied from an earlier sweep names that sweep.
      try addMissingColumns(
        db, table: "runs", [("identity", .text), ("reused_from_sweep", .integer)])
      try db.execute(sql: "CREATE INDEX IF NOT EXISTS runs_by_identity ON runs(identity)")
      try recreateView(db)
    }
    migrator.registerMigration("v8: model fingerprint per sweep") { db in
      // Which model a sweep ran, so `synkti compare REV REV` can find a
      // sweep of the same model at another commit.
      try addMissingColumns(db, table: "sweeps", [("model_fingerprint", .text)])
    }
    migrator.registerMigration("v9: cached baselines") { db in
      // A fleet run's on-demand baseline, by identity (model, traces, the
      // parameters it depends on, seed): shared by cells and sweeps.
      try db.create(table: "baselines", ifNotExists: true) { t in
        t.primaryKey("identity", .text)
        t.column("total_cost", .double).notNull()
        t.column("completed_work_hours", .double).notNull()
      }
    }
    migrator.registerMigration("v10: forecasters") { db in
      try addMissingColumns(db, table: "cells", parameterColumnsV10.map { ("p_" + $0, .text) })
      try recreateView(db)
    }
    migrator.registerMigration("v11: forecast quality per run") { db in
      try addMissingColumns(
        db, table: "metrics",
        [
          "forecast_brier_10", "forecast_brier_30", "forecast_brier_60", "forecast_f1_10",
          "forecast_f1_30", "forecast_f1_60", "lifetime_mae_hours",
        ].map { ($0, .double) })
    }
    migrator.registerMigration("v12: proactive handling") { db in
      try addMissingColumns(db, table: "cells", parameterColumnsV12.map { ("p_" + $0, .text) })
      try addMissingColumns(db, table: "metrics", [("proactive_migrations", .integer)])
      try recreateView(db)
    }
    migrator.registerMigration("v13: probing") { db in
      try addMissingColumns(db, table: "cells", parameterColumnsV13.map { ("p_" + $0, .text) })
      try addMissingColumns(db, table: "metrics", [("probes", .integer), ("probe_cost", .double)])
      try recreateView(db)
    }
    migrator.registerMigration("v14: on-demand ratio") { db in
      try addMissingColumns(db, table: "cells", parameterColumnsV14.map { ("p_" + $0, .text) })
      try recreateView(db)
    }
    migrator.registerMigration("v15: sweep notes") { db in
      // What a report should say about a sweep's inputs (traces without
      // prices, say).
      try addMissingColumns(db, table: "sweeps", [("notes", .text)])
    }
    migrator.registerMigration("v16: proactive value test") { db in
      try addMissingColumns(db, table: "cells", parameterColumnsV16.map { ("p_" + $0, .text) })
      try recreateView(db)
    }
    migrator.registerMigration("v17: fleet lower bound") { db in
      try addMissingColumns(db, table: "cells", parameterColumnsV17.map { ("p_" + $0, .text) })
      try addMissingColumns(
        db, table: "metrics", [("lower_bound_cost", .double), ("gap_to_bound", .double)])
      try recreateView(db)
    }
    migrator.registerMigration("v18: chip choice") { db in
      try addMissingColumns(db, table: "cells", parameterColumnsV18.map { ("p_" + $0, .text) })
      try recreateView(db)
    }
    migrator.registerMigration("v19: work on other chips") { db in
      try addMissingColumns(db, table: "metrics", [("other_type_work_share", .double)])
    }
    migrator.registerMigration("v20: work by chip") { db in
      // `TypeWorkShare.encode`'s text: what the chip-choice figure draws.
      try addMissingColumns(db, table: "metrics", [("work_share_by_type", .text)])
    }
    migrator.registerMigration("v21: value policy bridges outages") { db in
      try addMissingColumns(db, table: "cells", parameterColumnsV21.map { ("p_" + $0, .text) })
      try recreateView(db)
    }
    migrator.registerMigration("v22: periodic checkpoints of deadline jobs") { db in
      try addMissingColumns(db, table: "cells", parameterColumnsV22.map { ("p_" + $0, .text) })
      try recreateView(db)
    }
    return migrator
  }

  /// Adds the columns `table` does not have yet.
  static func addMissingColumns(
    _ db: Database, table: String, _ columns: [(String, Database.ColumnType)]
  ) throws {
    let present = Set(try db.columns(in: table).map(\.name))
    for (name, type) in columns where !present.contains(name) {
      try db.alter(table: table) { t in t.add(column: name, type) }
    }
  }

  /// The wide view of runs with every parameter column.
  static func recreateView(_ db: Database) throws {
    try db.execute(sql: "DROP VIEW IF EXISTS runs_with_parameters")
    let columns =
      parameterColumnsV1 + parameterColumnsV2 + parameterColumnsV3
      + parameterColumnsV5 + parameterColumnsV6 + parameterColumnsV10 + parameterColumnsV12
      + parameterColumnsV13 + parameterColumnsV14 + parameterColumnsV16 + parameterColumnsV17
      + parameterColumnsV18 + parameterColumnsV21 + parameterColumnsV22
    try db.execute(
      sql: """
        CREATE VIEW runs_with_parameters AS
        SELECT r.*, c.cell_key, \(columns.map { "c.p_" + $0 }.joined(separator: ", "))
        FROM runs r JOIN cells c ON c.sweep_id = r.sweep_id AND c.cell_index = r.cell_index
        """)
  }

  /// The parameter columns migration v5 added (frozen with it).
  static let parameterColumnsV5 = [
    "fleet", "zone_regions", "spot_capacity", "zone_spot_capacity", "crunch_rate_per_hour",
    "crunch_fraction", "crunch_hours", "zone_price_spread", "zone_hazard_spread",
    "zone_price_scale", "zone_hazard_scale", "cross_region_gbps", "cross_continent_gbps",
    "egress_usd_per_gb", "bandwidth_scale", "hazard_scale", "weights_gib",
  ]

  /// The parameter columns migration v6 added (frozen with it).
  static let parameterColumnsV6 = ["trace_zones", "zone_order", "regions", "checkpoint_gb"]

  /// The parameter columns migration v10 added (frozen with it).
  static let parameterColumnsV10 = ["forecaster", "forecast_noise", "train_until_hour"]

  /// The parameter columns migration v13 added (frozen with it).
  static let parameterColumnsV13 = [
    "probe_interval_hours", "probe_billed_seconds", "value_memory_hours", "value_prior_hours",
  ]

  /// The parameter columns migration v14 added (frozen with it).
  static let parameterColumnsV14 = ["on_demand_ratio"]

  /// The parameter columns migration v16 added (frozen with it).
  static let parameterColumnsV16 = ["proactive_test"]

  /// The parameter columns migration v17 added (frozen with it).
  static let parameterColumnsV17 = ["bound"]

  /// The parameter columns migration v21 added (frozen with it).
  static let parameterColumnsV21 = ["value_bridge_outages"]

  /// The parameter columns migration v22 added (frozen with it).
  static let parameterColumnsV22 = ["checkpoint_interval_hours"]

  /// The parameter columns migration v18 added (frozen with it).
  static let parameterColumnsV18 = ["workload", "chips"]

  /// The parameter columns migration v12 added (frozen with it).
  static let parameterColumnsV12 = ["proactive_threshold", "proactive_interval_minutes"]

  /// The parameter columns migration v3 added (frozen with it).
  static let parameterColumnsV3 = ["checkpoint_model", "storage_gbps", "trace_other_types"]

  /// The parameter columns migration v2 added (frozen with it).
  static let parameterColumnsV2 = [
    "model", "deadline_hours", "restart_overhead_hours", "trace_zone",
  ]

  /// The parameter columns migration v1 created (frozen with it).
  static let parameterColumnsV1 = [
    "name", "horizon_hours", "accelerator", "zones", "market", "trace_start_hour",
    "preemption_rate", "bandwidth_gbps", "grace_seconds", "boot_seconds", "policy", "migration",
    "idle_timeout_hours", "checkpoint_full", "checkpoint_partial", "ou_reversion",
    "ou_volatility", "ou_daily_amplitude", "ou_hazard_sensitivity", "tasks", "arrivals",
    "arrival_fraction", "work_hours", "state_mib", "memory_gib", "deadline_slack",
    "migration_price_weight", "migration_hazard_weight", "migration_delay_weight",
  ]
}
