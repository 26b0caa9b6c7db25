import Experiments
import Foundation

/// Figures of paired differences: for the spec's `compare:` pairs, the
/// mean difference in total cost (first − second, same replicate, same
/// values of every other axis) with its 95% CI — along each other axis, and
/// as a regime map over two of them.
extension Figures {
  /// Paired differences of `metric` for `comparison`, from the cells whose
  /// values match `match` (other axes pooled), with their partners' values.
  static func paired(
    _ data: SweepData, _ comparison: ExperimentSpec.Comparison, metric: String,
    where match: [String: String]
  ) -> (differences: [Double], references: [Double]) {
    var differences: [Double] = []
    var references: [Double] = []
    var mine = match
    mine[comparison.axis] = comparison.value
    for cell in data.cells(matching: mine) {
      guard let other = data.partner(of: cell, setting: comparison.axis, to: comparison.against),
        other.runs.count == cell.runs.count
      else { continue }
      differences += zip(cell.runs, other.runs).map { $0[metric] - $1[metric] }
      references += other.runs.map { $0[metric] }
    }
    return (differences, references)
  }

  /// The axes a paired figure can run along: every axis but the compared
  /// one, with at least two values.
  static func otherAxes(_ data: SweepData, _ axis: String) -> [String] {
    data.axes.filter { $0 != axis && data.values(of: $0).count >= 2 }
  }

  /// For each axis other than the compared one: one series per comparison
  /// of that axis, mean paired difference in total cost against the axis's
  /// values with 95% CI error bars and a zero line. A figure whose
  /// comparisons are all exactly zero on every run is left out with a note.
  public static func pairedDifferences(
    _ data: SweepData, comparisons: [ExperimentSpec.Comparison]
  ) -> (figures: [GnuplotFigure], skipped: [String]) {
    var figures: [GnuplotFigure] = []
    var skipped: [String] = []
    var byAxis: [(String, [ExperimentSpec.Comparison])] = []
    for c in comparisons {
      if let i = byAxis.firstIndex(where: { $0.0 == c.axis }) {
        byAxis[i].1.append(c)
      } else {
        byAxis.append((c.axis, [c]))
      }
    }
    for (axis, group) in byAxis {
      for x in otherAxes(data, axis) {
        switch differenceFigure(data, axis: axis, comparisons: group, by: x) {
        case .success(let figure): figures.append(figure)
        case .failure(let notDrawn): skipped.append(notDrawn.reason)
        }
      }
    }
    return (figures, skipped)
  }

  /// Why a figure was not drawn, as the report says it.
  struct NotDrawn: Error { var reason: String }

  /// The paired differences of `comparisons` (all on `axis`) along `x`,
  /// or why they are not drawn.
  static func differenceFigure(
    _ data: SweepData, axis: String, comparisons group: [ExperimentSpec.Comparison], by x: String
  ) -> Result<GnuplotFigure, NotDrawn> {
    let name = "difference-\(axis)-by-\(x)".replacingOccurrences(of: "_", with: "-")
    guard poolsAlike(data, along: x, except: axis) else {
      return .failure(
        NotDrawn(
          reason:
            "Paired differences by `\(x)` not drawn: the grid leaves out some combinations, so its values would pool different conditions and their points would not be comparable (the regime map shows each condition)."
        ))
    }
    let labels = data.values(of: x)
    let numbers = labels.compactMap(Double.init)
    let numeric = numbers.count == labels.count
    let positions = numeric ? numbers : labels.indices.map(Double.init)
    let pairs = group.map { "\($0.valueText) − \($0.againstText)" }.joined(separator: ", ")
    let caption =
      "Paired difference in total cost by `\(x)`: \(pairs) (same replicate and other axes, pooled over them; mean and 95% CI; below 0 the first is cheaper)."
    var text = "# \(caption)\n# columns: \(x) position, mean difference $, ci95 half-width, n\n"
    var plots: [String] = []
    var allZero = true
    var low = 0.0
    var high = 0.0
    for (i, c) in group.enumerated() {
      text += "# \(c.value) - \(c.against)\n"
      for (label, position) in zip(labels, positions) {
        let (d, _) = paired(data, c, metric: Metric.totalCost.rawValue, where: [x: label])
        guard !d.isEmpty else { continue }
        if d.contains(where: { $0 != 0 }) { allZero = false }
        let s = Summary(d)
        low = min(low, s.lower)
        high = max(high, s.upper)
        // Series side by side at categorical positions, so bars do not overlap.
        let offset = numeric ? 0 : (Double(i) - Double(group.count - 1) / 2) * 0.12
        text +=
          "\(position + offset) \(s.mean) \(s.halfWidth ?? 0) \(s.n) \"\(label)\"\n"
      }
      text += "\n\n"
      plots.append(
        "'\(name).dat' index \(i) using 1:2:3 with \(numeric ? "yerrorlines" : "yerrorbars") ls \(i % 6 + 1)\(numeric ? "" : " dt 1") title \(quoted("\(c.valueText) − \(c.againstText)")) noenhanced"
      )
    }
    if allZero {
      return .failure(
        NotDrawn(
          reason:
            "Paired differences by `\(x)` not drawn: \(pairs) cost the same in every run of every condition."
        ))
    }
    let pad = max((high - low) * 0.12, 1e-6)
    let xAxis: String
    if numeric {
      let (a, b) = (numbers.min()!, numbers.max()!)
      xAxis =
        a > 0 && b / a >= 20
        ? "set logscale x\nset xrange [\(a / 1.5):\(b * 1.5)]"
        : "set xrange [\(a - (b - a) * 0.08):\(b + (b - a) * 0.08)]"
    } else {
      let tics = labels.enumerated().map { "\(quoted(short($1))) \($0)" }
      xAxis =
        "set xrange [-0.5:\(Double(labels.count) - 0.5)]\nset xtics (\(tics.joined(separator: ", "))) rotate by -20 noenhanced"
    }
    return .success(
      GnuplotFigure(
        name: name, caption: caption, data: text,
        commands: """
          \(xAxis)
          set yrange [\(low - pad):\(high + pad)]
          set xzeroaxis lt 1 lc rgb '#000000' lw 1
          set key above
          set xlabel \(quoted(AxisLabel.words(x))) noenhanced
          set ylabel 'Paired difference in total cost ($)'
          plot \(plots.joined(separator: ", \\\n     "))
          """))
  }

  /// What a regime map shows: a metric, as a percentage of the second
  /// value's mean or as a plain difference.
  struct MapQuantity: Sendable {
    var metric: String
    var relative: Bool
    var slug: String
    var words: String

    /// The colour bar's label.
    func unit(_ against: String) -> String {
      relative
        ? "Paired difference in \(words) (% of \(against))"
        : "Paired difference in \(words) per run"
    }

    static let cost = MapQuantity(
      metric: Metric.totalCost.rawValue, relative: true, slug: "", words: "total cost")
    static let misses = MapQuantity(
      metric: Metric.deadlineMisses.rawValue, relative: false, slug: "-misses",
      words: "deadline misses")
  }

  /// Per comparison, a regime map over the two other axes with the most
  /// values (file order breaks ties): each square the mean paired difference
  /// in total cost as a percentage of the second value's mean, pooled over
  /// the remaining axes; the number is printed in it, in parentheses where
  /// the 95% CI includes 0. Where either value misses deadlines, a second
  /// map gives the difference in deadline misses per run. Comparisons equal
  /// on every run are left out with a note.
  public static func regimeMaps(_ data: SweepData, comparisons: [ExperimentSpec.Comparison])
    -> (figures: [GnuplotFigure], skipped: [String])
  {
    var figures: [GnuplotFigure] = []
    var skipped: [String] = []
    for c in comparisons {
      let axes = otherAxes(data, c.axis).enumerated()
        .sorted { a, b in
          let (na, nb) = (data.values(of: a.element).count, data.values(of: b.element).count)
          return na != nb ? na > nb : a.offset < b.offset
        }.map(\.element)
      guard axes.count >= 2 else { continue }
      let compared = data.cells.filter { [c.value, c.against].contains($0.values[c.axis] ?? "") }
      let missing = compared.contains {
        $0.series(Metric.deadlineMisses.rawValue).contains { $0 > 0 }
      }
      for quantity in missing ? [MapQuantity.cost, .misses] : [.cost] {
        if let figure = regimeMap(data, c, quantity, x: axes[0], y: axes[1]) {
          figures.append(figure)
        } else {
          skipped.append(
            "Regime map of \(c.valueText) − \(c.againstText) (\(quantity.words)) not drawn: they are equal in every run of every condition."
          )
        }
      }
    }
    return (figures, skipped)
  }

  /// One regime map, or nil when the two values are equal on every run.
  static func regimeMap(
    _ data: SweepData, _ c: ExperimentSpec.Comparison, _ quantity: MapQuantity, x: String,
    y: String
  ) -> GnuplotFigure? {
    let (xs, ys) = (compared(data, c, along: x), compared(data, c, along: y))
    let name = String(
      "regime-\(c.value)-vs-\(c.against)\(quantity.slug)".map {
        $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-"
      })
    let what =
      quantity.relative
      ? "paired difference in \(quantity.words) as % of \(c.againstText)'s mean"
      : "paired difference in \(quantity.words) per run"
    let allowed = ExperimentSpec.maxDeadlineMissRate(inText: data.specText)
    var (text, largest, anyDifference, marked) = regimeSquares(
      data, c, quantity, x: (x, xs), y: (y, ys), allowed: allowed)
    guard anyDifference else { return nil }
    let caption =
      "Regime map: \(c.valueText) − \(c.againstText), \(what), by `\(x)` and `\(y)` (pooled over the other axes; each square's number is the mean difference, in parentheses where the 95% CI includes 0; below 0 \(c.value) has less)."
      + (marked
        ? " Squares marked ✗ are left uncoloured: there one of the two misses more than `max_deadline_miss_rate` = \(Format.number(100 * allowed, 0))% of deadlines (the larger rate shown), so its cost is not comparable."
        : "")
    text =
      "# \(caption)\n# columns: x index, y index, value (NaN: not run or infeasible), label, n\n"
      + text
    let range = max(largest, 0.1)
    let xtics = xs.enumerated().map { "\(quoted(short($1))) \($0)" }.joined(separator: ", ")
    let ytics = ys.enumerated().map { "\(quoted(short($1))) \($0)" }.joined(separator: ", ")
    // `with image` needs two rows and two columns to size its pixels; a
    // map of one row or column draws each square as a filled box.
    let squares =
      xs.count < 2 || ys.count < 2
      ? "using 1:2:(0.5):(0.5):3 with boxxyerror fc palette fs solid noborder"
      : "using 1:2:3 with image"
    return GnuplotFigure(
      name: name, caption: caption, data: text,
      commands: """
        set xrange [-0.5:\(Double(xs.count) - 0.5)]
        set yrange [-0.5:\(Double(ys.count) - 0.5)]
        set xtics (\(xtics)) rotate by -20 noenhanced
        set ytics (\(ytics)) noenhanced
        set grid noytics
        set border 15
        unset x2tics
        unset y2tics
        unset key
        set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b')
        set cbrange [-\(range):\(range)]
        set cblabel \(quoted(quantity.unit(c.againstText) + "; (…): CI includes 0")) noenhanced
        set xlabel \(quoted(AxisLabel.words(x))) noenhanced
        set ylabel \(quoted(AxisLabel.words(y))) noenhanced
        plot '\(name).dat' \(squares), \\
             '' using 1:2:4 with labels font 'Sans,9' tc rgb '#000000'
        """)
  }

  /// A regime map's squares, row by row (`index x`, `index y`, value,
  /// label, n), the largest value's size, whether any run differs, and
  /// whether a square is marked infeasible.
  static func regimeSquares(
    _ data: SweepData, _ c: ExperimentSpec.Comparison, _ quantity: MapQuantity,
    x axis: (String, [String]), y yAxis: (String, [String]), allowed: Double
  ) -> (text: String, largest: Double, anyDifference: Bool, marked: Bool) {
    let (x, xs) = axis
    let (y, ys) = yAxis
    // A cost difference where either side misses more deadlines than the
    // spec allows compares a schedule that fails: such squares are left
    // uncoloured and marked (the misses map still shows them).
    func infeasible(_ match: [String: String]) -> Double? {
      guard quantity.metric == Metric.totalCost.rawValue else { return nil }
      return [c.value, c.against].compactMap { side -> Double? in
        var m = match
        m[c.axis] = side
        return ExperimentReport.missRate(data.cells(matching: m).flatMap(\.runs), above: allowed)
      }.max()
    }
    var marked = false
    var text = ""
    var largest = 0.0
    var anyDifference = false
    for (j, yv) in ys.enumerated() {
      for (i, xv) in xs.enumerated() {
        let (d, r) = paired(data, c, metric: quantity.metric, where: [x: xv, y: yv])
        let reference = r.isEmpty ? 0 : r.reduce(0, +) / Double(r.count)
        guard !d.isEmpty, !quantity.relative || reference != 0 else {
          text += "\(i) \(j) NaN \"not run\" 0\n"
          continue
        }
        if let rate = infeasible([x: xv, y: yv]) {
          marked = true
          if d.contains(where: { $0 != 0 }) { anyDifference = true }
          text += "\(i) \(j) NaN \"✗ \(Format.number(100 * rate, 0))% missed\" \(d.count)\n"
          continue
        }
        if d.contains(where: { $0 != 0 }) { anyDifference = true }
        let s = Summary(d)
        let value = quantity.relative ? 100 * s.mean / reference : s.mean
        largest = max(largest, abs(value))
        let shown = Format.number(value, abs(value) < 0.05 && value != 0 ? 2 : 1)
        text += "\(i) \(j) \(value) \"\(s.excludesZero ? shown : "(\(shown))")\" \(s.n)\n"
      }
      text += "\n"
    }
    return (text, largest, anyDifference, marked)
  }

  /// The values of `axis` at which the sweep ran both compared values: a
  /// map's rows and columns (a value where only one side ran, such as a
  /// policy an option does not apply to, would be a row of "not run").
  static func compared(_ data: SweepData, _ c: ExperimentSpec.Comparison, along axis: String)
    -> [String]
  {
    data.values(of: axis).filter { v in
      [c.value, c.against].allSatisfy { side in
        data.cells.contains { $0.values[axis] == v && $0.values[c.axis] == side }
      }
    }
  }

  /// Whether every value of `x` pools the same combinations of the other
  /// axes (not `x`, not `compared`): false when exclusions leave holes.
  static func poolsAlike(_ data: SweepData, along x: String, except compared: String) -> Bool {
    let others = data.axes.filter { $0 != x && $0 != compared }
    var sets: [String: Set<String>] = [:]
    for cell in data.cells {
      let key = others.map { cell.values[$0] ?? "" }.joined(separator: "\u{1F}")
      sets[cell.values[x] ?? "", default: []].insert(key)
    }
    return Set(sets.values).count <= 1
  }

  /// An axis value short enough for a tic label or a condition (a trace
  /// path by its zone: `trace:…/us-east-1a_v100_1.csv` → `trace us-east-1a`).
  static func short(_ value: String) -> String {
    guard value.hasPrefix("trace:") else { return value }
    let file = (value.dropFirst(6) as NSString).lastPathComponent
    return "trace " + (file.split(separator: "_").first.map(String.init) ?? file)
  }
}
