/// The published probing baselines of SkyNomad (Li et al., 2026; its public
/// artifact): Uniform Progress that ranks zones by probe outcomes.
///
/// - UP(A), `up-availability`: a zone's score is its success rate over its
///   last 5 samples; probes every 2 h, at most one zone per tick (the least
///   sampled first).
/// - UP(AP), `up-availability-price`: a zone's score is its success rate
///   over all its samples ÷ its spot price now; probes every 1 h, every due
///   zone.
///
/// A sample is a probe, a launch attempt (success or not), a preemption
/// (failure), or, while the job runs in a zone, one success per probe
/// interval. A zone without samples scores a rate of 0.5. Spot launches are
/// tried in descending score (lowest index on ties). While running on spot,
/// the job moves when its zone's score falls below the best's (UP(A): by
/// more than 1e-6; UP(AP): below 0.9 × the best). Probes run only while the
/// job runs on spot. Otherwise the rule is Uniform Progress's (on-demand in
/// the region where the checkpoint is). With free probing every zone is
/// sampled at every tick and nothing is probed.
public struct ProbedUniformProgress: DeadlinePolicy {
  /// How zones are scored.
  public enum Score: String, Sendable, CaseIterable {
    /// UP(A): success rate over the last `window` samples.
    case availability = "up-availability"
    /// UP(AP): overall success rate ÷ spot price.
    case availabilityPrice = "up-availability-price"
  }

  /// The scoring rule.
  public var score: Score
  /// Hours between probes of a zone, and between samples of the running
  /// zone, unless `Probing` sets one (published: 2 h for UP(A), 1 h for
  /// UP(AP)).
  public var intervalHours: Double
  /// Samples in UP(A)'s sliding window.
  public var window: Int

  // What this run has learned: per zone, recent samples (UP(A)) or counts
  // (UP(AP)), and the next tick it may be probed or sampled.
  private var recent: [[Bool]] = []
  private var successes: [Int] = []
  private var totals: [Int] = []
  private var nextProbe: [Int] = []
  private var nextSample: [Int] = []

  /// Creates the policy with its published interval and window.
  public init(_ score: Score, intervalHours: Double? = nil, window: Int = 5) {
    self.score = score
    self.intervalHours = intervalHours ?? (score == .availability ? 2 : 1)
    self.window = window
  }

  public var name: String { score.rawValue }

  private mutating func record(_ z: Int, _ up: Bool) {
    recent[z].append(up)
    if recent[z].count > window { recent[z].removeFirst() }
    totals[z] += 1
    if up { successes[z] += 1 }
  }

  /// Zone `z`'s score now.
  func scoreOf(_ z: Int, _ v: DeadlineView) -> Double {
    switch score {
    case .availability:
      let r = recent[z]
      return r.isEmpty ? 0.5 : Double(r.lazy.filter { $0 }.count) / Double(r.count)
    case .availabilityPrice:
      let rate = totals[z] == 0 ? 0.5 : Double(successes[z]) / Double(totals[z])
      let price = v.price(z, at: v.tick)
      return price > 0 ? rate / price : (rate > 0 ? .infinity : 0)
    }
  }

  /// Zones by descending score, lowest index on ties.
  func ranked(_ v: DeadlineView) -> [Int] {
    let scores = (0..<v.zones).map { scoreOf($0, v) }
    return (0..<v.zones).sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
  }

  private mutating func learn(_ v: DeadlineView) {
    if recent.isEmpty {
      recent = Array(repeating: [], count: v.zones)
      successes = Array(repeating: 0, count: v.zones)
      totals = successes
      nextProbe = successes
      nextSample = successes
    }
    let interval = Probing.ticks(
      v.probing.interval(published: intervalHours), tick: v.tickHours)
    for o in v.news {
      switch o.kind {
      case .probe, .preemption: record(o.zone, o.up)
      case .launch:
        record(o.zone, o.up)
        if o.up { nextSample[o.zone] = o.tick + interval }
      case .running:
        if o.tick >= nextSample[o.zone] {
          record(o.zone, true)
          nextSample[o.zone] = o.tick + interval
        }
      }
    }
  }

  public mutating func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    learn(v)
    let order = ranked(v)
    return UniformProgress.rule(
      v, job: job,
      stays: { z in
        let best = scoreOf(order[0], v)
        let mine = scoreOf(z, v)
        let keep = score == .availability ? mine >= best - 1e-6 : mine >= best * 0.9
        return keep || z == order[0]
      },
      pick: { order.first { v.available($0, at: v.tick) } })
  }

  public mutating func probes(_ v: DeadlineView, job: DeadlineJob, place: Place?) -> [Int] {
    guard let running = place?.zone, !recent.isEmpty else { return [] }
    let interval = Probing.ticks(
      v.probing.interval(published: intervalHours), tick: v.tickHours)
    var due = (0..<v.zones).filter { $0 != running && v.tick >= nextProbe[$0] }
    if score == .availability, let z = due.min(by: { (totals[$0], $0) < (totals[$1], $1) }) {
      due = [z]
    }
    for z in due { nextProbe[z] = v.tick + interval }
    return due
  }
}
