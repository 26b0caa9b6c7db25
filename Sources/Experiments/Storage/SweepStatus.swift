/// Where a sweep stands, stored as text in `sweeps.status`.
public enum SweepStatus: String, Codable, Sendable, CaseIterable {
  /// Runs are being computed (or the process died without saying so).
  case running
  /// Every run is stored.
  case finished
  /// Stopped before the end (`--max-runs`, a signal): `--resume` goes on.
  case interrupted
  /// Stopped by more failed runs than `--max-failures` allows.
  case failed
  /// A merge of shards that is missing runs.
  case incomplete
}
