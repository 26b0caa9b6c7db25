import ArgumentParser
import Assignment
import Experiments
import Foundation

extension Synkti {
  struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Solve a min-cost assignment from a CSV cost matrix.",
      discussion: """
        Rows are tasks and columns are targets. An empty cell or `inf` forbids \
        the pair; negative costs are allowed. A row that cannot be assigned \
        (or, with more rows than columns, is left over) prints `unassigned`. \
        `optimal` maximises the number of assigned rows and, among those, \
        minimises total cost. Exit code 2 on a malformed matrix.

        Example:
          printf '4,1,3\\n2,0,5\\n3,2,2\\n' > costs.csv
          synkti assign --costs costs.csv --json
        """)

    @Option(help: "CSV cost matrix.") var costs: String

    @Option(help: "optimal, best-fit or naive.")
    var strategy: String = "optimal"

    @Flag(help: #"Print {"assignment": [...], "total_cost": x, "strategy": name}."#)
    var json = false

    func validate() throws {
      guard AssignmentStrategy(rawValue: strategy) != nil else {
        throw ValidationError(
          "unknown strategy '\(strategy)'; use one of: \(AssignmentStrategy.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
    }

    func run() throws {
      let matrix: CostMatrix
      do {
        matrix = try CostMatrixCSV.load(costs)
      } catch let error as ExperimentsError {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(2)
      }
      let strategy = AssignmentStrategy(rawValue: self.strategy)!
      let result = strategy.solve(matrix)
      if json {
        let columns = result.columnForRow.map { $0.map(String.init) ?? "null" }
        print(
          "{\"assignment\": [\(columns.joined(separator: ", "))], \"total_cost\": \(MetricsJSON.number(result.totalCost)), \"strategy\": \"\(strategy.rawValue)\"}"
        )
      } else {
        for (row, column) in result.columnForRow.enumerated() {
          if let column {
            print("row \(row) -> column \(column)  (cost \(matrix[row, column]))")
          } else {
            print("row \(row) -> unassigned")
          }
        }
        print(
          "total cost: \(result.totalCost)  (\(strategy.rawValue), \(result.assignedCount)/\(matrix.rows) rows assigned)"
        )
      }
    }
  }
}
