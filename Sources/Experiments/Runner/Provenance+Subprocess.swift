import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A program (git, for provenance and fingerprints) run to its end for its standard output, by `posix_spawnp` and
/// `waitpid`. Not Foundation's `Process`: on Linux its `waitUntilExit`
/// polls the run loop every 50 ms, so each short `git` call cost ~50 ms of
/// waiting, a fifth of a sweep that only reuses runs.
enum Subprocess {
  /// Runs `arguments[0]` (looked up on `PATH`) with `arguments`, `input`
  /// on its standard input (else /dev/null) and its standard error
  /// discarded: its standard output and exit code, or nil when it cannot
  /// start or is killed by a signal.
  static func run(_ arguments: [String], input: Data? = nil) -> (output: Data, status: Int32)? {
    guard let program = arguments.first else { return nil }
    var output: [Int32] = [-1, -1]
    var stdin: [Int32] = [-1, -1]
    guard pipe(&output) == 0 else { return nil }
    if input != nil, pipe(&stdin) != 0 {
      close(output[0])
      close(output[1])
      return nil
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, output[1], 1)
    posix_spawn_file_actions_addclose(&actions, output[0])
    posix_spawn_file_actions_addclose(&actions, output[1])
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    if input != nil {
      posix_spawn_file_actions_adddup2(&actions, stdin[0], 0)
      posix_spawn_file_actions_addclose(&actions, stdin[0])
      posix_spawn_file_actions_addclose(&actions, stdin[1])
    } else {
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for arg in argv { free(arg) } }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, program, &actions, nil, argv, environ)
    close(output[1])
    if input != nil { close(stdin[0]) }
    guard spawned == 0 else {
      close(output[0])
      if input != nil { close(stdin[1]) }
      return nil
    }
    if let input {
      // Written from another thread: the child's output must be drained
      // while it reads, or both block on full pipe buffers.
      let fd = stdin[1]
      DispatchQueue.global().async {
        input.withUnsafeBytes { bytes in
          var offset = 0
          while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            offset += n
          }
        }
        close(fd)
      }
    }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(output[0], $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      data.append(contentsOf: buffer[0..<n])
    }
    close(output[0])
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { return nil }
    }
    // Exited normally (no terminating signal): its exit code.
    guard status & 0x7f == 0 else { return nil }
    return (data, (status >> 8) & 0xff)
  }
}
