import Foundation
import Simulation

/// `synkti simulate --timeline`: a deadline job's run as CSV, one row per
/// tick, so a reader can see where a policy ran, waited and paid.
enum TimelineCSV {
  /// The CSV's header.
  static let header = "tick,hour,place,where,has_spot,checkpoint,done_hours,spent_dollars"

  /// The rows of `steps` on ticks of `tickHours`, zones named by `zones`
  /// (index i is zone i; a zone past the list is named by its index) and
  /// on-demand regions by their first zone (`zoneRegion`: each zone's).
  static func text(
    _ steps: [DeadlineStep], tickHours: Double, zones: [String], zoneRegion: [Int]
  ) -> String {
    func zone(_ z: Int) -> String { z < zones.count ? zones[z] : "zone \(z)" }
    func name(_ place: Place?) -> String {
      switch place {
      case .spot(let z)?: return zone(z)
      case .onDemand(let r)?:
        return zoneRegion.firstIndex(of: r).map { "region of \(zone($0))" } ?? "region \(r)"
      case nil: return ""
      }
    }
    var lines = [header]
    lines.reserveCapacity(steps.count + 1)
    for s in steps {
      let kind = s.place.map { $0.isOnDemand ? "on-demand" : "spot" } ?? "idle"
      let spot = s.spot.map { $0 ? "1" : "0" } ?? ""
      lines.append(
        [
          "\(s.tick)", String(format: "%.4f", Double(s.tick) * tickHours), kind, name(s.place),
          spot, name(s.home), String(format: "%.4f", s.done), String(format: "%.4f", s.spent),
        ].joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
