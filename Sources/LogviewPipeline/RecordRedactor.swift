import LogviewCore

/// `--redact` in headless output: a record holding findings is masked
/// (`SensitiveRedaction`) and normalized again from the masked bytes, so every format prints
/// the masked record and raw output differs from the input only inside findings. One per
/// worker (it owns a normalizer and a buffer); records without findings pass as they are.
final class RecordRedactor {
  private let normalizer: Normalizer
  private var masked: [UInt8] = []

  init(plan: NormalizerPlan) {
    normalizer = Normalizer(plan: plan)
  }

  /// Hands `body` the record to print and its raw bytes: masked when `text` (the record
  /// within `raw`, from `textStart`) holds findings, else `record` and `raw` as given.
  func withRedacted(
    _ record: RecordView, raw: UnsafeRawBufferPointer, textStart: Int, textCount: Int,
    needs: RecordNeeds, _ body: (RecordView, UnsafeRawBufferPointer) -> Void
  ) {
    let textEnd = textStart + textCount
    let text = UnsafeRawBufferPointer(rebasing: raw[textStart..<textEnd])
    guard SensitiveRedaction.hasFindings(text) else { return body(record, raw) }
    masked.removeAll(keepingCapacity: true)
    masked.appendBytes(UnsafeRawBufferPointer(rebasing: raw[..<textStart]))
    SensitiveRedaction.append(text, to: &masked)
    let maskedEnd = masked.count
    masked.appendBytes(UnsafeRawBufferPointer(rebasing: raw[textEnd...]))
    masked.withUnsafeBytes { all in
      let maskedText = UnsafeRawBufferPointer(rebasing: all[textStart..<maskedEnd])
      normalizer.withRecord(
        maskedText, firstLineLength: RecordSplitter.firstLineLength(of: maskedText), needs: needs
      ) { body($0, all) }
    }
  }

  /// Lines continuing a record printed earlier, masked.
  func withRedacted(_ raw: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
    masked.removeAll(keepingCapacity: true)
    SensitiveRedaction.append(raw, to: &masked)
    masked.withUnsafeBytes(body)
  }

  /// Text logview wrote from records (a report), masked line by line: each line is judged
  /// alone, so a JSON line is masked as JSON.
  static func redactedLines(_ text: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(text.count)
    text.withUnsafeBytes { all in
      var start = 0
      while start < all.count {
        let end = all[start...].firstIndex(of: UInt8(ascii: "\n")) ?? all.count
        SensitiveRedaction.append(UnsafeRawBufferPointer(rebasing: all[start..<end]), to: &out)
        if end < all.count { out.append(UInt8(ascii: "\n")) }
        start = end + 1
      }
    }
    return out
  }
}
