import LogviewCore
import Testing

/// What the RecordPresenter shows goes to a terminal: whatever a record holds, every piece is
/// valid UTF-8 without control characters (tabs only in continuation lines). Cases from
/// fuzzing (Tests/Fuzz, FuzzNormalizer).
@Suite struct RecordPresenterTests {
  static let hostile: [String] = [
    // DEL in a quoted value went out raw: JSON quoting allowed it (minimized fuzz input).
    "{\"\":\"\u{7F}\"}",
    "{\"k\":\"a\u{7F} b\",\"n\":{\"d\u{7F}\":\"\u{7F} x\"}}",
    "{\"msg\":\"x\u{7F}\\u001b[31m\",\"service\":\"s\u{7F}\"}",
    "{\"a\u{7F}b\":1,\"c\\u007f\":\"\\u007f\"}",
    "plain \u{7F}\u{1B}[31m text\n\tat \u{7F}frame",
  ]

  @Test(arguments: hostile)
  func showsNoControlCharacters(_ record: String) {
    let normalizer = Normalizer()
    let presenter = RecordPresenter()
    var pieces: [[UInt8]] = []
    let bytes = Array(record.utf8)
    bytes.withUnsafeBytes { text in
      normalizer.withRecord(text, firstLineLength: RecordSplitter.firstLineLength(of: text)) {
        record in
        presenter.withText(.message, of: record) { pieces.append(Array($0)) }
        presenter.withText(.service, of: record) { pieces.append(Array($0)) }
        presenter.withFirstLine(of: record) { pieces.append(Array($0)) }
        presenter.forEachField(of: record) { key, value in
          pieces.append(Array(key))
          pieces.append(Array(value))
        }
        RecordPresenter.forEachContinuationLine(of: record) { line in
          var out: [UInt8] = []
          RecordPresenter.appendLine(line, to: &out)
          pieces.append(out.filter { $0 != 0x09 })
        }
      }
    }
    #expect(pieces.count >= 2)
    for piece in pieces {
      #expect(
        piece.allSatisfy { $0 >= 0x20 && $0 != 0x7F },
        "\(String(decoding: piece, as: UTF8.self).debugDescription)")
      #expect(piece.withUnsafeBytes { JSONStringCodec.isValidUTF8($0) })
    }
  }
}
