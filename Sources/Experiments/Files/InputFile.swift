import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Checks a path before it is read, so every input error is a sentence that
/// names the path and the cause (a folder, a FIFO, no permission, too
/// large), never a platform error code, and nothing blocks on a FIFO.
enum InputFile {
  /// The largest input file read (a trace of 2 GB is about 50 M rows).
  static let maximumBytes: Int64 = 2_000_000_000

  /// Throws `ExperimentsError.unreadable` naming `path` and why it cannot
  /// be read as a file; returns its size in bytes otherwise.
  @discardableResult
  static func check(_ path: String) throws -> Int64 {
    var info = stat()
    guard stat(path, &info) == 0 else {
      let reason =
        errno == ENOENT
        ? "no such file or directory"
        : errno == EACCES
          ? "no permission to reach it (a folder on its path is not searchable)"
          : "cannot inspect it (\(String(cString: strerror(errno))))"
      throw ExperimentsError.unreadable(file: path, reason: reason)
    }
    let kind = info.st_mode & S_IFMT
    guard kind == S_IFREG else {
      let what: String
      switch kind {
      case S_IFDIR: what = "it is a folder, not a file"
      case S_IFIFO: what = "it is a FIFO (named pipe), not a regular file"
      case S_IFSOCK: what = "it is a socket, not a regular file"
      case S_IFCHR, S_IFBLK: what = "it is a device, not a regular file"
      default: what = "it is not a regular file"
      }
      throw ExperimentsError.unreadable(file: path, reason: what)
    }
    guard access(path, R_OK) == 0 else {
      throw ExperimentsError.unreadable(file: path, reason: "no permission to read it")
    }
    let size = Int64(info.st_size)
    guard size <= maximumBytes else {
      throw ExperimentsError.unreadable(
        file: path,
        reason: "it is \(size) bytes, over the \(maximumBytes) bytes an input file may have")
    }
    return size
  }
}
