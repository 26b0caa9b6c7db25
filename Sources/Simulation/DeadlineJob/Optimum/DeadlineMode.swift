/// What runs during a tick of a single-zone schedule: the actions of the
/// exact single-zone optimum's states.
public enum DeadlineMode: Int, Sendable, CaseIterable {
  case idle, spot, onDemand
}
