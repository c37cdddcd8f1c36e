/// How `--redact` hides what `SensitiveScan` finds in a record: each finding is replaced by
/// `[REDACTED:KIND]` (`[REDACTED:email]`, `[REDACTED:secret-field]`; kinds: `SensitiveKind`),
/// and everything else is kept byte for byte. The mask holds no quote, backslash or control
/// character, so a finding inside a JSON string leaves the string valid; a finding that is a
/// JSON value outside a string (a card number written as a number) becomes the string
/// `"[REDACTED:card]"`, so the record stays valid JSON.
public enum SensitiveRedaction {
  public static func mask(_ kind: SensitiveKind) -> String { "[REDACTED:\(kind.name)]" }

  /// The masks as bytes, by kind (built once).
  private static let masks: [[UInt8]] = SensitiveKind.allCases.map { Array(mask($0).utf8) }

  /// Appends `bytes` to `out` with every finding masked; returns how many there were.
  @discardableResult
  public static func append(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) -> Int {
    var scan = SensitiveScan(bytes)
    var copied = 0
    var found = 0
    // In a JSON record, whether the scan is inside a string at `cursor`.
    var cursor = 0
    var inString = false
    while let finding = scan.next() {
      let range = finding.range
      if scan.json {
        while cursor < range.lowerBound {
          let b = bytes[cursor]
          if inString, b == UInt8(ascii: "\\") {
            cursor += 2
            continue
          }
          if b == UInt8(ascii: "\"") { inString.toggle() }
          cursor += 1
        }
        // A finding holds no unescaped quote: the state after it is the state before.
        cursor = max(cursor, range.upperBound)
      }
      out.appendBytes(UnsafeRawBufferPointer(rebasing: bytes[copied..<range.lowerBound]))
      let bare = scan.json && !inString
      if bare { out.append(UInt8(ascii: "\"")) }
      out.append(contentsOf: masks[Int(finding.kind.rawValue)])
      if bare { out.append(UInt8(ascii: "\"")) }
      copied = range.upperBound
      found += 1
    }
    out.appendBytes(UnsafeRawBufferPointer(rebasing: bytes[copied...]))
    return found
  }

  /// `bytes` with every finding masked.
  public static func redacted(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    bytes.withUnsafeBytes { _ = append($0, to: &out) }
    return out
  }

  /// Whether `bytes` holds any finding (cheaper than masking it).
  public static func hasFindings(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var scan = SensitiveScan(bytes)
    return scan.next() != nil
  }
}
