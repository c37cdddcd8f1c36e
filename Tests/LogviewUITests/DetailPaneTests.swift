import LogviewCore
import Testing

@testable import LogviewUI

/// The detail pane lists every field as written, a prefix's or an envelope's too.
@Suite struct DetailPaneTests {
  static func text(_ line: String) -> [String] {
    let normalizer = Normalizer()
    return Array(line.utf8).withUnsafeBytes { bytes in
      normalizer.withRecord(bytes) { record in
        DetailPane.lines(
          for: record, width: 80, palette: Palette(colors: false), presenter: RecordPresenter()
        ).map(\.plainText)
      }
    }
  }

  @Test(arguments: [
    (
      #"[pod/api-7d9c5b9b9-abcde/app] {"level":"info","msg":"hi"}"#,
      ["pod: api-7d9c5b9b9-abcde", "container: app", "msg: hi"]
    ),
    ("time=2024-03-15T10:00:00Z level=warn msg=\"a b\" port=8080", ["port: 8080", "msg: a b"]),
    (
      #"{"log":"plain text\n","stream":"stderr","time":"2024-03-15T10:00:00Z"}"#, ["stream: stderr"]
    ),
  ])
  func showsEveryField(_ line: String, _ rows: [String]) {
    let shown = Self.text(line)
    for row in rows { #expect(shown.contains(row), "\(shown)") }
  }
}
