import Foundation
import Testing

/// `synkti sweep A.yaml B.yaml`: every spec in one process, in order; a
/// second invocation finds each up to date or complete and runs nothing.
@Suite(.serialized) struct MultiSpecSweepTests {
  @Test func severalSpecsRunInOneProcessAndThenStandAsTheyAre() throws {
    let dir = CLI.scratch()
    let db = dir + "/m.sqlite"
    let specs = ["Experiments/paper/headline.yaml", "Experiments/paper/checkpointing.yaml"]
    let first = CLI.run(["sweep"] + specs + ["--db", db, "--resume"], timeout: 120)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("== Experiments/paper/headline.yaml"))
    #expect(first.stdout.contains("sweep 1 of headline: 360 runs"))
    #expect(first.stdout.contains("sweep 2 of checkpointing: 1440 runs"))
    let again = CLI.run(["sweep"] + specs + ["--db", db, "--resume"], timeout: 120)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("sweep 1 of headline is already complete"))
    #expect(again.stdout.contains("sweep 2 of checkpointing is already complete"))
  }

  @Test func shardsAndFiltersTakeOneSpec() {
    let specs = ["Experiments/paper/headline.yaml", "Experiments/paper/checkpointing.yaml"]
    for extra in [["--shard", "0/2"], ["--filter", "policy=greedy"]] {
      let result = CLI.run(["sweep"] + specs + ["--db", CLI.scratch() + "/x.sqlite"] + extra)
      #expect(result.status == 2, "\(extra): \(result.stderr)")
      #expect(result.stderr.contains("take one spec at a time"))
    }
  }
}
