import Simulation
import SynktiTestSupport
import Testing

/// Today's deadline-job numbers, pinned bit for bit: every outcome field of
/// every deadline policy and of both optima on seeded windows of 1–4 zones.
/// A refactor of the deadline-job model must leave these digests as they
/// are; a model change that moves them says so and updates them.
@Suite struct DeadlineGoldenTests {
  /// FNV-1a over the bit patterns of every outcome field.
  struct Digest {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bits: UInt64) {
      for shift in stride(from: 0, to: 64, by: 8) {
        value ^= (bits >> UInt64(shift)) & 0xff
        value = value &* 0x0000_0100_0000_01b3
      }
    }

    mutating func add(_ outcome: DeadlineOutcome?) {
      guard let o = outcome else { return add(UInt64.max) }
      for x in [o.cost, o.spotCost, o.spotHours, o.onDemandHours, o.egressCost] {
        add(x.bitPattern)
      }
      add(UInt64(o.preemptions))
      add(UInt64(o.restarts))
      add(UInt64(o.migrations))
      add(o.finishedAt?.bitPattern ?? UInt64.max - 1)
    }

    var hex: String {
      let digits = String(value, radix: 16)
      return String(repeating: "0", count: 16 - digits.count) + digits
    }
  }

  /// The seeded cases: zones 1–4 over 1–3 regions, three jobs each.
  static func cases() -> [(job: DeadlineJob, window: DeadlineWindow)] {
    var all: [(DeadlineJob, DeadlineWindow)] = []
    for seed in UInt64(1)...24 {
      let zones = Int(seed % 4) + 1
      let regions = Swift.min(zones, Int(seed % 3) + 1)
      let w = MultiZoneJobTests.window(
        zones: zones, regions: regions, ticks: 36, tick: 0.5, seed: seed,
        availability: 0.4 + 0.1 * Double(seed % 5))
      for (work, deadline) in [(6.0, 12.0), (9.0, 14.0), (12.0, 17.5)] {
        let job = DeadlineJob(
          work: work, deadline: deadline, restartOverhead: 0.1 + 0.05 * Double(seed % 3),
          onDemandPrice: w.onDemandPrice[0])
        all.append((job, w))
      }
    }
    return all
  }

  /// Digest of each policy (and optimum) over every case.
  static func digests() -> [String: String] {
    var digests: [String: Digest] = [:]
    for (job, w) in cases() {
      for policy in DeadlinePolicies.incumbents {
        digests[policy.name, default: Digest()].add(
          DeadlineSimulator.run(policy, job: job, window: w))
      }
      let optimum = DeadlineOptimum.solve(job: job, window: w)
      digests["optimal-offline (regional)", default: Digest()].add(optimum)
      // The optimum's cost alone, to 1e-9 $: unmoved by which of several
      // equally cheap schedules a faster search returns.
      digests["optimal-offline (regional) cost", default: Digest()].add(
        optimum.map { ($0.cost * 1e9).rounded().bitPattern } ?? UInt64.max)
      // The single-zone policies on the window's first zone alone.
      let single = MultiZoneJobTests.single(w)
      let firstZone: [any DeadlinePolicy] = [
        OnDemandOnly(), SpotOnly(), Greedy(), UniformProgress(.firstZone),
      ]
      for policy in firstZone {
        digests["\(policy.name) (single zone)", default: Digest()].add(
          DeadlineSimulator.run(policy, job: job, window: single))
      }
      digests["optimal-offline (single zone)", default: Digest()].add(
        SingleZoneOptimum.solve(job: job, window: single))
    }
    return digests.mapValues(\.hex)
  }

  /// Digests at fa4ad86, before the deadline-job redesign (Synkti's UP
  /// variants were named `up-availability` and `up-availability-price`
  /// then; those names now belong to the published baselines; and
  /// `synkti-progress-per-dollar` was `synkti-value`).
  static let pinned: [String: String] = [
    "greedy (single zone)": "54ab9eb590cfadbe",
    "greedy": "54ab9eb590cfadbe",
    "on-demand-only (single zone)": "38d8acd02a9a24d5",
    "on-demand-only": "38d8acd02a9a24d5",
    // Moved when the search gained the priced-work floor: the same cost to
    // the last bit or two, another schedule among equally cheap ones.
    "optimal-offline (regional)": "e07260a2007aeecc",
    "optimal-offline (regional) cost": "cbb507c7c8aaf185",
    "optimal-offline (single zone)": "8cbb02b080182fae",
    "spot-only (single zone)": "5eff425d4756c209",
    "spot-only": "5eff425d4756c209",
    "synkti-progress-per-dollar": "47e40a5c48c0e148",
    "uniform-progress (single zone)": "9723ca4a8f8cf708",
    "uniform-progress": "9723ca4a8f8cf708",
    "up-recent-availability": "d392d68cf634eff6",
    "up-recent-availability-price": "98714d99b388e41e",
    "up-failover": "abf9ed526ce7aeed",
  ]

  @Test func everyPolicyAndOptimumGivesTodaysNumbersBitForBit() {
    let digests = Self.digests()
    #expect(digests.count == 15)
    for (name, digest) in digests.sorted(by: { $0.key < $1.key }) {
      #expect(Self.pinned[name] == digest, "\"\(name)\": \"\(digest)\",")
    }
  }

  @Test func thePolicyNamesAreTodays() {
    #expect(
      DeadlinePolicies.names == [
        "up-failover", "up-recent-availability", "up-recent-availability-price",
        "synkti-progress-per-dollar", "on-demand-only", "spot-only", "greedy",
        "uniform-progress", "up-eager-failover", "up-availability", "up-availability-price",
        "synkti-value", "ross", "cheapest-feasible", "synkti-forecast", "optimal-offline",
      ])
  }
}
