import LogviewCore
import Testing

@testable import LogviewUI

/// On the same text, the highlight marks exactly what `n` finds: both use the one
/// SubstringSearch (smart case, ASCII folding). The highlight used to lowercase with Unicode rules, so "école" lit up
/// "ÉCOLE" although `n` never stopped there.
@Suite struct SearchHighlightTests {
  static let cases: [(search: String, row: String, marked: String)] = [
    ("école", "ÉCOLE école", "ÉCOLE «k/y:école»"),
    ("timeout", "Timeout timeout TIMEOUT", "«k/y:Timeout» «k/y:timeout» «k/y:TIMEOUT»"),
    ("Timeout", "Timeout timeout", "«k/y:Timeout» timeout"),
    ("漢字", "a 漢字 b", "a «k/y:漢字» b"),
    ("ÉCOLE", "école", "école"),
    ("Timeout", "timeout TIMEOUT", "timeout TIMEOUT"),
  ]

  @Test(arguments: cases)
  func highlightAgreesWithTheSearch(search: String, row: String, marked: String) throws {
    let term = try #require(SearchTerm(search))
    var text = RowText()
    text.append(row)
    var buffer = CellBuffer(width: 40, height: 1)
    text.draw(into: &buffer, x: 0, y: 0, width: 40)
    let list = RecordList(
      formatter: RowFormatter(palette: Palette(colors: true), zone: .utc),
      palette: Palette(colors: true))
    list.markHits(
      of: term, in: text, buffer: &buffer, rect: Rect(x: 0, y: 0, width: 40, height: 1), y: 0,
      offset: 0)
    #expect(buffer.styledLines()[0] == marked)
    // What the highlight marks, `n` finds, and the other way round.
    let found = Array(row.utf8).withUnsafeBytes { term.occurs(in: $0) }
    #expect(found == marked.contains("«"))
  }
}
