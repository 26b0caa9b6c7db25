import Experiments
import Foundation

/// Trace ingestion: rows per second of the AWS CSV parser, on a synthetic
/// 4-million-row zone file in canonical form and on the vendored V100 set.
///
/// Target (issue "Hardening, second pass"): ≥ 2 M rows/s on this machine.
struct TraceBenchmark {
  let repository: String

  func run() {
    print("== trace ingestion: AWS CSV rows per second ==")
    let rows = 4_000_000
    var text = "date,availability\n"
    text.reserveCapacity(rows * 22 + 20)
    let start = 1_676_498_896  // 2023-02-15 22:08:16 UTC
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    formatter.timeZone = TimeZone(identifier: "UTC")
    // One formatted date per day; the clock part is written by hand (fast).
    var day = ""
    var dayStart = -1
    for r in 0..<rows {
      let t = start + r * 195
      if t / 86_400 != dayStart {
        dayStart = t / 86_400
        day = String(
          formatter.string(from: Date(timeIntervalSince1970: Double(dayStart * 86_400))).prefix(11))
      }
      let s = t % 86_400
      let clock = String(format: "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
      text += day + clock + (r % 7 == 0 ? ",0\n" : ",1\n")
    }
    var times: [Double] = []
    for _ in 0..<5 {
      times.append(
        milliseconds {
          _ = try! TraceLoader.parseAWS(text, file: "us-test-1a_v100_1.csv", prices: nil)
        })
    }
    let rate = Double(rows) / (median(times) / 1000)
    print(
      "  synthetic zone file, \(rows) rows (\(text.utf8.count / 1_000_000) MB): median \(format(median(times), 0)) ms of 5 → \(format(rate / 1e6, 2)) M rows/s  (target ≥ 2 M rows/s: \(rate >= 2e6 ? "met" : "NOT met"))"
    )
    let folder = "\(repository)/Experiments/data/traces/aws-v100-2023-02"
    var loaded = 0
    let ms = milliseconds {
      loaded = (try? TraceLoader.load(folder))?.reduce(0) { $0 + $1.available.count } ?? 0
    }
    print(
      "  vendored AWS V100 set, 9 zones, \(loaded) rows with prices: \(format(ms, 0)) ms (\(format(Double(loaded) / (ms / 1000) / 1e6, 2)) M rows/s, JSON prices included)"
    )
  }
}
