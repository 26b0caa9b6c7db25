import Foundation
import Testing

/// `synkti forecast` scores on held-out ticks only.
@Suite struct ForecastCommandTests {
  static let trace = "Tests/ExperimentsTests/Fixtures/aws"

  @Test func anEvaluationWindowInsideTheTrainingPartIsRefused() {
    let result = CLI.run([
      "forecast", "--trace", Self.trace, "--train-until-hour", "0.2", "--from-hour", "0.1",
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("starts inside the training part [0, 0.2)"))
    #expect(
      CLI.run([
        "forecast", "--trace", Self.trace, "--train-until-hour", "0.1", "--forecaster", "prophet",
      ]).status == 2)
  }

  @Test func theOracleAtNoiseZeroScoresPerfectly() {
    // Fixture availability 0 1 1 0 1 1 1, ticks of 195 s: trained on the
    // first 2 ticks, scored on the rest. Only the 10-minute horizon (3
    // ticks) fits inside 7 ticks; the longer ones have no sample: —.
    let result = CLI.run([
      "forecast", "--trace", Self.trace, "--train-until-hour", "0.11", "--forecaster",
      "noisy-oracle", "--summary",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("| mean of 1 zones | noisy-oracle | 0.000 | — | — |"))
  }
}
