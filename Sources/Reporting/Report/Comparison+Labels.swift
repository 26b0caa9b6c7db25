import Experiments

extension ExperimentSpec.Comparison {
  /// The compared value in Markdown (`Format.axisValueMarkdown`).
  var valueMarkdown: String { Format.axisValueMarkdown(value, of: axis) }
  /// The value it is compared against, the same way.
  var againstMarkdown: String { Format.axisValueMarkdown(against, of: axis) }
  /// The compared value in plain text (figure titles): what `null` means
  /// on its axis where it has a meaning, else the value as shown.
  var valueText: String { Format.axisValueText(value, of: axis) }
  /// The value it is compared against, the same way.
  var againstText: String { Format.axisValueText(against, of: axis) }
}
