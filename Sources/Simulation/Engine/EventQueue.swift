import HeapModule

/// A future-event list: events ordered by time, ties broken by the order in
/// which they were scheduled.
///
/// The sequence number makes simultaneous events deterministic, as SimPy's
/// event id does. The queue knows nothing of the domain; cancellation is the
/// handler's business (events carry an epoch that it checks).
public struct EventQueue<Payload> {
  struct Entry: Comparable {
    let time: Double
    let sequence: UInt64
    let payload: Payload

    static func < (a: Entry, b: Entry) -> Bool {
      a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }

    static func == (a: Entry, b: Entry) -> Bool {
      a.time == b.time && a.sequence == b.sequence
    }
  }

  var heap = Heap<Entry>()
  var nextSequence: UInt64 = 0

  /// The current simulated time: that of the last event taken.
  public private(set) var now: Double = 0

  /// Creates an empty queue at time 0.
  public init() {}

  /// Number of pending events.
  public var count: Int { heap.count }

  /// Schedules `payload` at `time` (never earlier than now).
  /// - Complexity: O(log n).
  public mutating func schedule(_ payload: Payload, at time: Double) {
    precondition(time >= now, "cannot schedule into the past")
    heap.insert(Entry(time: time, sequence: nextSequence, payload: payload))
    nextSequence &+= 1
  }

  /// Takes the earliest event and advances the clock to it.
  /// - Complexity: O(log n).
  public mutating func next() -> (time: Double, payload: Payload)? {
    guard let entry = heap.popMin() else { return nil }
    now = entry.time
    return (entry.time, entry.payload)
  }

  /// Time of the earliest pending event.
  public var nextTime: Double? { heap.min?.time }
}
