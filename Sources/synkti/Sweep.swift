import ArgumentParser
import Experiments
import Foundation
import Simulation

extension Synkti {
  struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run an experiment grid in parallel into a SQLite database.",
      discussion: """
        Expands the spec's grid (the Cartesian product of its axes, minus \
        `exclude:`, plus `include:`), runs every cell × replicate with --jobs \
        workers, and commits each finished run in its own transaction, so an \
        interrupted sweep loses only the runs in flight: rerun with --resume.

        One writer per database: a second sweep (or merge) on a database that \
        a sweep is writing is refused at once with exit code 2, naming it, or \
        waits for it with --wait; it never disturbs the running one. --resume \
        of a sweep that already finished says so and exits 0; --force starts a \
        new sweep regardless. A run that produces a NaN or infinite metric is \
        stored as failed, with its reason; the sweep stops (exit code 1) after \
        more than --max-failures of them (default 0). The WAL is checkpointed \
        every 1,000 runs and at the end, so the .sqlite file holds the results.

        --check validates the spec at --size and resolves every cell without \
        running it: each trace and catalog table it names must be found and \
        read (paths are relative to the spec's own folder, the catalog's to \
        the catalog's). It prints the files read and writes nothing; a file \
        that is missing or unreadable exits 2 naming the spec, the key and \
        the path.

        Exit codes: 0 done (or already complete), 1 stopped by failed runs, \
        2 bad input or a database in use.

        Runs are never computed twice: each run stores its identity, a hash \
        of the model fingerprint (the sources of Assignment, Simulation and \
        Experiments but its Storage, the catalog and its egress tables, the \
        traces read), the cell's parameters and the seed, and a run whose \
        identity any earlier sweep in the database computed is copied from \
        it, marked with that sweep (reused_from_sweep). So a rerun at \
        unchanged model code, a docs-only commit or a new axis value computes \
        only what is new. --no-cache or --force computes everything. \
        `synkti fingerprint` prints the model fingerprint.

        A run's seed depends only on the spec seed and the replicate, so all \
        cells of a replicate share workload and market (common random numbers), \
        and metrics are identical at any --jobs.

        Adaptive replication: with `replicates: {min: 10, max: 200, target: \
        {metric: total_cost, halfwidth_percent: 1, vs: baseline}}` every cell \
        first runs `min` replicates; then, round by round, each cell whose 95% \
        CI half-width of the paired difference against its baseline cell \
        (the one that differs only in `policy`) is above the target (percent \
        of the baseline's mean) gets more replicates in seeded order, up to \
        `max`. The rounds depend only on the metrics, so the same spec and code \
        stop at the same counts; `synkti report` shows each cell's n and \
        whether it met the target. Not with --shard.

        Shards: --shard K/N runs runs K, K+N, K+2N, ... (0 ≤ K < N). \
        --shard auto reads SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, or \
        JOB_COMPLETION_INDEX with --shard-count (or SYNKTI_SHARD_COUNT). \
        Combine shard databases with `synkti merge`.

        Examples:
          synkti sweep Experiments/paper/headline.yaml --dry-run
          synkti sweep Experiments/paper/cant-be-late.yaml --check --size overnight
          synkti sweep Experiments/paper/five-axis.yaml --jobs 2 --resume
          synkti sweep Experiments/paper/five-axis.yaml --filter policy=greedy --db /tmp/g.sqlite
          synkti sweep Experiments/paper/five-axis.yaml --shard 1/4 --db Results/shards/five-axis-1.sqlite
        """)

    @Argument(
      help:
        "Experiment specs (YAML): several run one after another in one process, sharing the catalog, the model fingerprint and the database lock, as `make experiments` does (each spec's plan reads its own traces: its runs' identities name exactly those)."
    )
    var specs: [String]
    @Option(help: "Results database.") var db = "Results/synkti.sqlite"
    @Option(help: "Concurrent simulations (default: number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Continue the last unfinished sweep of this spec (else start a new one).")
    var resume = false
    @Flag(
      help:
        "Start a new sweep even if --resume would find one, and compute every run (no reuse).")
    var force = false
    @Flag(
      name: .customLong("no-cache"),
      help: "Compute every run, even one an earlier sweep already computed with the same model.")
    var noCache = false
    @Flag(help: "Wait for a sweep already writing this database, instead of refusing.")
    var wait = false
    @Option(
      name: .customLong("max-failures"),
      help: "Failed runs (non-finite metrics) tolerated before the sweep stops (default 0).")
    var maxFailures = 0
    @Flag(
      name: .customLong("dry-run"), help: "Print axes, counts and a time estimate; write nothing.")
    var dryRun = false
    @Flag(
      help:
        "Validate the spec and resolve every file it names (traces, catalog tables); run and write nothing."
    )
    var check = false
    @Option(
      name: .customLong("filter"),
      help:
        "Only cells with AXIS=VALUE (repeatable: values of one axis are alternatives, axes must all match)."
    )
    var filters: [String] = []
    @Option(help: "Run one shard: K/N (0 ≤ K < N) or auto.") var shard: String?
    @Option(
      name: .customLong("shard-count"),
      help: "Shard count for --shard auto (else SYNKTI_SHARD_COUNT, else SLURM_ARRAY_TASK_COUNT).")
    var shardCount: Int?
    @Option(help: "Size block of the spec, e.g. overnight (default: the spec as written).")
    var size: String?
    @Option(name: .customLong("max-runs"), help: "Stop after this many runs (resume later).")
    var maxRuns: Int?
    @OptionGroup var catalog: CatalogOption

    func validate() throws {
      guard !specs.isEmpty else { throw ValidationError("name at least one spec") }
      if specs.count > 1, shard != nil || !filters.isEmpty {
        throw ValidationError("--shard and --filter take one spec at a time, got \(specs.count)")
      }
      guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
      if let maxRuns, maxRuns < 0 { throw ValidationError("--max-runs must be ≥ 0") }
      guard maxFailures >= 0 else {
        throw ValidationError("--max-failures must be ≥ 0, got \(maxFailures)")
      }
    }

    func run() throws {
      try reportingInputErrors(database: db) {
        let catalog = try self.catalog.load()
        if check || dryRun {
          for file in specs { try inspect(file, catalog: catalog) }
          return
        }
        // Every spec is read and planned before the database is touched:
        // bad input in any of them writes nothing.
        let plans = try specs.map { file in
          try plan(ExperimentSpec.load(file, catalog: catalog, size: size), catalog: catalog)
        }
        // The lock comes first: nothing is opened, let alone written,
        // while another sweep holds the database.
        try ResultsStore.checkWritable(db)
        let lock = try SweepLock.acquire(
          besides: db, owner: SweepLock.owner("synkti sweep \(specs.joined(separator: " "))"),
          wait: wait
        ) { holder in printError("waiting for the sweep writing \(db) (\(holder))") }
        defer { withExtendedLifetime(lock) {} }
        let store = try ResultsStore.open(db)
        if let warning = ModelFingerprint.staleBuildWarning() { printError(warning) }
        let fingerprint = ModelFingerprint.current(inputs: catalog.inputFiles)
        // Git is asked once (commit, dirty tree), not once per spec.
        let provenance = Provenance.current()
        for (file, plan) in zip(specs, plans) {
          if specs.count > 1 { print("== \(file)") }
          try sweep(
            plan, file: file, store: store, fingerprint: fingerprint, provenance: provenance)
        }
      }
    }

    /// `--check` or `--dry-run` of the spec at `file`.
    func inspect(_ file: String, catalog: AcceleratorCatalog) throws {
      let spec = try ExperimentSpec.load(file, catalog: catalog, size: size)
      if check {
        let checked = try SweepPlan.check(spec: spec, catalog: catalog)
        let files = catalog.inputFiles + checked.traceInputs
        print(
          "ok: \(spec.file) (experiment \(spec.name), size \(size ?? "default")): \(checked.cells) cells, \(checked.runs) runs resolve; files read: \(files.isEmpty ? "none" : files.joined(separator: ", "))"
        )
        return
      }
      printPlan(try plan(spec, catalog: catalog))
    }

    /// The plan of `spec` with this invocation's filters and shard.
    func plan(_ spec: ExperimentSpec, catalog: AcceleratorCatalog) throws
      -> SweepPlan
    {
      let shard = try resolveShard()
      let pairs: [(key: String, value: String)] = try filters.map { item in
        let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
        guard kv.count == 2 else {
          throw ValidationError("--filter expects AXIS=VALUE, got '\(item)'")
        }
        return (kv[0], kv[1])
      }
      return try SweepPlan(
        spec: spec, size: size, catalog: catalog, filters: pairs, shard: shard)
    }

    /// Sweeps `plan` (of the spec at `file`) into `store`.
    func sweep(
      _ plan: SweepPlan, file: String, store: ResultsStore, fingerprint: String?,
      provenance: Provenance
    ) throws {
      let spec = plan.spec
      let reporter = ProgressReporter(total: plan.runs.count)
      let outcome = try SweepRunner(store: store).run(
        plan,
        options: SweepOptions(
          jobs: jobs, resume: resume, maxRuns: maxRuns, maxFailures: maxFailures, force: force,
          provenance: provenance, modelFingerprint: fingerprint,
          useCache: !noCache)
      ) { reporter.report($0) }
      reporter.finish()
      if let old = outcome.superseded {
        printError(
          "note: the unfinished sweep \(old.id!) of \(spec.name) ran at commit \(old.gitCommit.prefix(12)); its runs cannot join a sweep of this commit, so sweep \(outcome.sweepID) started anew (sweep \(old.id!) is kept as it was)"
        )
      }
      if outcome.upToDate {
        print(
          "sweep \(outcome.sweepID) of \(spec.name) is up to date: its \(outcome.skipped) runs are the runs this spec would store now (same model fingerprint, cells and seeds); nothing to do (use --force to run it again)"
        )
        return
      }
      if outcome.alreadyComplete {
        print(
          "sweep \(outcome.sweepID) of \(spec.name) is already complete (\(outcome.skipped) runs) at this commit; nothing to do (use --force to run it again)"
        )
        return
      }
      let verb = outcome.resumed ? "resumed sweep" : "sweep"
      print(
        "\(verb) \(outcome.sweepID) of \(spec.name): \(outcome.ran) runs in \(String(format: "%.1f", outcome.seconds)) s"
          + (outcome.skipped > 0 ? " (\(outcome.skipped) already stored)" : "")
          + (outcome.reused > 0
            ? ", \(outcome.reused) reused from earlier sweeps with the same model" : "")
          + (outcome.rounds > 1 ? ", \(outcome.rounds) rounds of adaptive replication" : "")
          + ", status \(outcome.status), database \(db)")
      if outcome.failed > 0 {
        printError(
          "\(outcome.failed) runs failed (stored with status failed): \(outcome.firstFailure ?? "see failure_reason in the export")"
        )
      }
      if outcome.status == .failed {
        printError(
          "stopped: more than \(maxFailures) failed runs; raise --max-failures to go on")
        throw ExitCode(1)
      }
      if outcome.status != .finished {
        print(
          "resume with: synkti sweep \(file) --resume --db \(db)"
            + (plan.shard == .whole ? "" : " --shard \(plan.shard)"))
      }
    }

    func resolveShard() throws -> Shard {
      guard let shard else { return .whole }
      if shard != "auto" {
        guard let parsed = Shard(parsing: shard) else {
          throw ValidationError("--shard expects K/N with 0 ≤ K < N, or auto; got '\(shard)'")
        }
        return parsed
      }
      let env = ProcessInfo.processInfo.environment
      // An explicit count wins: rerunning one index (`--array=2`) makes
      // SLURM_ARRAY_TASK_COUNT 1.
      let explicit = shardCount ?? env["SYNKTI_SHARD_COUNT"].flatMap(Int.init)
      if let k = env["SLURM_ARRAY_TASK_ID"].flatMap(Int.init) {
        guard let n = explicit ?? env["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init), k >= 0, k < n
        else {
          throw ValidationError(
            "--shard auto: SLURM_ARRAY_TASK_ID=\(k) needs a shard count above it (SYNKTI_SHARD_COUNT, --shard-count or SLURM_ARRAY_TASK_COUNT)"
          )
        }
        return Shard(index: k, count: n)
      }
      if let k = env["JOB_COMPLETION_INDEX"].flatMap(Int.init) {
        guard let n = explicit, k >= 0, k < n else {
          throw ValidationError(
            "--shard auto: JOB_COMPLETION_INDEX=\(k) needs --shard-count or SYNKTI_SHARD_COUNT above it"
          )
        }
        return Shard(index: k, count: n)
      }
      throw ValidationError(
        "--shard auto: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set")
    }

    func printPlan(_ plan: SweepPlan) {
      print(
        "experiment \(plan.spec.name) (\(plan.spec.file)), size \(plan.size), spec \(plan.spec.hash.prefix(12))"
      )
      for axis in plan.spec.axes {
        print("  axis \(axis.key): \(axis.values.joined(separator: ", "))")
      }
      if let rule = plan.spec.adaptive {
        let first = plan.runs(replicates: plan.initialReplicates).count
        print(
          "cells \(plan.cells.count), replicates adaptive: \(rule.summary); runs \(first) in the first round, at most \(plan.runs.count)"
        )
      } else {
        print(
          "cells \(plan.cells.count), replicates \(plan.spec.replicates), runs \(plan.runs.count)"
            + (plan.shard == .whole ? "" : " in shard \(plan.shard) of \(plan.totalRuns)"))
      }
      let runs = plan.runs(replicates: plan.initialReplicates)
      if let e = SweepRunner.estimate(plan, runs: runs, jobs: jobs) {
        print(
          String(
            format:
              "estimate: %.4f s per run + %.4f s per shared baseline or optimum × %d (timed on samples of %d cells across the grid) → about %.0f s with %d jobs%@",
            e.secondsPerRun, e.secondsPerSharedSolve, e.sharedSolves, e.sampled, e.seconds, jobs,
            plan.spec.adaptive == nil ? "" : " (first round)"))
      }
      print("dry run: nothing written")
    }
  }
}

/// Progress on stderr: one updating line on a terminal, periodic lines otherwise.
final class ProgressReporter: @unchecked Sendable {
  let total: Int
  let isTerminal = isatty(2) == 1
  var lastLine = 0.0
  let lock = NSLock()

  init(total: Int) { self.total = total }

  func report(_ p: SweepProgress) {
    lock.withLock {
      let eta = p.remaining.map { String(format: "%d:%02d", Int($0) / 60, Int($0) % 60) } ?? "?"
      let line =
        (p.round > 1 ? "round \(p.round): " : "")
        + String(format: "%d/%d runs  %.1f runs/s  ETA %@", p.done, p.total, p.rate, eta)
      if isTerminal {
        printError("\r\(line)   ", terminator: "")
      } else if p.elapsed - lastLine >= 10 || p.done == p.total {
        lastLine = p.elapsed
        printError(line)
      }
    }
  }

  func finish() {
    if isTerminal { printError("") }
  }
}
