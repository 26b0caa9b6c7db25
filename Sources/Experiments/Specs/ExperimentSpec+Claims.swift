import Foundation
import Simulation

extension ExperimentSpec {
  /// A published number the experiment re-measures: one cell's mean of one
  /// metric, e.g. `{claim: "Greedy + Kuhn–Munkres", policy: greedy,
  /// migration: optimal, total_cost: 415.72}`. Reports set each beside the
  /// sweep's own mean and CI (`Reports/README.md`), and every two claims that
  /// differ in one axis beside the paired difference of their cells.
  public struct Claim: Sendable, Equatable {
    /// What the claim is, in the source's words.
    public var text: String
    /// The cell: values of grid axes (unnamed axes pool their values).
    public var cell: [String: String]
    /// The metric claimed (a stored metric's name).
    public var metric: String
    /// The claimed value.
    public var value: Double

    /// Creates a claim.
    public init(text: String, cell: [String: String], metric: String, value: Double) {
      self.text = text
      self.cell = cell
      self.metric = metric
      self.value = value
    }
  }

  /// `claims:` resolved against the axes: each entry names its text, one
  /// metric with a number, and values of grid axes.
  static func readClaims(_ root: YAMLMap, axes: [(key: String, values: [String])]) throws
    -> [Claim]
  {
    guard let items = try root.sequence("claims") else { return [] }
    let metrics = ExportTable.metricColumns
    return try items.enumerated().map { index, node in
      let entry = try YAMLMap(node, file: root.file, path: "claims[\(index)]")
      guard let text = try entry.string("claim") else { throw entry.missing("claim") }
      var cell: [String: String] = [:]
      var metric: (String, Double)?
      for key in entry.keys where key != "claim" {
        if metrics.contains(key) {
          guard metric == nil, let value = try entry.double(key) else {
            throw ExperimentsError.invalidValue(
              file: root.file, key: entry.keyPath(key), value: YAMLMap.text(entry.node(key)!),
              expected: "one claimed metric, a number")
          }
          metric = (key, value)
        } else if let axis = axes.first(where: { $0.key == key }) {
          let value = try entry.string(key) ?? "null"
          guard axis.values.contains(value) else {
            throw ExperimentsError.invalidValue(
              file: root.file, key: entry.keyPath(key), value: value,
              expected: "one of the axis's values (\(axis.values.joined(separator: ", ")))")
          }
          cell[key] = value
        } else {
          throw ExperimentsError.unknownKey(
            file: root.file, key: entry.keyPath(key),
            known: ["claim"] + axes.map(\.key) + metrics.sorted())
        }
      }
      guard let (name, value) = metric else {
        throw ExperimentsError.missingKey(
          file: root.file, key: entry.keyPath("total_cost (or another metric)"))
      }
      return Claim(text: text, cell: cell, metric: name, value: value)
    }
  }

  /// The `claims:` of a spec's text (empty when absent or unreadable).
  public static func claims(inText text: String, size: String? = nil) -> [Claim] {
    guard let (root, axes) = sizedAxes(inText: text, size: size) else { return [] }
    return (try? readClaims(root, axes: axes)) ?? []
  }
}
