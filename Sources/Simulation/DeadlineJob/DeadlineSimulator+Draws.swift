extension DeadlineSimulator {
  /// Simulates a randomized policy `draws` times, each copy seeded from
  /// the stream (`root`, draw), and returns the mean outcome: a run of a
  /// randomized policy is judged on its expected cost, estimated over its
  /// own draws, so runs pair window by window with deterministic ones.
  ///
  /// Dollars and hours are means; counts are means rounded to the nearest
  /// whole; the finish time is the mean, or nil if any draw missed.
  public static func expected(
    _ policy: some RandomizedDeadlinePolicy, job: DeadlineJob, window: DeadlineWindow,
    probing: Probing = .free, root: UInt64, draws: Int
  ) -> DeadlineOutcome {
    precondition(draws > 0, "at least one draw")
    let outcomes = (0..<draws).map { i in
      run(
        policy.seeded(SeedDerivation.derive(root, SeedStream.policy.rawValue, UInt64(i))),
        job: job, window: window, probing: probing)
    }
    let n = Double(draws)
    func mean(_ f: (DeadlineOutcome) -> Double) -> Double { outcomes.map(f).reduce(0, +) / n }
    func count(_ f: (DeadlineOutcome) -> Int) -> Int {
      Int((Double(outcomes.map(f).reduce(0, +)) / n).rounded())
    }
    var o = DeadlineOutcome(
      cost: mean(\.cost), spotCost: mean(\.spotCost), spotHours: mean(\.spotHours),
      onDemandHours: mean(\.onDemandHours), preemptions: count(\.preemptions),
      restarts: count(\.restarts),
      finishedAt: outcomes.contains(where: \.missed) ? nil : mean { $0.finishedAt! })
    o.egressCost = mean(\.egressCost)
    o.migrations = count(\.migrations)
    o.probes = count(\.probes)
    o.probeCost = mean(\.probeCost)
    o.otherTypeWork = mean(\.otherTypeWork)
    o.lostWork = mean(\.lostWork)
    o.workByType = (0..<window.typeCount).map { t in mean { $0.workByType[t] } }
    return o
  }
}
