import LogviewCore

/// The explorer's reading of secrets and personal data: with --redact every record is read
/// masked (`SensitiveRedaction`), so rows, the detail pane, copy and save never show a
/// finding; and the gutter's flag says which findings a record holds.
extension ViewData {
  /// `text` masked, or nil when it holds no finding.
  static func masked(_ text: UnsafeRawBufferPointer) -> [UInt8]? {
    guard SensitiveRedaction.hasFindings(text) else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(text.count)
    SensitiveRedaction.append(text, to: &out)
    return out
  }

  /// Text a pane quotes from records (a pattern's template, a route), as shown: masked with
  /// --redact.
  func shown(_ text: String) -> String {
    guard redact, let masked = Array(text.utf8).withUnsafeBytes({ Self.masked($0) }) else {
      return text
    }
    return String(decoding: masked, as: UTF8.self)
  }

  /// The record's bytes as `y` copies them: masked with --redact.
  func rawBytes(logIndex index: Int) -> [UInt8] {
    log.withText(at: index) { text, _ in
      (redact ? Self.masked(text) : nil) ?? Array(text)
    }
  }

  /// The groups of findings the record holds (for the gutter: a screenful of rows a frame).
  func findingGroups(logIndex index: Int) -> SensitiveGroups {
    log.withText(at: index) { text, _ in SensitiveScan.groups(in: text) }
  }
}
