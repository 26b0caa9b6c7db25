import Foundation
import Testing
import Yams

/// The Kubernetes manifests are not run in CI; they must at least parse and
/// wire the shard variables the way `synkti sweep --shard auto` reads them.
@Suite struct DeployManifestTests {
  func load(_ name: String) throws -> [String: Any] {
    let path = Paths.repository.appendingPathComponent("deploy/k8s/\(name)").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try #require(try Yams.load(yaml: text) as? [String: Any])
  }

  func container(_ job: [String: Any]) throws -> [String: Any] {
    let spec = try #require(job["spec"] as? [String: Any])
    let template = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
    return try #require((template["containers"] as? [[String: Any]])?.first)
  }

  @Test func sweepJobIsIndexedAndPassesTheShardCount() throws {
    let job = try load("sweep-job.yaml")
    #expect(job["kind"] as? String == "Job")
    let spec = try #require(job["spec"] as? [String: Any])
    #expect(spec["completionMode"] as? String == "Indexed")
    let completions = try #require(spec["completions"] as? Int)
    let c = try container(job)
    let args = try #require(c["args"] as? [String])
    #expect(args.first == "sweep")
    #expect(args.contains("--shard") && args[args.firstIndex(of: "--shard")! + 1] == "auto")
    #expect(args.contains { $0.contains("$(JOB_COMPLETION_INDEX)") })
    let env = try #require(c["env"] as? [[String: Any]])
    let count = env.first { $0["name"] as? String == "SYNKTI_SHARD_COUNT" }?["value"] as? String
    #expect(count == String(completions))
  }

  @Test func mergeJobMergesEveryShard() throws {
    let job = try load("merge-job.yaml")
    let sweep = try load("sweep-job.yaml")
    let completions = (sweep["spec"] as? [String: Any])?["completions"] as? Int
    let args = try #require(try container(job)["args"] as? [String])
    #expect(args.joined().contains("synkti merge"))
    #expect(args.joined().contains("seq 0 \((completions ?? 0) - 1)"))
  }
}
