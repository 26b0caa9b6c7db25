import Foundation
import Testing

/// `synkti report` finds the spec file a sweep ran outside
/// `Experiments/paper/` by its text, without `--spec`.
@Suite struct SpecLocatorTests {
  /// A shipped spec under `Experiments/` (not `paper/`): its report has the
  /// assumptions only a loaded spec gives, names the policy its `base:`
  /// sets, and says nothing of a missing spec file.
  @Test func aShippedSpecOutsidePaperIsFoundByItsText() throws {
    let dir = CLI.scratch()
    let db = dir + "/r.sqlite"
    let sweep = CLI.run(
      [
        "sweep", "Experiments/value-bridging-h100.yaml", "--filter", "trace_zones=us-west1-a",
        "--filter", "deadline_hours=48", "--db", db,
      ], timeout: 120)
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let report = CLI.run(["report", "--db", db, "--out", dir + "/out"], timeout: 120)
    #expect(report.status == 0, "\(report.stderr)")
    let text = try String(
      contentsOfFile: dir + "/out/value-bridging-h100/README.md", encoding: .utf8)
    #expect(text.contains("## Assumptions and limits"))
    #expect(text.contains("| `synkti-value` | `false` |"))
    #expect(!text.contains("not found"), "\(text)")
  }
}
