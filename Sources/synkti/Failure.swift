import ArgumentParser
import Experiments
import Foundation
import Simulation

/// Runs `body`; input and data errors print one line on stderr and exit 2.
/// A storage error names `database`, the file the command works on.
func reportingInputErrors<T>(database: String? = nil, _ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as ExperimentsError {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    throw ExitCode(2)
  } catch let error as SimulationError {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    throw ExitCode(2)
  } catch {
    guard let text = ResultsStore.describeStorageError(error) else { throw error }
    FileHandle.standardError.write(Data("error: \(database ?? "database"): \(text)\n".utf8))
    throw ExitCode(2)
  }
}

/// Writes to stderr.
func printError(_ text: String, terminator: String = "\n") {
  FileHandle.standardError.write(Data((text + terminator).utf8))
}
