/// The one way text of logview's own is made fit to show (errors and notes on stderr,
/// --explain, the explorer's status and notices): an echoed query, path or URL may carry a
/// credential or control characters, so secrets are masked (`SecretMasker`), then controls
/// escaped (`TextSanitizer`). Masking first sees the spaces and quotes that end a secret.
public enum MessageText {
  public static func safe(_ text: String) -> String {
    var out: [UInt8] = []
    SecretMasker.masked(Array(text.utf8)).withUnsafeBytes { TextSanitizer.append($0, to: &out) }
    return String(decoding: out, as: UTF8.self)
  }
}
