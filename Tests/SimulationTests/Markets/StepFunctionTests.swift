import Simulation
import Testing

@Suite struct StepFunctionTests {
  let f = StepFunction(step: 2, values: [0.5, 1.0, 0.25])

  @Test func valuesHoldOnTheirStepsAndTheLastExtends() {
    #expect(f.value(at: 0) == 0.5)
    #expect(f.value(at: 1.999) == 0.5)
    #expect(f.value(at: 2) == 1.0)
    #expect(f.value(at: 100) == 0.25)
  }

  @Test func integralsAreExactAcrossSteps() {
    #expect(f.integral(from: 1, to: 3) == 0.5 * 1 + 1.0 * 1)
    #expect(f.integral(from: 0, to: 6) == 1 + 2 + 0.5)
    #expect(f.integral(from: 5, to: 10) == 0.25 * 5)
    #expect(StepFunction(constant: 3).integral(from: 1.5, to: 4) == 7.5)
  }

  @Test func inverseFindsWhereTheIntegralReachesAnAmount() {
    #expect(f.time(from: 0, whenIntegralReaches: 1) == 2)
    #expect(f.time(from: 1, whenIntegralReaches: 1) == 2.5)
    #expect(f.time(from: 0, whenIntegralReaches: 3.5) == 6)
    #expect(f.time(from: 0, whenIntegralReaches: 4) == 8)
    #expect(StepFunction(step: 1, values: [1, 0]).time(from: 0, whenIntegralReaches: 2) == nil)
  }

  @Test func inverseAgreesWithTheIntegral() {
    var g = Xoshiro256StarStar(seed: 11)
    let values = (0..<50).map { _ in g.nextUniform(0, 3) }
    let h = StepFunction(step: 0.7, values: values)
    for _ in 0..<500 {
      let a = g.nextUniform(0, 40)
      let amount = g.nextUniform(0, 30)
      guard let t = h.time(from: a, whenIntegralReaches: amount) else { continue }
      #expect(abs(h.integral(from: a, to: t) - amount) < 1e-9)
    }
  }
}

@Suite struct AvailabilitySeriesTests {
  let s = AvailabilitySeries(tick: 1, available: [true, true, false, false, true, false])

  @Test func nextChangesAreFound() {
    #expect(s.isAvailable(at: 0.5))
    #expect(!s.isAvailable(at: 2.5))
    #expect(s.nextUnavailable(after: 0.5) == 2)
    #expect(s.nextAvailable(after: 2.2) == 4)
    #expect(s.nextUnavailable(after: 4.1) == 5)
    #expect(s.nextAvailable(after: 5.5) == nil)
    #expect(abs(s.availableFraction - 0.5) < 1e-12)
  }

  @Test func reclaimOfATraceComesAGracePeriodBeforeCapacityGoes() {
    let path = MarketPath(price: StepFunction(constant: 1), hazard: nil, availability: s)
    let r = path.reclaim(exposedFrom: 0.2, launchedAt: 0.1, grace: 0.5, draw: 1)
    #expect(r?.warning == 1.5)
    #expect(r?.termination == 2)
    // Launched too close to the drop: the warning comes at launch.
    let late = path.reclaim(exposedFrom: 1.9, launchedAt: 1.8, grace: 0.5, draw: 1)
    #expect(late?.warning == 1.8)
    #expect(late?.termination == 2)
  }
}
