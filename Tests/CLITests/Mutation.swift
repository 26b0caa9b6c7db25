/// Seeded mutations of YAML specs and trace files: values, keys and
/// structure, the way a hurried user or a broken generator gets them wrong.
enum Mutation {
  /// Values that have broken parsers and simulators before.
  static let nastyValues = [
    "1e308", "-1e308", "-1", "0", "nan", "inf", "-inf", "", "[]", "{}", "null", "~",
    "9223372036854775807", "-9223372036854775808", "4611686018427387904", "1e-300", "abc",
    "[1, 2]", "'", "\"", "*undefined", "&a", "uniform(1,inf)", "uniform(5,1)",
    "on-demand-fallback:1e308", "greedy:3", "exponential(0)", "0.5", "3", "100000", "true",
    "{a: 1}", "- x", "\"1e308\"", "constant(1e308)", "trace:/no/such/path",
    // Text that would reach a figure script: a line break and a command,
    // a quote, a backquote, a terminal escape.
    "\"ou\\nsystem 'touch pwned'\"", "\"x'y\"", "\"`touch pwned`\"", "\"a\\e[31mb\"",
  ]

  /// Experiment names that must never become paths: traversal, absolute,
  /// nested, hidden, too long, non-ASCII, shell text.
  static let hostileNames = [
    "../../x", "/tmp/abs", "a/b/c", ".hidden", String(repeating: "n", count: 300), "été",
    "a;rm -rf ~/", "x\\y", "\"q\"", "a b",
  ]

  /// Scenario keys a mutation may inject under `base:`.
  static let scenarioKeys = [
    "boot_seconds", "horizon_hours", "tasks", "grace_seconds", "preemption_rate",
    "bandwidth_gbps", "work_hours", "state_mib", "memory_gib", "deadline_slack", "policy",
    "zones", "idle_timeout_hours", "ou_hazard_sensitivity", "spot_usd_per_hour", "kinds",
    "replicates", "market", "checkpoint_partial", "storage_gbps",
  ]

  /// One to three mutations of `text`.
  static func apply(to text: String, using choices: inout Choices) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for _ in 0...choices.below(3) {
      guard !lines.isEmpty else { break }
      let i = choices.below(lines.count)
      switch choices.below(10) {
      case 0, 1, 2:
        // Replace a value (after the first ": "), or a list item.
        if let colon = lines[i].range(of: ": ") {
          lines[i] = String(lines[i][..<colon.upperBound]) + choices.pick(nastyValues)
        } else if let dash = lines[i].range(of: "- ") {
          lines[i] = String(lines[i][..<dash.upperBound]) + choices.pick(nastyValues)
        }
      case 3:
        // Misspell a key.
        if let colon = lines[i].firstIndex(of: ":") {
          lines[i].insert("x", at: colon)
        }
      case 4: lines.remove(at: i)
      case 5: lines.insert(lines[i], at: i)
      case 6:
        if choices.below(2) == 0 {
          // Break the indentation.
          lines[i] = String(repeating: " ", count: choices.below(5)) + lines[i]
        } else {
          // A name that would be a path.
          lines.removeAll { $0.hasPrefix("name:") }
          lines.insert("name: \"\(choices.pick(hostileNames))\"", at: 0)
        }
      case 7, 8:
        // Inject a scenario key with a hostile value into the base.
        let entry = "\(choices.pick(scenarioKeys)): \(choices.pick(nastyValues))"
        if let base = lines.firstIndex(where: { $0.hasPrefix("base:") }),
          !lines[base].contains("{")
        {
          lines.insert("  " + entry, at: base + 1)
        } else if !lines.contains(where: { $0.hasPrefix("base:") }) {
          lines.append("base:")
          lines.append("  " + entry)
        }
      default:
        // Truncate the file.
        lines = Array(lines.prefix(i))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// One to three mutations of a trace file's text (CSV or JSON).
  static func applyToTrace(_ text: String, using choices: inout Choices) -> String {
    var result = text
    for _ in 0...choices.below(3) {
      switch choices.below(7) {
      case 0: result = result.replacingOccurrences(of: "\n", with: "\r\n")
      case 1: result = "\u{FEFF}" + result
      case 2:
        result = result.replacingOccurrences(
          of: "2023", with: choices.pick(["99999999999999", "0", "-1", "2023-13"]))
      case 3:
        result = result.replacingOccurrences(
          of: choices.pick(["0.9", "18.979008", "1,", "0]"]),
          with: choices.pick(["-1", "1e999", "\"x\"", "null", "nan"]))
      case 4:
        let cut = choices.below(result.count)
        result = String(result.prefix(cut))
      case 5: result = result.replacingOccurrences(of: ",", with: choices.pick([";", ",,", ""]))
      default:
        result += String(repeating: "garbage", count: choices.below(2_000))
      }
    }
    return result
  }
}
