import Testing

@testable import Simulation

/// `SlackProgram`: waiting through an outage against bridging it, solved
/// by dynamic programming over work and slack.
@Suite struct SlackProgramTests {
  /// A 1 h tick, spot $1 and on-demand $3, half-hour starts (a whole
  /// number of the program's half-tick slack grid, so it interpolates
  /// nothing), no egress.
  static func program(lifetime: Double, outage: Double) -> SlackProgram {
    SlackProgram(
      tick: 1, spotPrice: 1, onDemandPrice: 3, lifetime: lifetime, outage: outage,
      spotStart: 0.5, spotStartFromOnDemand: 0.5, onDemandStart: 0.5,
      egressToOnDemand: 0, egressBack: 0)
  }

  /// Without the slack for a tick idle, only the bridge finishes: a start
  /// on on-demand (1.5 h billed, $4.50) and a tick more there ($3), since
  /// no slack is left for a start on spot.
  @Test func withoutSlackOnlyTheBridgeFinishes() {
    let choice = Self.program(lifetime: .infinity, outage: 1).solve(work: 2, slack: 0.5)
      .choose(work: 2, slack: 0.5, back: 0.5, onDemand: false)
    #expect(choice.wait == .infinity)
    #expect(choice.bridge == 7.5)
  }

  /// With spot back after the tick for good, the wait costs a start and
  /// the work on spot: (2 + 0.5) × $1. The bridge costs its start on
  /// on-demand ($4.50) and then a start back on spot ($1.50).
  @Test func aShortOutageIsWaitedOut() {
    let choice = Self.program(lifetime: .infinity, outage: 1).solve(work: 2, slack: 3)
      .choose(work: 2, slack: 3, back: 1, onDemand: false)
    #expect(abs(choice.wait - 2.5) < 1e-9)
    #expect(abs(choice.bridge - 6) < 1e-9)
  }

  /// The program agrees with an exhaustive search of every decision
  /// sequence (the expectation over the zone's states at each tick, the
  /// cheapest action at each state), on small jobs.
  @Test(arguments: [(1.5, 0.7), (3.0, 2.0), (0.8, 5.0)])
  func agreesWithExhaustiveSearch(lifetime: Double, outage: Double) {
    let program = Self.program(lifetime: lifetime, outage: outage)
    for work in [1.0, 2.0, 3.0] {
      for slack in [0.5, 1.0, 2.5, 3.0] {
        let solution = program.solve(work: work, slack: slack)
        for back in [0.0, 0.4, 1.0] {
          for onDemand in [false, true] {
            let choice = solution.choose(
              work: work, slack: slack, back: back, onDemand: onDemand)
            let oracle = Self.search(
              program, work: Int(work), slack: slack, back: back, onDemand: onDemand)
            #expect(Self.same(choice.wait, oracle.wait), "work \(work) slack \(slack)")
            #expect(Self.same(choice.bridge, oracle.bridge), "work \(work) slack \(slack)")
          }
        }
      }
    }
  }

  static func same(_ a: Double, _ b: Double) -> Bool {
    a == b || abs(a - b) < 1e-9 * Swift.max(1, abs(b))
  }

  /// Where the job ran the tick before: 0 idle, 1 spot, 2 on-demand.
  static func search(
    _ p: SlackProgram, work: Int, slack: Double, back: Double, onDemand: Bool
  ) -> (wait: Double, bridge: Double) {
    func after(_ i: Int, _ s: Double, _ ran: Int) -> Double {
      weigh(back, value(p, i, s, up: true, ran), value(p, i, s, up: false, ran))
    }
    let wait = after(work, slack - p.tick, 0)
    let bridge =
      onDemand
      ? p.onDemandPrice * p.tick + after(work - 1, slack, 2)
      : p.onDemandPrice * (p.tick + p.onDemandStart) + p.egressToOnDemand
        + after(work - 1, slack - p.onDemandStart, 2)
    return (wait, bridge)
  }

  /// The cheapest expected dollars to finish `i` ticks of work with `s`
  /// hours of slack, by trying every action and averaging over the next
  /// tick's states, recursively.
  static func value(_ p: SlackProgram, _ i: Int, _ s: Double, up: Bool, _ ran: Int) -> Double {
    if s < -1e-9 { return .infinity }
    if i == 0 { return 0 }
    let lose = 1 - (-p.tick / p.lifetime).exp
    let recover = 1 - (-p.tick / p.outage).exp
    let pUp = up ? 1 - lose : recover
    func next(_ i: Int, _ s: Double, _ ran: Int) -> Double {
      weigh(pUp, value(p, i, s, up: true, ran), value(p, i, s, up: false, ran == 1 ? 0 : ran))
    }
    var best = next(i, s - p.tick, 0)
    if up {
      let start = [p.spotStart, 0, p.spotStartFromOnDemand][ran]
      let egress = ran == 2 ? p.egressBack : 0
      best = Swift.min(best, p.spotPrice * (p.tick + start) + egress + next(i - 1, s - start, 1))
    }
    let start = ran == 2 ? 0 : p.onDemandStart
    let egress = ran == 2 ? 0 : p.egressToOnDemand
    best = Swift.min(
      best, p.onDemandPrice * (p.tick + start) + egress + next(i - 1, s - start, 2))
    return best
  }
}

/// p·a + (1 − p)·b, skipping a branch of chance 0 (it may be infinite).
private func weigh(_ p: Double, _ a: Double, _ b: Double) -> Double {
  p == 0 ? b : p == 1 ? a : p * a + (1 - p) * b
}

extension Double {
  fileprivate var exp: Double { _exp(self) }
}
