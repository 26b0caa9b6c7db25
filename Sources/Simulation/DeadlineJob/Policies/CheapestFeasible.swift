/// SkyPilot's way with a managed job, over every place of the window: launch
/// on spot where a unit of work is cheapest now (spot price ÷ the place's
/// speed, over the zones with spot), stay there while it has spot, after a
/// loss relaunch on the cheapest place with spot again; with spot nowhere,
/// wait. The deadline guard falls back to on-demand where the checkpoint is
/// when waiting would miss the deadline (SkyPilot has no deadline; the
/// guard is what every guarded policy here shares).
///
/// SkyPilot's optimizer picks the cheapest (cloud, region, accelerator)
/// from the set a user accepts, and its managed jobs relaunch after a
/// preemption (SkyPilot documentation, "Managed jobs" and "Optimizer");
/// like them, this policy ignores what a move costs (transfer, egress,
/// restart) and never leaves a place that still has spot.
public struct CheapestFeasible: DeadlinePolicy {
  public init() {}
  public var name: String { "cheapest-feasible" }
  public var choosesTypes: Bool { true }

  public func decide(_ v: DeadlineView, job: DeadlineJob) -> Place? {
    if let current = v.place {
      if case .spot(let z) = current, v.available(z, at: v.tick) { return current }
      if current.isOnDemand { return current }
    }
    var best: (zone: Int, cost: Double)?
    for z in 0..<v.zones where v.available(z, at: v.tick) {
      let cost = v.price(z, at: v.tick) / v.speed(.spot(zone: z))
      if cost < best?.cost ?? .infinity { best = (z, cost) }
    }
    return best.map { .spot(zone: $0.zone) }
  }
}
