/// Hides credentials in text logview shows of its own (error messages, notices, --explain,
/// the explorer's status): a query or a URL echoed back can hold one. The findings are
/// `SensitiveScan`'s secrets under its `messages` rules, which mask more than they do in
/// records (masking more than a secret is preferred to showing part of one): every value
/// of a secret-like name, the word after any `bearer`, and in a URL a password holding `/`,
/// `@` or spaces, or a user name alone (a token used as one). Personal data is left alone.
/// Each finding becomes `***`.
public enum SecretMasker {
  public static let mask = "***"

  public static func masked(_ text: String) -> String {
    String(decoding: masked(Array(text.utf8)), as: UTF8.self)
  }

  public static func masked(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 8)
    bytes.withUnsafeBytes { text in
      var scan = SensitiveScan(text, looksFor: .secret, rules: .messages)
      var copied = 0
      while let finding = scan.next() {
        out.appendBytes(UnsafeRawBufferPointer(rebasing: text[copied..<finding.range.lowerBound]))
        out.append(contentsOf: mask.utf8)
        copied = finding.range.upperBound
      }
      out.appendBytes(UnsafeRawBufferPointer(rebasing: text[copied...]))
    }
    return out
  }
}
