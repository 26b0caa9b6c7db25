import Simulation

/// A run metric by its stored name: the `RunMetrics` coding keys, so that a
/// report cannot name a metric that runs do not store.
typealias Metric = RunMetrics.CodingKeys
