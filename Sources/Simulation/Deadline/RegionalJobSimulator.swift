/// Chooses where a multi-region deadline job runs in each tick.
public protocol RegionalPolicy: Sendable {
  /// Name results are stored under.
  var name: String { get }
  /// Whether the deadline guard applies (every policy but spot-only).
  var guarded: Bool { get }
  /// The place for the coming tick (spot zone, on-demand region `zones + r`)
  /// or nil to idle. A spot zone without spot this tick means idle.
  func decide(_ view: RegionalView, job: DeadlineJob) -> Int?
}

extension RegionalPolicy {
  public var guarded: Bool { true }
}

/// Runs a deadline job over several zones tick by tick under a policy, by
/// the rules of `RegionalWindow` (the single-zone rules when there is one).
public enum RegionalJobSimulator {
  /// Simulates `policy` on `window`.
  public static func run(_ policy: any RegionalPolicy, job: DeadlineJob, window: RegionalWindow)
    -> DeadlineOutcome
  {
    var outcome = DeadlineOutcome(
      cost: 0, spotCost: 0, spotHours: 0, onDemandHours: 0, preemptions: 0, restarts: 0,
      finishedAt: nil)
    var onDemandHours = [Double](repeating: 0, count: window.regions)
    var done = 0.0
    var place: Int?
    var home: Int?
    var overheadLeft = 0.0
    let dt = window.tick
    let zones = window.zones
    let ticks = Swift.min(window.ticks, DeadlineJob.ticks(job.deadline, dt))
    for k in 0..<ticks {
      let time = Double(k) * dt
      if let p = place, p < zones, !window.available[p][k] {
        place = nil  // preempted: unworked overhead is lost
        overheadLeft = 0
        outcome.preemptions += 1
      }
      let view = RegionalView(
        window: window, tick: k, done: done, place: place, home: home, overheadLeft: overheadLeft)
      var next = policy.decide(view, job: job)
      if let n = next, !window.canRun(n, tick: k) { next = nil }
      let state = DeadlineState(
        tick: k, time: time, done: done, mode: place == nil ? .idle : .spot,
        overheadLeft: overheadLeft, spotAvailable: true)
      if policy.guarded && DeadlineGuard.mustRunOnDemand(state, job: job, tick: dt) {
        // On-demand where the checkpoint is: the start costs d alone.
        next =
          place.map { $0 >= zones ? $0 : zones + window.zoneRegion[$0] }
          ?? zones + (home.map { window.region(ofPlace: $0) } ?? 0)
      }
      var progress = 0.0
      if let n = next {
        if n != place {
          overheadLeft = job.restartOverhead + window.transfer(from: home, to: n)
          let egress = window.egressDollars(from: home, to: n)
          if egress > 0 || window.transfer(from: home, to: n) > 0 { outcome.migrations += 1 }
          outcome.egressCost += egress
          outcome.restarts += 1
          home = n
        }
        let overhead = Swift.min(overheadLeft, dt)
        overheadLeft -= overhead
        progress = dt - overhead
        if n < zones {
          outcome.spotCost += window.price[n][k] * dt
          outcome.spotHours += dt
        } else {
          onDemandHours[n - zones] += dt
          outcome.onDemandHours += dt
        }
      } else {
        overheadLeft = 0
      }
      place = next
      if done + progress >= job.work - 1e-9 {
        let finish = time + (dt - progress) + (job.work - done)
        outcome.finishedAt = finish <= job.deadline + 1e-9 ? finish : nil
        break
      }
      done += progress
    }
    var onDemandCost = 0.0
    for r in 0..<window.regions { onDemandCost += onDemandHours[r] * window.onDemandPrice[r] }
    outcome.cost = outcome.spotCost + onDemandCost + outcome.egressCost
    return outcome
  }
}
