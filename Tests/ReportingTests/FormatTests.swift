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
}
