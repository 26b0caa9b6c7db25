import Foundation
import Simulation

/// Run identity and reuse for one round of a sweep: each run's identity,
/// the runs an earlier sweep of the same identity already computed (copied,
/// not computed), and the fleet baselines read back from and written to the
/// store.
struct RunReuse {
  /// Identities of the round's runs, by run index.
  var identities: [Int: String] = [:]
  /// Identities of the baselines the computed runs pair with, by baseline key.
  var baselineIDs: [String: String] = [:]
  /// Baseline keys whose outcomes came from the store.
  var knownBaselines = Set<String>()

  /// Copies the runs of `todo` the cache has into sweep `sweepID`, keeps at
  /// most `budget` of the rest, and prefills `plan`'s baselines that an
  /// earlier sweep computed.
  /// - Returns: the reuse state, the runs left to compute and how many were copied.
  static func prepare(
    _ todo: [PlannedRun], of plan: SweepPlan, sweep sweepID: Int64, budget: Int?,
    options: SweepOptions, store: ResultsStore
  ) throws -> (reuse: RunReuse, todo: [PlannedRun], reused: Int) {
    var todo = todo
    var reuse = RunReuse()
    let caching = options.useCache && !options.force
    // A run whose identity a finished run of any sweep has is copied.
    reuse.identities = SweepRunner.identities(
      of: todo, in: plan, fingerprint: options.modelFingerprint)
    var reused = 0
    if caching, !reuse.identities.isEmpty {
      let copied = try store.reuseRuns(
        sweep: sweepID, runs: todo.map(\.record), identities: reuse.identities)
      reused = copied.count
      todo = todo.filter { !copied.contains($0.index) }
    }
    if let budget { todo = Array(todo.prefix(budget)) }
    // Baselines are cached runs too: those an earlier sweep of this model
    // computed are read back, and those this round computes are kept.
    reuse.baselineIDs = SweepRunner.baselineIdentities(
      of: todo, in: plan, fingerprint: options.modelFingerprint)
    if caching, !reuse.baselineIDs.isEmpty {
      let stored = try store.cachedBaselines(Array(reuse.baselineIDs.values))
      var known: [String: Simulation.BaselineOutcome] = [:]
      for (key, identity) in reuse.baselineIDs {
        if let outcome = stored[identity] { known[key] = outcome }
      }
      plan.baselines.prefill(known)
      reuse.knownBaselines = Set(known.keys)
    }
    return (reuse, todo, reused)
  }

  /// Stores the baselines this round computed (not those read back).
  func saveComputedBaselines(of plan: SweepPlan, store: ResultsStore) throws {
    var computed: [String: Simulation.BaselineOutcome] = [:]
    for (key, identity) in baselineIDs where !knownBaselines.contains(key) {
      if let outcome = plan.baselines.known(key) { computed[identity] = outcome }
    }
    try store.saveBaselines(computed)
  }
}

/// What the results cache keys runs and baselines by.
extension SweepRunner {
  /// Each run's identity: a hash of the model fingerprint, the traces the
  /// plan reads, the run's cell content and its seed. Empty without a
  /// fingerprint or when a trace cannot be read.
  static func identities(of runs: [PlannedRun], in plan: SweepPlan, fingerprint: String?)
    -> [Int: String]
  {
    guard !runs.isEmpty, let inputs = cacheInputs(plan, fingerprint: fingerprint) else {
      return [:]
    }
    var result: [Int: String] = [:]
    for run in runs {
      let text = "\(inputs)cell \(plan.cellContent[run.cell.index]!)\nseed \(run.seed)\n"
      result[run.index] = SHA256.hex(Array(text.utf8))
    }
    return result
  }

  /// What every identity of `plan` starts with: the model fingerprint and
  /// the hashes of the traces it reads; nil without a fingerprint or when a
  /// trace cannot be read.
  static func cacheInputs(_ plan: SweepPlan, fingerprint: String?) -> String? {
    guard let fingerprint else { return nil }
    var inputs = "model \(fingerprint)\n"
    for path in plan.traceInputs {
      guard let hash = ModelFingerprint.traces(at: path) else { return nil }
      inputs += "traces \(hash)\n"
    }
    return inputs
  }

  /// The identity of each baseline the fleet runs of `runs` pair with, by
  /// baseline key: the model and traces, the baseline key and the seed.
  static func baselineIdentities(of runs: [PlannedRun], in plan: SweepPlan, fingerprint: String?)
    -> [String: String]
  {
    guard let inputs = cacheInputs(plan, fingerprint: fingerprint) else { return [:] }
    var result: [String: String] = [:]
    for run in runs {
      guard let key = plan.baselineKey(of: run), result[key] == nil else { continue }
      result[key] = SHA256.hex(Array("\(inputs)baseline \(key)\n".utf8))
    }
    return result
  }
}
