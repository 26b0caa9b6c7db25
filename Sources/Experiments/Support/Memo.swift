import Foundation

/// Values computed at most once per key and shared between threads: a
/// second caller for a key waits for the first instead of computing again.
/// For pure computations only (optima, baselines), so which thread computes
/// a value never changes it.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
  private var values: [Key: Value] = [:]
  private var keyLocks: [Key: NSLock] = [:]
  private let lock = NSLock()

  init() {}

  /// The value for `key`, computed by `compute` on first use.
  func value(_ key: Key, compute: () -> Value) -> Value {
    let keyLock = lock.withLock { () -> NSLock in
      if let existing = keyLocks[key] { return existing }
      let created = NSLock()
      keyLocks[key] = created
      return created
    }
    return keyLock.withLock {
      if let hit = lock.withLock({ values[key] }) { return hit }
      let result = compute()
      lock.withLock { values[key] = result }
      return result
    }
  }

  /// Values known so far.
  var count: Int { lock.withLock { values.count } }

  /// The value for `key` if it is known (never computes).
  func known(_ key: Key) -> Value? { lock.withLock { values[key] } }

  /// Makes `known` values available without computing them (values read
  /// back from a store; keys already present keep theirs).
  func prefill(_ known: [Key: Value]) {
    lock.withLock { values.merge(known) { current, _ in current } }
  }
}
