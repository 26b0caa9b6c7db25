@testable import Simulation
import SynktiTestSupport
import Testing

/// A job that checkpoints periodically loses, at a reclaim whose grace
/// period is too short to write its checkpoint, the work since the last
/// one written; the guard still keeps it on time, and a grace period long
/// enough changes nothing.
@Suite struct PeriodicCheckpointTests {
  /// One zone at $1/h with spot in the ticks `up` says, on-demand $5/h,
  /// 1 h ticks, and the zone's type giving `grace` hours of warning.
  static func window(_ up: [Bool], grace: Double) -> DeadlineWindow {
    var w = DeadlineWindow(
      tick: 1, available: [up], price: [Array(repeating: 1, count: up.count)],
      zoneRegion: [0], onDemandPrice: [5], regionContinent: [0],
      transferHours: (inRegion: 0, crossRegion: 0, crossContinent: 0), egress: [[0]])
    w.graceHours = [grace]
    return w
  }

  /// 6 h of work by 20 h, no restart overhead, a checkpoint every 2 h of
  /// running, written in 0.1 h.
  static var job: DeadlineJob {
    var job = DeadlineJob(work: 6, deadline: 20, restartOverhead: 0, onDemandPrice: 5)
    job.checkpointInterval = 2
    job.checkpointWriteHours = 0.1
    return job
  }

  static func up(_ ticks: Int, downAt down: Set<Int>) -> [Bool] {
    (0..<ticks).map { !down.contains($0) }
  }

  @Test func aReclaimFallsBackToTheLastCheckpointWrittenByHand() {
    // Spot in ticks 0–4, not in 5, then again. Checkpoints begin at 2 h
    // (2 h of work) and 4 h (4 h); the reclaim at 5 h finds the one of 4 h
    // written (4.1 ≤ 5): 1 h of work lost, made up in ticks 6 and 7.
    let w = Self.window(Self.up(20, downAt: [5]), grace: 0.05)
    let run = DeadlineSimulator.run(Greedy(), job: Self.job, window: w)
    #expect(run.lostWork == 1 && run.preemptions == 1)
    #expect(run.finishedAt == 8 && run.cost == 7)
    #expect(run.workByType == [6])
  }

  @Test func aCheckpointStillBeingWrittenIsNotThere() {
    // The reclaim comes at 4 h, as the second checkpoint begins: it falls
    // back to the first (2 h of work), losing 2 h.
    let w = Self.window(Self.up(20, downAt: [4]), grace: 0.05)
    let run = DeadlineSimulator.run(Greedy(), job: Self.job, window: w)
    #expect(run.lostWork == 2)
    #expect(run.finishedAt == 9 && run.cost == 8)
  }

  @Test func aGracePeriodLongEnoughToWriteTheCheckpointLosesNothing() {
    let w = Self.window(Self.up(20, downAt: [5]), grace: 0.1)
    let run = DeadlineSimulator.run(Greedy(), job: Self.job, window: w)
    #expect(run.lostWork == 0 && run.finishedAt == 7 && run.cost == 6)
    // So does a job that keeps its progress as it makes it.
    let kept = DeadlineSimulator.run(
      Greedy(), job: Self.job.keepingProgress,
      window: Self.window(Self.up(20, downAt: [5]), grace: 0))
    #expect(kept == run)
  }

  /// The interval in whole ticks, but never shorter than the write: with
  /// 0.08 h ticks, 0.1 h rounds to one tick, which the 0.1 h write outlasts.
  @Test func checkpointsAreNoCloserThanTheirWrite() {
    var w = Self.window(Array(repeating: true, count: 4), grace: 0)
    w.tick = 0.08
    var job = Self.job
    job.checkpointInterval = 0.1
    job.checkpointWriteHours = 0.1
    #expect(w.checkpointTicks(job: job) == 2)
    job.checkpointWriteHours = 0.05
    #expect(w.checkpointTicks(job: job) == 1)
    job.checkpointInterval = 2
    #expect(w.checkpointTicks(job: job) == 25)
  }

  /// A random window of three zones over two regions whose first zone's
  /// type (here every zone's) warns `grace` hours before a reclaim.
  static func randomWindow(seed: UInt64, grace: Double, ticks: Int = 16) -> DeadlineWindow {
    var w = MultiZoneJobTests.window(zones: 3, regions: 2, ticks: ticks, seed: seed)
    w.graceHours = [grace]
    return w
  }

  static func randomJob(seed: UInt64, ticks: Int = 16) -> DeadlineJob {
    var job = DeadlineJob(
      work: 6 + Double(seed % 4), deadline: Double(ticks) - Double(seed % 3), restartOverhead: 0.3,
      onDemandPrice: 2.5)
    job.checkpointInterval = Double(1 + seed % 3)
    job.checkpointWriteHours = 0.02
    return job
  }

  /// With a grace period long enough, every policy runs as if the job kept
  /// its progress, run for run.
  @Test func enoughGraceIsTheModelWithoutLossRunForRun() {
    for seed in UInt64(1)...30 {
      let job = Self.randomJob(seed: seed)
      let w = Self.randomWindow(seed: seed, grace: 0.02)
      for policy in DeadlinePolicies.all {
        let a = DeadlineSimulator.run(policy, job: job, window: w)
        let b = DeadlineSimulator.run(policy, job: job.keepingProgress, window: w)
        #expect(a == b, "\(policy.name), seed \(seed)")
      }
    }
  }

  /// Where reclaims lose work, every guarded policy still meets the
  /// deadline (the guard counts what a reclaim next tick would keep), the
  /// work by type still adds up to the job, and none beats the optimum.
  @Test func theGuardKeepsEveryPolicyOnTimeThroughLosses() throws {
    var lost = 0.0
    for seed in UInt64(1)...40 {
      let job = Self.randomJob(seed: seed)
      let w = Self.randomWindow(seed: seed, grace: 0.01)
      let best = try #require(DeadlineOptimum.solve(job: job, window: w))
      #expect(best == DeadlineOptimum.solve(job: job.keepingProgress, window: w))
      for policy in DeadlinePolicies.all where policy.guarded {
        let run = DeadlineSimulator.run(policy, job: job, window: w)
        #expect(!run.missed, "\(policy.name) missed, seed \(seed)")
        if !run.missed {
          #expect(
            abs(run.workByType.reduce(0, +) - job.work) < 1e-9, "\(policy.name), seed \(seed)")
        }
        #expect(run.cost >= best.cost - 1e-9, "\(policy.name), seed \(seed)")
        lost += run.lostWork
      }
    }
    #expect(lost > 0)
  }

  /// No schedule, however it moves, beats the optimum when reclaims lose
  /// work: it is the optimum of the job keeping its progress, which any
  /// schedule's losses only make dearer (exhaustive search).
  @Test func noScheduleBeatsTheOptimum() {
    for seed in UInt64(1)...10 {
      var w = MultiZoneJobTests.window(zones: 2, regions: 1, ticks: 6, seed: seed)
      w.graceHours = [0]
      var job = DeadlineJob(work: 3.5, deadline: 6, restartOverhead: 0.3, onDemandPrice: 2.5)
      job.checkpointInterval = 2
      job.checkpointWriteHours = 0.1
      let optimum = DeadlineOptimum.solve(job: job, window: w)?.cost ?? .infinity
      let best = MultiZoneJobTests.cheapestSchedule(job: job, window: w)
      #expect(optimum <= best + 1e-9, "seed \(seed)")
    }
  }

  /// A chip whose grace period writes the checkpoint keeps the work a
  /// reclaim of the own type's short one loses.
  @Test func eachTypeHasItsOwnGracePeriod() {
    let ticks = 12
    let own = Self.up(ticks, downAt: [5])
    var w = Self.window(own, grace: 0.05)
    w = w.adding(
      AcceleratorPlaces(
        available: own, price: Array(repeating: 1, count: ticks), prior: [], onDemandPrice: 5,
        speed: 1, graceHours: 0.5),
      continent: 0, egress: 0)
    #expect(w.graceHours == [0.05, 0.5])
    #expect(w.losesWork(at: 0, job: Self.job) && !w.losesWork(at: 1, job: Self.job))
    #expect(!w.losesWork(at: 2, job: Self.job), "on-demand is never reclaimed")
    let onOwn = DeadlineSimulator.run(
      Script(places: Array(repeating: .spot(zone: 0), count: ticks)), job: Self.job, window: w)
    let onChip = DeadlineSimulator.run(
      Script(places: Array(repeating: .spot(zone: 1), count: ticks)), job: Self.job, window: w)
    #expect(onOwn.lostWork == 1 && onChip.lostWork == 0)
    #expect(onChip.workByType == [0, 6] && onOwn.workByType == [6, 0])
  }
}
