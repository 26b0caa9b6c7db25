import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one-writer lock of a results database: an advisory `flock` on the
/// file `<database>.lock` beside it.
///
/// A sweep (or merge) holds it from before it opens the database until it
/// exits, so a second writer on the same database either waits or is refused
/// before it writes anything, and never disturbs the first. The kernel drops
/// the lock when its process dies, however it dies, so a lock left by a dead
/// process is taken over by the next writer; the file itself stays and only
/// records who holds (or last held) the lock.
public final class SweepLock: @unchecked Sendable {
  /// The lock file.
  public let path: String
  private let descriptor: Int32

  private init(path: String, descriptor: Int32) {
    self.path = path
    self.descriptor = descriptor
  }

  deinit { close(descriptor) }

  /// The lock file of `database`.
  public static func path(besides database: String) -> String { database + ".lock" }

  /// Takes the lock of `database`.
  /// - Parameters:
  ///   - owner: who takes it (recorded in the file for whoever is refused).
  ///   - wait: wait for the holder to finish instead of refusing.
  ///   - waiting: called once, with the holder, before waiting.
  /// - Throws: `ExperimentsError.database` naming the holder, when the lock
  ///   is held and `wait` is false, or when the lock file cannot be opened.
  public static func acquire(
    besides database: String, owner: String, wait: Bool,
    waiting: (String) -> Void = { _ in }
  ) throws -> SweepLock {
    let path = path(besides: database)
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw ExperimentsError.database(
        file: database,
        reason: "cannot open its lock file \(path): \(String(cString: strerror(errno)))")
    }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let holder = holderText(fd)
      guard wait else {
        close(fd)
        throw ExperimentsError.database(
          file: database,
          reason:
            "in use by another sweep (\(holder)); wait for it with --wait, or write to another --db"
        )
      }
      waiting(holder)
      while flock(fd, LOCK_EX) != 0 {
        guard errno == EINTR else {
          close(fd)
          throw ExperimentsError.database(
            file: database, reason: "cannot lock \(path): \(String(cString: strerror(errno)))")
        }
      }
    }
    let lock = SweepLock(path: path, descriptor: fd)
    lock.record(owner)
    return lock
  }

  /// Writes who holds the lock into the file.
  func record(_ owner: String) {
    _ = ftruncate(descriptor, 0)
    let bytes = Array(owner.utf8)
    _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
  }

  static func holderText(_ fd: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 512)
    let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    let text = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
    return text.isEmpty ? "a process that has not said who it is" : text
  }

  /// A description of this process for the lock file.
  public static func owner(_ what: String) -> String {
    "pid \(getpid()) on \(ProcessInfo.processInfo.hostName): \(what), since \(Timestamp.now())"
  }
}
