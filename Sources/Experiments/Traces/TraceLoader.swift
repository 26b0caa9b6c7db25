import Foundation
import Simulation

/// Reads measured spot availability traces in the two shared formats.
///
/// - AWS (`<zone>_<gpu>_<n>.csv`): `date,availability` rows, `1` = available;
///   per-tick prices from `spot_prices.json` beside it, keyed by file stem.
/// - GCP (`<zone>_<gpu>_<n>.json`): `metadata.gap_seconds`, `data` with the
///   **inverted** convention `1` = preempted, and `prices` per tick.
///
/// Both are normalised to `AvailabilityTrace` (`true` = available). The
/// instance type a trace measured comes from the GCP metadata
/// (`price_info.machine_type`) or, failing that, from the file name's GPU
/// token and the format (`instanceTypes`).
public enum TraceLoader {
  /// Instance types by (format, GPU token of `<zone>_<gpu>_<n>`): the shared
  /// AWS traces probe p3.2xlarge (1× V100), the GCP ones a3-highgpu-8g
  /// (`Experiments/data/README.md`).
  public static let instanceTypes: [String: String] = [
    "csv:v100": "p3.2xlarge", "json:h100": "a3-highgpu-8g",
  ]

  /// The instance type named by a trace file's name, if known.
  static func instanceType(fromName file: String) -> String? {
    let parts = stem(of: file).split(separator: "_")
    guard parts.count >= 2 else { return nil }
    let format = (file as NSString).pathExtension.lowercased()
    return instanceTypes["\(format):\(parts[parts.count - 2].lowercased())"]
  }

  /// Loads one trace file, or every trace in a directory (sorted by name).
  public static func load(_ path: String) throws -> [AvailabilityTrace] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ExperimentsError.unreadable(file: path, reason: "no such file or directory")
    }
    if !isDirectory.boolValue { return [try loadFile(path)] }
    let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    // One parse of the shared price table for every zone's CSV.
    let prices = try priceTable(besides: (path as NSString).appendingPathComponent("x.csv"))
    var traces: [AvailabilityTrace] = []
    for name in names {
      let file = (path as NSString).appendingPathComponent(name)
      if name.hasSuffix(".csv") {
        // A zone's file (`<zone>_<gpu>_<n>.csv`) is read or refused, never
        // dropped; other CSVs (price summaries) are traces only when their
        // header says so.
        let text = try readText(file)
        guard
          isZoneFile(name) || text.hasPrefix("date,availability")
            || text.hasPrefix("\u{FEFF}date,availability")
        else { continue }
        traces.append(try parseAWS(text, file: file, prices: prices?[stem(of: file)]))
      } else if name.hasSuffix(".json") && name != "spot_prices.json" {
        traces.append(try loadFile(file))
      }
    }
    guard !traces.isEmpty else {
      throw ExperimentsError.unreadable(file: path, reason: "no trace files (.csv or .json) in it")
    }
    return traces
  }

  /// Loads a single trace file by its extension.
  public static func loadFile(_ file: String) throws -> AvailabilityTrace {
    if file.hasSuffix(".json") { return try loadGCP(file) }
    let prices = try priceTable(besides: file)?[stem(of: file)]
    return try parseAWS(readText(file), file: file, prices: prices)
  }

  /// Whether `name` is a zone's trace file, `<zone>_<gpu>_<n>.<ext>`.
  static func isZoneFile(_ name: String) -> Bool {
    let parts = stem(of: name).split(separator: "_", omittingEmptySubsequences: false)
    return parts.count >= 3 && parts.allSatisfy { !$0.isEmpty } && Int(parts.last!) != nil
  }

  static func stem(of file: String) -> String {
    ((file as NSString).lastPathComponent as NSString).deletingPathExtension
  }

  /// `spot_prices.json` beside `file`, by trace stem (nil when absent).
  /// - Throws: when it is not an object of lists of finite prices ≥ 0.
  static func priceTable(besides file: String) throws -> [String: [Double]]? {
    let pricesFile = ((file as NSString).deletingLastPathComponent as NSString)
      .appendingPathComponent("spot_prices.json")
    guard FileManager.default.fileExists(atPath: pricesFile) else { return nil }
    guard let table = try jsonObject(pricesFile) as? [String: Any] else {
      throw ExperimentsError.malformed(
        file: pricesFile, line: nil,
        reason: "expected an object {\"<zone>_<gpu>_<n>\": [price, ...]}")
    }
    var prices: [String: [Double]] = [:]
    for key in table.keys.sorted() {
      guard let list = table[key] as? [Any] else {
        throw ExperimentsError.invalidValue(
          file: pricesFile, key: key, value: excerpt("\(table[key]!)"),
          expected: "a list of prices")
      }
      prices[key] = try Self.prices(list, file: pricesFile, key: key)
    }
    return prices
  }

  /// Prices from a JSON list, each finite and ≥ 0.
  static func prices(_ list: [Any], file: String, key: String) throws -> [Double] {
    try list.enumerated().map { i, item in
      guard let v = (item as? NSNumber)?.doubleValue, v.isFinite, v >= 0 else {
        throw ExperimentsError.invalidValue(
          file: file, key: "\(key)[\(i)]", value: excerpt("\(item)"),
          expected: "a finite price ≥ 0 ($/h)")
      }
      return v
    }
  }

  /// At most 80 characters of `text`, for messages.
  static func excerpt(_ text: String) -> String {
    text.count <= 80 ? text : String(text.prefix(80)) + "…"
  }

  /// Parses AWS CSV text; the tick is the mean spacing of the timestamps.
  public static func parseAWS(_ text: String, file: String, prices: [Double]?) throws
    -> AvailabilityTrace
  {
    if let fast = AWSScanner.scan(text) {
      return try trace(
        fast.available, first: fast.first, last: fast.last, file: file, prices: prices)
    }
    return try parseAWSLines(text, file: file, prices: prices)
  }

  /// The general parser of AWS CSV text, line by line: any line ending, a
  /// byte-order mark, spaces, and an error that names each fault's line.
  static func parseAWSLines(_ text: String, file: String, prices: [Double]?) throws
    -> AvailabilityTrace
  {
    var available: [Bool] = []
    var first: Double?
    var last = 0.0
    // Any line ending (LF, CRLF, CR) and a leading byte-order mark are fine.
    let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    for (index, raw) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated()
    {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if index == 0 {
        guard line == "date,availability" else {
          throw ExperimentsError.malformed(
            file: file, line: 1,
            reason: "expected header 'date,availability', found '\(excerpt(line))'")
        }
        continue
      }
      if line.isEmpty { continue }
      let fields = line.split(separator: ",")
      guard fields.count == 2, let seconds = parseTimestamp(String(fields[0])),
        fields[1] == "0" || fields[1] == "1"
      else {
        throw ExperimentsError.malformed(
          file: file, line: index + 1,
          reason:
            "expected 'YYYY-MM-DD HH:MM:SS,0|1' (a year from 1970 to 9999), found '\(excerpt(line))'"
        )
      }
      if let previous = first.map({ _ in last }), seconds < previous {
        throw ExperimentsError.malformed(
          file: file, line: index + 1,
          reason: "timestamps must not go back in time, found '\(excerpt(line))'")
      }
      if first == nil { first = seconds }
      last = seconds
      available.append(fields[1] == "1")
    }
    return try trace(available, first: first, last: last, file: file, prices: prices)
  }

  /// The trace of parsed rows, checked: two rows or more, in time order,
  /// and one price per row when there are prices.
  static func trace(
    _ available: [Bool], first: Double?, last: Double, file: String, prices: [Double]?
  ) throws -> AvailabilityTrace {
    guard available.count >= 2, let first, last > first else {
      throw ExperimentsError.malformed(
        file: file, line: nil, reason: "needs at least two rows in time order")
    }
    if let prices, prices.count != available.count {
      throw ExperimentsError.malformed(
        file: file, line: nil,
        reason: "spot_prices.json has \(prices.count) prices for \(available.count) rows")
    }
    let zone = String(((file as NSString).lastPathComponent).split(separator: "_").first ?? "")
    let tick = (last - first) / Double(available.count - 1) / 3600
    return AvailabilityTrace(
      zone: zone, tickHours: tick, available: available, prices: prices,
      instanceType: instanceType(fromName: file))
  }

  /// Loads a GCP JSON trace (`data`: 1 = preempted).
  public static func loadGCP(_ file: String) throws -> AvailabilityTrace {
    guard let root = try jsonObject(file) as? [String: Any],
      let metadata = root["metadata"] as? [String: Any]
    else {
      throw ExperimentsError.missingKey(file: file, key: "metadata")
    }
    guard let gap = (metadata["gap_seconds"] as? NSNumber)?.doubleValue, gap > 0 else {
      throw ExperimentsError.invalidValue(
        file: file, key: "metadata.gap_seconds", value: "\(metadata["gap_seconds"] ?? "null")",
        expected: "a number > 0")
    }
    guard let data = root["data"] as? [Any], !data.isEmpty else {
      throw ExperimentsError.missingKey(file: file, key: "data")
    }
    var available: [Bool] = []
    for (i, item) in data.enumerated() {
      guard let v = (item as? NSNumber)?.intValue, v == 0 || v == 1 else {
        throw ExperimentsError.invalidValue(
          file: file, key: "data[\(i)]", value: "\(item)", expected: "0 or 1 (1 = preempted)")
      }
      available.append(v == 0)
    }
    var prices: [Double]?
    if let list = root["prices"] {
      guard let list = list as? [Any] else {
        throw ExperimentsError.invalidValue(
          file: file, key: "prices", value: excerpt("\(list)"), expected: "a list of prices")
      }
      prices = try Self.prices(list, file: file, key: "prices")
    }
    let zone =
      metadata["zone"] as? String
      ?? String(((file as NSString).lastPathComponent).split(separator: "_").first ?? "")
    let priceInfo = metadata["price_info"] as? [String: Any]
    let machine = priceInfo?["machine_type"] as? String
    let onDemand = (priceInfo?["on_demand_price"] as? NSNumber)?.doubleValue
    guard onDemand.map({ $0.isFinite && $0 >= 0 }) ?? true else {
      throw ExperimentsError.invalidValue(
        file: file, key: "metadata.price_info.on_demand_price", value: "\(onDemand!)",
        expected: "a finite price ≥ 0 ($/h)")
    }
    return AvailabilityTrace(
      zone: zone, tickHours: gap / 3600, available: available,
      prices: prices?.count == available.count ? prices : nil,
      instanceType: machine ?? instanceType(fromName: file), onDemandPrice: onDemand)
  }

  static func jsonObject(_ file: String) throws -> Any {
    try InputFile.check(file)
    guard let data = FileManager.default.contents(atPath: file) else {
      throw ExperimentsError.unreadable(file: file, reason: "cannot read")
    }
    do {
      return try JSONSerialization.jsonObject(with: data)
    } catch {
      let (line, reason) = jsonFault(error, in: data)
      throw ExperimentsError.malformed(file: file, line: line, reason: reason)
    }
  }

  /// Where JSON parsing failed, as a line and column, from the parser's
  /// "around character N" (nil line when it gives no position).
  static func jsonFault(_ error: any Error, in data: Data) -> (line: Int?, reason: String) {
    let detail =
      (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
      ?? error.localizedDescription
    guard let range = detail.range(of: #"character \d+"#, options: .regularExpression),
      let offset = Int(detail[range].dropFirst("character ".count)), offset <= data.count
    else { return (nil, "invalid JSON: \(detail)") }
    let before = data.prefix(offset)
    let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? data.startIndex
    let column = offset - (lineStart - data.startIndex) + 1
    return (line, "invalid JSON at column \(column): \(detail)")
  }

  /// Seconds since 1970 of `YYYY-MM-DD HH:MM:SS` (UTC), without Foundation's
  /// date parsers (fast, and no locale).
  static func parseTimestamp(_ text: String) -> Double? {
    let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" || $0 == "T" })
      .compactMap { Int($0) }
    guard parts.count == 6 else { return nil }
    let (y, m, d) = (parts[0], parts[1], parts[2])
    // Bounded so that the arithmetic below cannot overflow.
    guard (1970...9999).contains(y), (1...12).contains(m), (1...31).contains(d),
      (0...23).contains(parts[3]), (0...59).contains(parts[4]), (0...60).contains(parts[5])
    else { return nil }
    let days = AWSScanner.days(y, m, d)
    return Double(days * 86_400 + parts[3] * 3_600 + parts[4] * 60 + parts[5])
  }
}

/// Loaded traces by path, shared by the runs of a sweep so each file is read
/// once. Thread-safe; pass one instance where you need sharing.
public final class TraceCache: @unchecked Sendable {
  private var loaded: [String: [AvailabilityTrace]] = [:]
  private let lock = NSLock()

  /// An empty cache.
  public init() {}

  /// Paths loaded so far, sorted.
  public var paths: [String] {
    lock.lock()
    defer { lock.unlock() }
    return loaded.keys.sorted()
  }

  /// The traces at `path`, loading them on first use.
  public func load(_ path: String) throws -> [AvailabilityTrace] {
    lock.lock()
    defer { lock.unlock() }
    if let traces = loaded[path] { return traces }
    let traces = try TraceLoader.load(path)
    loaded[path] = traces
    return traces
  }
}
