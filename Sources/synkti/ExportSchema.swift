import Experiments
import Foundation

/// The JSON Schema of one exported run (`synkti export --schema`): every
/// column, what it holds, and which parameters may be derived — filled
/// with the value the model used where the spec left them unset
/// (`"x-derived": true`; the row's `derived_parameters` says which were).
enum ExportSchema {
  static var text: String {
    func string(_ s: String) -> String {
      "\""
        + s.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    var properties: [String] = []
    func add(_ name: String, _ type: String, _ description: String, derived: Bool = false) {
      properties.append(
        "    \(string(name)): {\"type\": \(type), \"description\": \(string(description))\(derived ? ", \"x-derived\": true" : "")}"
      )
    }
    let nullableNumber = "[\"number\", \"null\"]"
    let value = "[\"number\", \"string\", \"null\"]"
    add("experiment", "\"string\"", "the experiment (spec name)")
    add("sweep_id", "\"integer\"", "the sweep exported (timing: left out by --omit-timing)")
    add("cell_index", "\"integer\"", "the cell's position in the grid")
    add("cell_key", "\"string\"", "the cell's axis values, `axis=value;…`")
    add("replicate", "\"integer\"", "the replicate")
    add("seed", "\"string\"", "the run's seed (a 64-bit integer as text)")
    add("status", "\"string\"", "done or failed")
    add("failure_reason", "[\"string\", \"null\"]", "why a failed run failed")
    for key in ExportTable.parameterColumnsInOrder {
      let derived = ScenarioConfig.derivableKeys.contains(key)
      let summary = ScenarioParameter.named(key)?.summary ?? key
      add(
        key, value,
        "parameter: \(summary)"
          + (derived
            ? "; where the spec left it unset, the value the model used (from the accelerator types, the catalog's network or the workload kind), listed in derived_parameters"
            : ""),
        derived: derived)
    }
    for metric in ExportTable.metricColumnsInOrder {
      if ExportTable.textMetricColumns.contains(metric) {
        add(
          metric, "[\"string\", \"null\"]",
          "metric: type=share pairs joined by ';', the job's own type first (null where the model does not define it)"
        )
      } else {
        add(metric, nullableNumber, "metric (null where the model does not define it)")
      }
    }
    add("wall_ms", nullableNumber, "the run's wall time, ms (timing)")
    add(
      "reused_from_sweep", "[\"integer\", \"null\"]",
      "the sweep that computed a reused run (timing)")
    add(
      ExportDerived.column, "[\"string\", \"null\"]",
      "the parameters of this row filled with the value the model used (space-separated); absent with --as-stored"
    )
    return """
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "A run exported by synkti export",
        "type": "object",
        "properties": {
      \(properties.joined(separator: ",\n"))
        }
      }

      """
  }
}
