import Foundation

/// Wall time of `body` in milliseconds.
func milliseconds(_ body: () -> Void) -> Double {
  let clock = ContinuousClock()
  let d = clock.measure(body)
  return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

/// Median of the values.
func median(_ values: [Double]) -> Double {
  let s = values.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Runs a command and returns (wall ms, stdout, exit status).
func runProcess(_ path: String, _ arguments: [String]) -> (Double, String, Int32) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  var output = Data()
  let ms = milliseconds {
    do {
      try process.run()
      output = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
    } catch {
      print("cannot run \(path): \(error)")
    }
  }
  return (ms, String(decoding: output, as: UTF8.self), process.terminationStatus)
}

func format(_ v: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", v) }

/// CPU time (user + system, all threads) spent in `body`, in milliseconds.
func cpuMilliseconds(_ body: () -> Void) -> Double {
  func now() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec) / 1000
    let system = Double(usage.ru_stime.tv_sec) * 1000 + Double(usage.ru_stime.tv_usec) / 1000
    return user + system
  }
  let start = now()
  body()
  return now() - start
}
