import Foundation
import Testing

@testable import Reporting

/// A report's tables as LaTeX: one float per Markdown table, booktabs
/// rules, `\num{mean +- ci}`, specials escaped, and as many cells per row as
/// the header has.
@Suite struct LatexTablesTests {
  /// The unescaped `&` of a LaTeX row: its column separators.
  func separators(_ line: Substring) -> Int {
    var count = 0
    var previous: Character = " "
    for c in line {
      if c == "&" && previous != "\\" { count += 1 }
      previous = c
    }
    return count
  }

  /// Every row between `\midrule` and `\bottomrule` (or `\endfoot`) of
  /// each table has one separator fewer than the table has columns.
  func checkRows(_ tex: String) {
    var columns = 0
    var inBody = false
    for line in tex.split(separator: "\n") {
      if let spec = line.firstRange(of: "tabular}{") ?? line.firstRange(of: "longtable}{") {
        columns = line[spec.upperBound...].prefix { $0 == "l" || $0 == "r" }.count
      }
      if line == "\\midrule" || line == "\\endfoot" { inBody = true; continue }
      if line == "\\bottomrule" || line.hasPrefix("\\end{") || line == "\\endhead" {
        inBody = false
      }
      if inBody && line != "\\endhead" {
        #expect(separators(line) == columns - 1, "\(line)")
        #expect(line.hasSuffix(" \\\\"), "\(line)")
      }
    }
  }

  @Test func aTableBecomesABooktabsFloatWithItsCaption() {
    let markdown = """
      ### `deadline_hours`

      | policy | n | cost $ | share % |
      | --- | ---: | ---: | ---: |
      | `ross` ★ | 30 | 12.50 ± 1.25 | 50 |
      | a_b & c | 2 | — | 3 \\| 4 |
      | a < b > c | 1 | 2 | 3 |
      """
    let tex = LatexTables.document(fromMarkdown: markdown, experiment: "demo")
    #expect(tex.contains("\\caption{\\texttt{deadline\\_hours}}\\label{tab:demo:1}"))
    #expect(tex.contains("\\begin{tabular}{lrrr}\n\\toprule\n"))
    #expect(tex.contains("policy & n & cost \\$ & share \\% \\\\\n\\midrule\n"))
    #expect(
      tex.contains("\\texttt{ross} \\ensuremath{\\star} & 30 & \\num{12.50 +- 1.25} & 50 \\\\"))
    #expect(tex.contains("a\\_b \\& c & 2 & --- & 3 | 4 \\\\"))
    // Outside T1 encoding a bare < or > prints as ¡ or ¿.
    #expect(tex.contains("a \\textless{} b \\textgreater{} c & 1 & 2 & 3 \\\\"))
    #expect(tex.contains("\\bottomrule\n\\end{tabular}\n\\end{table}"))
    checkRows(tex)
  }

  @Test func aLongTableBreaksAcrossPages() {
    let rows = (0..<41).map { "| c\($0) | \($0) |" }.joined(separator: "\n")
    let tex = LatexTables.document(
      fromMarkdown:
        "<details><summary>41 cells</summary>\n\n| cell | n |\n| --- | ---: |\n\(rows)\n",
      experiment: "demo")
    #expect(tex.contains("\\begin{longtable}{lr}\n\\caption{41 cells}\\label{tab:demo:1} \\\\"))
    #expect(tex.contains("\\endhead"))
    #expect(!tex.contains("\\begin{table}"))
    checkRows(tex)
  }

  @Test func everyTableOfAReportIsWritten() {
    let markdown = ExperimentReport(data: Synthetic.sweep(), spec: nil, catalog: nil, specNote: "")
      .markdown(figures: [], skipped: [])
    let tables = markdown.split(separator: "\n").filter {
      $0.hasPrefix("| ---") || $0.hasPrefix("| :")
    }
    .count
    let tex = LatexTables.document(fromMarkdown: markdown, experiment: "synthetic")
    let floats =
      tex.components(separatedBy: "\\begin{table}").count - 1
      + tex.components(separatedBy: "\\begin{longtable}").count - 1
    #expect(tables > 3)
    #expect(floats == tables)
    checkRows(tex)
    // The same Markdown, the same bytes.
    #expect(tex == LatexTables.document(fromMarkdown: markdown, experiment: "synthetic"))
  }

  @Test func cellsSplitOnUnescapedPipes() {
    #expect(LatexTables.cells("| a | b \\| c | d |") == ["a", "b | c", "d"])
  }
}
