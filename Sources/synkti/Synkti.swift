import ArgumentParser
import Experiments

@main
struct Synkti: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "synkti",
    abstract: "Simulate GPU workloads on spot and on-demand capacity, with evidence.",
    discussion: """
      Synkti is a deterministic discrete-event simulator of tasks on volatile spot \
      capacity: grace-period checkpoints, optimal (Kuhn–Munkres) migration after \
      reclaims, spot market models and pluggable policies.

      Start with:
        synkti simulate --scenario Experiments/headline.yaml --seed 1
        synkti sweep Experiments/paper/headline.yaml     (or: make experiments)
        synkti report                                    (writes Reports/)
        synkti catalog --sources
      """,
    version: SynktiVersion.current,
    subcommands: [
      Simulate.self, Sweep.self, Report.self, Compare.self, Export.self, Merge.self, Assign.self,
      Catalog.self, TraceWindows.self,
    ])
}
