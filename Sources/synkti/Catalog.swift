import ArgumentParser
import Experiments
import Foundation
import Simulation

extension Synkti {
  struct Catalog: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the accelerator catalog, with the source of every figure.",
      discussion:
        "With --workloads, list the workload classes instead: what a unit of each costs on every accelerator type that has a measured figure for it."
    )

    @OptionGroup var catalog: CatalogOption
    @Flag(help: "Also print each figure's source.") var sources = false
    @Flag(
      help:
        "Print the workloads instead: each one's cost per unit of work on every type (spot and on-demand), the types that cannot run it, and the source of every figure."
    )
    var workloads = false

    func run() throws {
      let catalog = try self.catalog.load()
      if workloads { return printWorkloads(catalog) }
      let header = [
        "name", "instance", "gpus", "GiB/gpu", "Gbit/s", "od $/h", "spot $/h", "hazard/h",
        "grace s", "boot s", "speed",
      ]
      var rows = [header]
      for t in catalog.types {
        rows.append([
          t.name, catalog.instances[t.name] ?? "", "\(t.gpusPerInstance)", fmt(t.memoryPerGPUGiB),
          fmt(t.networkGbps), fmt(t.onDemandPrice), fmt(t.spotPrice),
          String(format: "%.5f", t.hazardPerHour),
          fmt(t.graceSeconds), fmt(t.bootHours * 3600), fmt(t.relativeSpeed),
        ])
      }
      print(TextTable.render(rows))
      if sources {
        for t in catalog.types {
          print("\n\(t.name):")
          for (key, text) in (catalog.sources[t.name] ?? [:]).sorted(by: { $0.key < $1.key }) {
            print("  \(key): \(text)")
          }
        }
      }
    }

    func fmt(_ v: Double) -> String { String(format: "%g", v) }
  }
}
