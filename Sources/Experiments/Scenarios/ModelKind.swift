/// Which model a scenario runs: the spec key `model`, parsed once.
public enum ModelKind: String, Sendable, CaseIterable, Hashable {
  /// The event-driven fleet simulator: many tasks on spot and on-demand
  /// instances over a horizon.
  case fleet
  /// One job with a deadline on the window of one zone's trace or several,
  /// tick by tick: the Can't Be Late and SkyNomad settings.
  case deadlineJob = "deadline-job"
}
