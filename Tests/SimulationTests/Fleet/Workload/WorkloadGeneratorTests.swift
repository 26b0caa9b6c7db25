import Simulation
import Testing

@Suite struct WorkloadGeneratorTests {
  @Test func uniformArrivalsFallInTheWindowSorted() {
    let spec = WorkloadSpec(tasks: 500, arrivals: .uniform(fraction: 0.8), work: .uniform(1, 20))
    let tasks = WorkloadGenerator(spec: spec).generate(horizon: 72, seed: 9)
    #expect(tasks.count == 500)
    #expect(tasks.allSatisfy { $0.arrival >= 0 && $0.arrival < 0.8 * 72 })
    #expect(tasks.allSatisfy { $0.work >= 1 && $0.work < 20 })
    #expect(zip(tasks, tasks.dropFirst()).allSatisfy { $0.arrival <= $1.arrival })
    #expect(tasks.map(\.id) == Array(0..<500))
  }

  @Test func sameSeedSameWorkloadOtherSeedOther() {
    let spec = WorkloadSpec(tasks: 50, deadlineSlack: 2)
    let g = WorkloadGenerator(spec: spec)
    #expect(g.generate(horizon: 72, seed: 1) == g.generate(horizon: 72, seed: 1))
    #expect(g.generate(horizon: 72, seed: 1) != g.generate(horizon: 72, seed: 2))
  }

  @Test func deadlinesFollowTheSlack() {
    let spec = WorkloadSpec(tasks: 20, deadlineSlack: 1.5)
    for t in WorkloadGenerator(spec: spec).generate(horizon: 72, seed: 3) {
      #expect(abs(t.deadline! - (t.arrival + 1.5 * t.work)) < 1e-12)
    }
  }

  @Test func kindMixFollowsTheWeights() {
    let spec = WorkloadSpec(
      tasks: 4000,
      kinds: [
        .inference: .inference, .training: .training,
        .batch: KindProfile(weight: 2, memoryGiB: 8, state: .init(baseMiB: 1)),
      ])
    let tasks = WorkloadGenerator(spec: spec).generate(horizon: 72, seed: 4)
    let batch = Double(tasks.filter { $0.kind == .batch }.count) / 4000
    #expect(abs(batch - 0.5) < 0.03)
  }

  @Test func inferenceStateGrowsWithProgress() {
    let t = TaskSpec(
      id: 0, arrival: 0, work: 10, memoryGiB: 1, kind: .inference,
      state: StateSizeModel(baseMiB: 100, growthMiB: 1000))
    #expect(t.stateMiB(atProgress: 0) == 100)
    #expect(t.stateMiB(atProgress: 5) == 600)
    #expect(t.stateMiB(atProgress: 10) == 1100)
  }
}
