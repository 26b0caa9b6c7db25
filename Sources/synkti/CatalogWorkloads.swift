import Experiments
import Foundation
import Simulation

extension Synkti.Catalog {
  /// Prints each workload's cost per unit of work on every type, cheapest
  /// spot first, the types that cannot run it and why, and the source of
  /// every figure.
  func printWorkloads(_ catalog: AcceleratorCatalog) {
    if catalog.workloads.isEmpty {
      print("The catalog has no workloads: section.")
      return
    }
    for (n, workload) in catalog.workloads.enumerated() {
      if n > 0 { print("") }
      print("\(workload.name): \(workload.summary)")
      print(
        "  work in \(workload.workUnit); needs \(fmt(workload.memoryGiB)) GiB of accelerator memory per instance"
      )
      let costs = WorkloadCosts(workload, catalog: catalog)
      var rows = [
        [
          "  type", "accelerators", "\(workload.rateUnit) each", "work/instance-h",
          "spot $/unit", "od $/unit",
        ]
      ]
      var cannot: [String] = []
      for entry in costs.entries {
        let t = entry.type
        switch entry.fit {
        case .runs(let perHour):
          rows.append([
            "  " + t.name, "\(t.gpusPerInstance)", fmt(workload.ratePerAccelerator[t.name] ?? 0),
            String(format: "%.4g", perHour), money(entry.spotPerWork!),
            money(entry.onDemandPerWork!),
          ])
        case .unmeasured:
          cannot.append("\(t.name) (no measured figure)")
        case .tooLittleMemory(let have):
          cannot.append("\(t.name) (\(fmt(have)) GiB per instance)")
        }
      }
      print(TextTable.render(rows))
      if !cannot.isEmpty { print("  cannot run: " + cannot.joined(separator: ", ")) }
      if let sources = catalog.workloadSources[workload.name] {
        print("  sources:")
        print("    memory: \(sources.memory)")
        for m in sources.measurements {
          print(
            "    \(m.types.joined(separator: ", ")): \(fmt(m.rate)) \(workload.rateUnit) on \(m.accelerators) accelerator\(m.accelerators == 1 ? "" : "s"): \(m.source)"
          )
        }
      }
    }
    print(
      "\nCost per unit = price per instance-hour ÷ (rate per accelerator × accelerators per instance × 3,600 ÷ items per unit); spot at the catalog's mean spot price."
    )
  }

  func money(_ v: Double) -> String {
    v < 10 ? String(format: "%.4f", v) : String(format: "%.2f", v)
  }
}
