/// When `ValuePolicy` bridges a wait for a zone without spot on on-demand.
///
/// A wait idles and so spends slack; a run on on-demand does not. A job
/// whose slack is down to the guard's margin cannot afford its next start
/// on spot, and the guard keeps it on on-demand for all the work left: a
/// cliff the closed-form plans, which put the expected on-demand at the
/// end, see only in expectation. So when the cheapest plan waits for a
/// zone, the policy weighs idling this tick against running on-demand in
/// the exact program for that zone (`SlackProgram`).
extension ValuePolicy {
  /// Whether a wait for zone `z` is bridged on `onDemand` to keep the
  /// slack the restarts ahead need (where the job's places run at
  /// different speeds, which the program does not model): when one more tick idle (and a start
  /// on `onDemand` after it) would leave less slack than two starts (one
  /// on on-demand, one back on spot in `z`, each with its transfer) for
  /// each loss the work left is expected to meet in `z` (one per mean run
  /// of `z`). Waiting spends slack; a bridge does not, so a bridged outage
  /// costs only its two starts. A wait that runs the slack down to the
  /// guard's margin leaves none for the next start on spot: the guard
  /// then keeps the job on on-demand for all the work left, spot or no
  /// spot. The reserve keeps that option for the losses to come, and is
  /// small where they are few (long runs, little work left).
  func keepsReserve(
    _ v: DeadlineView, job: DeadlineJob, zone z: Int, onDemand: Place,
    estimates: [ZoneEstimate]
  ) -> Bool {
    let spot = Place.spot(zone: z)
    let work = job.work - v.done
    let resume = v.restart(at: onDemand, job: job) + v.transfer(to: onDemand)
    let slack = job.deadline - v.time - v.tickHours - work / v.speed(onDemand) - resume
    let starts =
      v.restart(at: onDemand, job: job) + v.transfer(from: spot, to: onDemand)
      + v.restart(at: spot, job: job) + v.transfer(from: onDemand, to: spot)
    return slack < starts * work / v.speed(spot) / estimates[z].lifetime
  }

  /// The most states of work and slack the slack program solves
  /// (`bridgesBySlack`): its numerical resolution, not a model parameter.
  static let slackProgramPoints = 40_000.0

  /// Whether a wait for zone `z` is bridged on `onDemand`: when running
  /// on-demand this tick is expected to cost less than idling, in the
  /// exact program for `z`'s two-state process (`SlackProgram`), with
  /// `z`'s runs and outages at their most favourable fit within the
  /// evidence (`favourable`: on a short history the fit is as likely too
  /// bleak as too bright, and a bridge buys on-demand for certain). The
  /// program is solved at a wait's first tick and reused for its later
  /// ticks, which have no more work or slack; where the job's places run
  /// at different speeds, `keepsReserve` decides instead.
  mutating func bridgesBySlack(
    _ v: DeadlineView, job: DeadlineJob, zone z: Int, onDemand: Place,
    estimates: [ZoneEstimate]
  ) -> Bool {
    let spot = Place.spot(zone: z)
    guard v.speed(spot) == v.speed(onDemand) else {
      return keepsReserve(v, job: job, zone: z, onDemand: onDemand, estimates: estimates)
    }
    // The program sees z alone; the plans see every zone. Where every zone
    // pooled, at its most favourable fit, is expected to finish on spot, a
    // job that cannot finish in z alone waits or moves rather than bridges.
    let favourable = favourable(v)
    guard favourableOnDemand(v, job: job, zone: z, favourable: favourable) > 0 else {
      return false
    }
    let e = estimates[z]
    let work = (job.work - v.done) / v.speed(spot)
    let slack = job.deadline - v.time - work
    var solution: SlackProgram.Solution
    if let s = slackSolution, s.zone == z, s.tick == v.tick - 1,
      s.solution.covers(work: work, slack: slack)
    {
      solution = s.solution
    } else {
      // Ticks grouped so that the program has at most `slackProgramPoints`
      // states of work and slack: a coarser clock, not another question.
      let points = work / v.tickHours * slack / v.tickHours * Double(SlackProgram.steps)
      let group = Swift.max(1, (points / Self.slackProgramPoints).squareRoot().rounded(.up))
      let f = favourable[z]
      solution = SlackProgram(
        tick: v.tickHours * group, spotPrice: v.price(z, at: v.tick),
        onDemandPrice: v.onDemandPrice(v.region(of: onDemand)),
        lifetime: Swift.max(e.lifetime, f.lifetime), outage: f.outage,
        spotStart: v.restart(at: spot, job: job) + v.transfer(to: spot),
        spotStartFromOnDemand: v.restart(at: spot, job: job)
          + v.transfer(from: onDemand, to: spot),
        onDemandStart: v.restart(at: onDemand, job: job) + v.transfer(to: onDemand),
        egressToOnDemand: v.egress(to: onDemand), egressBack: v.egress(from: onDemand, to: spot)
      ).solve(work: work, slack: slack)
    }
    slackSolution = (z, v.tick, solution)
    let choice = solution.choose(
      work: work, slack: slack,
      back: -_expm1(-solution.program.tick / (e.current ?? e.outage)),
      onDemand: v.place == onDemand)
    return choice.bridge < choice.wait
  }
}
