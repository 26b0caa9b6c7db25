import Experiments
import Testing

@Suite struct StatisticsTests {
  // Two-sided 95 % critical values (scipy.stats.t.ppf(0.975, df)).
  @Test(arguments: [
    (1.0, 12.706204736), (2.0, 4.302652730), (3.0, 3.182446305), (4.0, 2.776445105),
    (9.0, 2.262157163), (19.0, 2.093024054), (29.0, 2.045229642), (1000.0, 1.962339081),
  ])
  func tQuantilesMatchTables(df: Double, expected: Double) {
    #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: df) - expected) < 1e-8)
  }

  @Test func cdfIsSymmetricAndMonotone() {
    #expect(abs(StudentT.cdf(0, degreesOfFreedom: 5) - 0.5) < 1e-15)
    #expect(
      abs(StudentT.cdf(-1.3, degreesOfFreedom: 7) + StudentT.cdf(1.3, degreesOfFreedom: 7) - 1)
        < 1e-14)
    // Cauchy (df = 1): F(1) = 3/4.
    #expect(abs(StudentT.cdf(1, degreesOfFreedom: 1) - 0.75) < 1e-12)
  }

  @Test func summaryMatchesHandComputation() {
    // Values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32/7.
    let s = Summary([2, 4, 4, 4, 5, 5, 7, 9])
    #expect(s.n == 8 && s.mean == 5)
    #expect(abs(s.standardDeviation - (32.0 / 7).squareRoot()) < 1e-12)
    // t(0.975, 7) = 2.364624252.
    #expect(abs(s.halfWidth! - 2.364624252 * (32.0 / 7).squareRoot() / 8.0.squareRoot()) < 1e-8)
  }

  @Test func singleValuesHaveNoInterval() {
    let s = Summary([3.5])
    #expect(s.halfWidth == nil && s.standardDeviation == 0 && !s.excludesZero)
  }

  @Test func pairedDifferencesRemoveTheSharedNoise() {
    // Large between-replicate noise, constant +1 shift: the paired CI is tight.
    let base = [10.0, 50, 20, 90, 30]
    let head = [11.0, 51.2, 20.8, 91, 31]
    let d = Summary.paired(base, head)
    #expect(abs(d.mean - 1) < 1e-12)
    #expect(d.excludesZero)
    // Hand-computed: differences 1, 1.2, 0.8, 1, 1 → s = √0.02; t(0.975, 4) = 2.776445105.
    #expect(abs(d.halfWidth! - 2.776445105 * 0.02.squareRoot() / 5.0.squareRoot()) < 1e-8)
    // Unpaired, the same shift is lost in the noise.
    #expect(
      !Summary.paired([0, 0, 0, 0, 0], zip(base, head).map { $1 - $0 + ($0 - 50) }).excludesZero)
  }
}
