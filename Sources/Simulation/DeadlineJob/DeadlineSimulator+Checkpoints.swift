extension DeadlineSimulator {
  /// A deadline job's periodic checkpoints since its last start: the last
  /// one (its work and when it began to be written) and the one before.
  ///
  /// A start's checkpoint is whole (the job wrote it when it stopped, or a
  /// reclaim's grace period did, or it is the last periodic one). A
  /// checkpoint begun at time t is written by t + W (W the job's
  /// `checkpointWriteHours`); periodic ones are at least W apart
  /// (`DeadlineWindow.checkpointTicks`), so the one before the last is
  /// always written.
  struct Checkpoints {
    /// Work in the last checkpoint, and when it began to be written.
    var last: (done: Double, time: Double)
    /// Work in the checkpoint before it.
    var previous: Double
    /// Ticks run since the last checkpoint.
    var ticksSince = 0

    /// The checkpoint of a start with `done` work (whole).
    init(done: Double = 0) {
      last = (done, -.infinity)
      previous = done
    }

    /// The job ran a tick ending at `time` with `done` work: every `ticks`
    /// ticks of running it begins a checkpoint.
    mutating func ran(done: Double, until time: Double, every ticks: Int) {
      ticksSince += 1
      guard ticksSince >= ticks else { return }
      previous = last.done
      last = (done, time)
      ticksSince = 0
    }

    /// The work a reclaim at `time` keeps: the last checkpoint written by
    /// then.
    func durable(at time: Double, writeHours: Double) -> Double {
      last.time + writeHours <= time + 1e-12 ? last.done : previous
    }
  }
}

extension DeadlineSimulator.Run {
  /// A reclaim of zone `z` at tick k whose grace period is too short to
  /// write the checkpoint: the job falls back to the last one written, and
  /// the work since is lost (taken off the type that did it).
  mutating func loseUnsavedWork(at k: Int, zone z: Int) {
    let kept = checkpoints.durable(
      at: Double(k) * window.tick, writeHours: job.checkpointWriteHours)
    let lost = Swift.max(0, done - kept)
    guard lost > 0 else { return }
    done = kept
    outcome.lostWork += lost
    let type = window.types[z]
    if type != 0 { outcome.otherTypeWork -= lost }
    outcome.workByType[type] -= lost
    checkpoints = DeadlineSimulator.Checkpoints(done: kept)
  }
}
