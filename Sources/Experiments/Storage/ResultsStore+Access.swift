import Foundation
import GRDB

/// How the store touches its file: transactions whose SQLite errors name the
/// file, those errors in words, and where a reader opens it.
extension ResultsStore {
  /// Reads in one transaction; an SQLite error becomes
  /// `ExperimentsError.database` naming this store's file.
  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try writer.read(body)
    } catch let error as DatabaseError {
      throw ExperimentsError.database(file: path, reason: Self.describe(error))
    }
  }

  /// Writes in one transaction; an SQLite error (disk full, busy, read-only)
  /// becomes `ExperimentsError.database` naming this store's file.
  func write<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try writer.write(body)
    } catch let error as DatabaseError {
      throw ExperimentsError.database(file: path, reason: Self.describe(error))
    }
  }

  /// A storage error (an SQLite error from any store call) in words a user
  /// can act on, or nil when `error` is not one.
  public static func describeStorageError(_ error: any Error) -> String? {
    (error as? DatabaseError).map(describe)
  }

  /// An SQLite error in words a user can act on.
  public static func describe(_ error: DatabaseError) -> String {
    switch error.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return "the database is busy: another process is writing it"
    case .SQLITE_NOTADB: return "not an SQLite database"
    case .SQLITE_READONLY: return "the database is read-only here"
    case .SQLITE_CANTOPEN: return "cannot open it (check the path and permissions)"
    default: return "cannot use this database: \(error.message ?? "\(error)")"
    }
  }

  /// Where a reader opens `path` so that it leaves the folder as it found
  /// it: in place when a writer's side files (`-wal`, `-shm`) are there
  /// (reading them creates nothing), else as an immutable URI, so SQLite
  /// creates no `-shm` or `-wal` for a database that no one is writing.
  static func readLocation(_ path: String) -> String {
    let sides = ["-wal", "-shm"].contains { FileManager.default.fileExists(atPath: path + $0) }
    guard !sides else { return path }
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: "?#%")
    let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
    return "file:\(encoded)?immutable=1"
  }
}
