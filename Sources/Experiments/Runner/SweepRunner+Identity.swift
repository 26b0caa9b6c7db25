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
