/// A byte-level scanner for AWS trace CSVs in their canonical form: the
/// header `date,availability`, then rows `YYYY-MM-DD HH:MM:SS,0|1` ending in
/// LF or CRLF. No `String` per line, so it reads millions of rows a second.
///
/// Anything else (other line endings, spaces, other timestamp spellings,
/// non-ASCII text, a malformed row) makes it answer nil, and the general
/// parser (`TraceLoader.parseAWS`), which accepts the same rows and words
/// every error, reads the file instead: both give identical traces.
enum AWSScanner {
  /// The rows' availability and first and last timestamps (seconds), or nil
  /// when the text is not in canonical form.
  static func scan(_ text: String) -> (
    available: [Bool], first: Double?, last: Double
  )? {
    var copy = text
    return copy.withUTF8 { bytes in scan(bytes) }
  }

  static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (
    available: [Bool], first: Double?, last: Double
  )? {
    let header = Array("date,availability".utf8)
    var i = 0
    let n = bytes.count
    guard n >= header.count else { return nil }
    for k in 0..<header.count where bytes[k] != header[k] { return nil }
    i = header.count
    guard let afterHeader = lineEnd(bytes, i) else { return nil }
    i = afterHeader
    var available: [Bool] = []
    available.reserveCapacity(n / 22)
    var first: Double?
    var last = 0.0
    // Cached day number of the last date seen (rows share dates).
    var cachedDate: (Int, Int, Int) = (0, 0, 0)
    var cachedDays = 0
    while i < n {
      // YYYY-MM-DD HH:MM:SS,b  (21 bytes)
      guard n - i >= 21, bytes[i + 4] == 0x2D, bytes[i + 7] == 0x2D, bytes[i + 10] == 0x20,
        bytes[i + 13] == 0x3A, bytes[i + 16] == 0x3A, bytes[i + 19] == 0x2C,
        let y = digits(bytes, i, 4), let m = digits(bytes, i + 5, 2),
        let d = digits(bytes, i + 8, 2), let hh = digits(bytes, i + 11, 2),
        let mm = digits(bytes, i + 14, 2), let ss = digits(bytes, i + 17, 2),
        bytes[i + 20] == 0x30 || bytes[i + 20] == 0x31,
        (1970...9999).contains(y), (1...12).contains(m), (1...31).contains(d),
        (0...23).contains(hh), (0...59).contains(mm), (0...60).contains(ss)
      else { return nil }
      if (y, m, d) != cachedDate {
        cachedDate = (y, m, d)
        cachedDays = days(y, m, d)
      }
      let seconds = Double(cachedDays * 86_400 + hh * 3_600 + mm * 60 + ss)
      // Time going back is worded by the general parser.
      if first != nil, seconds < last { return nil }
      if first == nil { first = seconds }
      last = seconds
      available.append(bytes[i + 20] == 0x31)
      i += 21
      if i == n { break }
      guard let next = lineEnd(bytes, i) else { return nil }
      i = next
    }
    return (available, first, last)
  }

  /// The index after an LF or CRLF at `i` (or `i` itself at the end).
  static func lineEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
    if i == b.count { return i }
    if b[i] == 0x0A { return i + 1 }
    if b[i] == 0x0D, i + 1 < b.count, b[i + 1] == 0x0A { return i + 2 }
    return nil
  }

  /// The decimal value of `count` ASCII digits at `i`.
  @inline(__always)
  static func digits(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ count: Int) -> Int? {
    var v = 0
    for k in i..<(i + count) {
      let c = b[k] &- 0x30
      guard c < 10 else { return nil }
      v = v * 10 + Int(c)
    }
    return v
  }

  /// Days since 1970-01-01 (Howard Hinnant's days-from-civil), for both
  /// this scanner and `TraceLoader.parseTimestamp`.
  static func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
    let yy = m <= 2 ? y - 1 : y
    let era = (yy >= 0 ? yy : yy - 399) / 400
    let yoe = yy - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
