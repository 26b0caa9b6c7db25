// synkti-bench: speed targets, measured in release mode, never in tests.
//
//   synkti-bench simulator    events/s, the headline and the scale scenario
//   synkti-bench runner       sweep throughput: parallel efficiency, storage cost
//   synkti-bench assignment   the solver against scipy, side by side
//   synkti-bench deadline     the offline optimum per real-trace window
//   synkti-bench traces       trace ingestion, rows per second
//   synkti-bench looseness    the fleet bound against the exact optimum with overheads
//   synkti-bench all          all of the above
//   synkti-bench competitive  ROSS, greedy and UP: worst case by exhaustion (docs/model.md)
//   synkti-bench profile [headline|scale] [RUNS]
//                             the simulator alone, for `perf record`

import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.first ?? "all"
// The benchmark runs from Benchmarks/; paths are relative to the repository.
let repository =
  FileManager.default.currentDirectoryPath.hasSuffix("/Benchmarks")
  ? ".." : "."

switch command {
case "simulator": SimulatorBenchmark(repository: repository).run()
case "assignment": AssignmentBenchmark(repository: repository).run()
case "runner": RunnerBenchmark(repository: repository).run()
case "storage": StorageProbe(repository: repository).run()
case "deadline": DeadlineBenchmark(repository: repository).run()
case "traces": TraceBenchmark(repository: repository).run()
case "looseness": BoundLoosenessBenchmark(repository: repository).run()
case "competitive": CompetitiveTable().run()
case "profile":
  SimulatorBenchmark(repository: repository).profile(
    arguments.count > 1 ? arguments[1] : "headline",
    runs: arguments.count > 2 ? Int(arguments[2]) ?? 1000 : 1000)
case "all":
  SimulatorBenchmark(repository: repository).run()
  print("")
  RunnerBenchmark(repository: repository).run()
  print("")
  AssignmentBenchmark(repository: repository).run()
  print("")
  DeadlineBenchmark(repository: repository).run()
  print("")
  TraceBenchmark(repository: repository).run()
  print("")
  BoundLoosenessBenchmark(repository: repository).run()
default:
  print(
    "usage: synkti-bench [simulator|runner|assignment|deadline|traces|looseness|competitive|all|profile [headline|scale] [RUNS]]"
  )
  exit(2)
}
