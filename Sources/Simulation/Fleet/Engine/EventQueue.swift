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

  /// A binary min-heap in an array: the root is the earliest entry. (Not
  /// HeapModule's min-max heap: the queue only ever takes the minimum, and
  /// a plain binary heap does that with half the comparisons.)
  var entries: [Entry] = []
  var nextSequence: UInt64 = 0

  /// The current simulated time: that of the last event taken.
  public private(set) var now: Double = 0

  /// Creates an empty queue at time 0.
  public init() {}

  /// Number of pending events.
  public var count: Int { entries.count }

  /// Schedules `payload` at `time` (never earlier than now).
  /// - Complexity: O(log n).
  public mutating func schedule(_ payload: Payload, at time: Double) {
    precondition(time >= now, "cannot schedule into the past")
    let entry = Entry(time: time, sequence: nextSequence, payload: payload)
    nextSequence &+= 1
    // Sift up: move parents down until the new entry's place is found.
    var child = entries.count
    entries.append(entry)
    entries.withUnsafeMutableBufferPointer { heap in
      while child > 0 {
        let parent = (child - 1) / 2
        guard entry < heap[parent] else { break }
        heap[child] = heap[parent]
        child = parent
      }
      heap[child] = entry
    }
  }

  /// Takes the earliest event and advances the clock to it.
  /// - Complexity: O(log n).
  public mutating func next() -> (time: Double, payload: Payload)? {
    guard let last = entries.popLast() else { return nil }
    guard !entries.isEmpty else {
      now = last.time
      return (last.time, last.payload)
    }
    let top = entries[0]
    // Sift the last entry down from the root.
    entries.withUnsafeMutableBufferPointer { heap in
      let n = heap.count
      var parent = 0
      while true {
        var child = 2 * parent + 1
        guard child < n else { break }
        if child + 1 < n, heap[child + 1] < heap[child] { child += 1 }
        guard heap[child] < last else { break }
        heap[parent] = heap[child]
        parent = child
      }
      heap[parent] = last
    }
    now = top.time
    return (top.time, top.payload)
  }

  /// Time of the earliest pending event.
  public var nextTime: Double? { entries.first?.time }
}
