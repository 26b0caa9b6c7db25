import Experiments
import Reporting
import Testing

/// Numbers as a reader expects: an interval's half-width to two
/// significant digits and its mean to the same place.
@Suite struct FormatTests {
  /// A summary with the given mean and half-width.
  static func summary(_ mean: Double, _ half: Double?) -> Summary {
    var s = Summary([mean])
    s.halfWidth = half
    return s
  }

  @Test(arguments: [
    (93.6234, 1.3123, "93.6 ± 1.3"),
    (0.30412, 0.011234, "0.304 ± 0.011"),
    (68.70, 0.54, "68.70 ± 0.54"),
    (20.0, 127.06, "20 ± 130"),
    (1234.5, 127.06, "1230 ± 130"),
    (3.0, 12.706, "3 ± 13"),
    (-0.004, 0.0996, "0.00 ± 0.10"),
    (5.0, 9.96, "5 ± 10"),
    (-12.345, 3.456, "-12.3 ± 3.5"),
  ])
  func aHalfWidthHasTwoSignificantDigitsAndTheMeanMatches(
    mean: Double, half: Double, expected: String
  ) {
    #expect(Format.interval(Self.summary(mean, half)) == expected)
  }

  @Test func withoutASpreadTheMeanKeepsItsDigits() {
    #expect(Format.interval(Self.summary(69.9, 0), 1) == "69.9 ± 0")
    #expect(Format.interval(Self.summary(69.94, nil), 1) == "69.9")
    #expect(Format.interval([], 1) == "—")
  }

  /// Equal costs summed in different orders differ in the last bits; that
  /// is no spread (a reliability table read `48.2396790059141551 ±
  /// 0.0000000000000043`).
  @Test func roundingNoiseIsNoSpread() {
    let noisy = Format.interval([0.1 + 0.2, 0.3, 0.3, 0.1 + 0.2], 2)
    #expect(noisy == "0.30 ± 0")
    #expect(Format.interval(Self.summary(48.23967900591415, 4.3e-15), 2) == "48.24 ± 0")
    #expect(Format.interval(Self.summary(0, 1e-17), 2) == "0.00 ± 0")
    #expect(Format.interval(Self.summary(48.2, 1e-6), 2) == "48.2000000 ± 0.0000010")
  }
}

/// Axis values as a reader reads them: trace hours to a tenth of an hour,
/// and a `null` that means something says what.
@Suite struct AxisValueFormatTests {
  @Test func traceHoursAreRoundedAndOtherValuesKept() {
    #expect(Format.axisValue("662.3324", of: "trace_start_hour") == "662.3")
    #expect(Format.axisValue("34.3333", of: "train_until_hour") == "34.3")
    #expect(Format.axisValue("0.0125", of: "forecast_noise") == "0.0125")
    #expect(Format.axisValue("us-east-1a", of: "trace_zone") == "us-east-1a")
  }

  @Test func nullSaysWhatItMeans() {
    #expect(Format.axisValueMarkdown("null", of: "proactive_threshold") == "reactive (`null`)")
    #expect(Format.axisValueMarkdown("0.01", of: "proactive_threshold") == "`0.01`")
    #expect(Format.axisValueMarkdown("null", of: "forecaster") == "`null`")
    #expect(Format.axisValueText("null", of: "spot_capacity") == "unlimited")
    #expect(
      Format.axisValueText(
        "trace:../data/traces/aws-v100-2023-02/us-east-1a_v100_1.csv", of: "market")
        == "trace us-east-1a_v100_1")
  }

  /// Findings name the compared values with their meaning.
  @Test func findingsReadNullAsReactive() {
    var data = Synthetic.sweep()
    data.axes = ["proactive_threshold"]
    data.cells = data.cells.enumerated().map { i, cell in
      var c = cell
      c.values = ["proactive_threshold": i == 0 ? "0.01" : "null"]
      return c
    }
    data.specText =
      "name: synthetic\ngrid:\n  proactive_threshold: [0.01, \"null\"]\ncompare: [[0.01, \"null\"]]\n"
    let report = ExperimentReport(data: data, spec: nil, catalog: nil, specNote: "")
    let text = report.markdown(figures: [], skipped: [])
    #expect(text.contains("**`0.01` vs reactive (`null`)**"))
    #expect(!text.contains("vs `null`"))
  }
}
