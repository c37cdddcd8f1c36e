import Testing

@testable import LogviewCore

/// Text shown on a terminal: every control that could act on it becomes a visible escape.
@Suite struct TextSanitizerTests {
  static let texts: [(String, String)] = [
    ("plain", "plain"),
    // Complete CSI sequences (colors, screen control) are dropped; a lone ESC shows.
    ("a\u{1B}[2Jb", "ab"),
    ("\u{1B}[31mERROR\u{1B}[0m 2024-03-15 colored", "ERROR 2024-03-15 colored"),
    ("\u{1B}[1;33mwarn\u{1B}[m", "warn"),
    ("a\u{1B}[?25lb", "ab"),
    ("a\u{1B}b", #"a\eb"#),
    ("a\u{1B}", #"a\e"#),
    ("a\u{1B}[", #"a\e["#),
    ("a\u{1B}[31", #"a\e[31"#),
    ("a\u{1B}[31\u{7}m", #"a\e[31\x07m"#),
    ("a\u{1B}]0;title\u{7}b", #"a\e]0;title\x07b"#),
    ("\u{1B}\u{1B}[0m", #"\e"#),
    ("a\u{7F}b\u{0}c", #"a\x7fb\x00c"#),
    ("tab\there\r\n", #"tab\there\r\n"#),
    // C1 controls: U+009B is a one-character CSI, U+0085 a line break.
    ("a\u{9B}31mb\u{85}c\u{80}", #"a\u009b31mb\u0085c\u0080"#),
    // Bidi overrides, embeddings, isolates and marks; line and paragraph separators.
    ("user\u{202E}gnp.exe", #"user\u202egnp.exe"#),
    ("\u{202A}\u{202B}\u{202C}\u{202D}", #"\u202a\u202b\u202c\u202d"#),
    ("\u{2066}\u{2067}\u{2068}\u{2069}", #"\u2066\u2067\u2068\u2069"#),
    ("\u{200E}\u{200F}\u{061C}\u{2028}\u{2029}", #"\u200e\u200f\u061c\u2028\u2029"#),
    // Neighbours stay: Latin-1 letters, ZWJ sequences, other punctuation.
    (
      "é\u{A0}ü \u{200D} \u{2030}\u{2065}\u{206A} 🙂", "é\u{A0}ü \u{200D} \u{2030}\u{2065}\u{206A} 🙂"
    ),
  ]

  @Test(arguments: texts)
  func escapesControls(_ input: String, _ expected: String) {
    #expect(TextSanitizer.sanitized(input) == expected)
  }

  /// Quoted values (JSON strings): the same characters escaped, JSON style.
  static let quoted: [(String, String)] = [
    ("a\u{9B}b", #""a\u009bb""#),
    ("\u{202E}x\u{2069}", #""\u202ex\u2069""#),
    ("\u{1}é", #""\u0001é""#),
  ]

  @Test(arguments: quoted)
  func quotedValuesEscapeControls(_ input: String, _ expected: String) {
    var out: [UInt8] = []
    JSONStringCodec.appendQuoted(input, to: &out)
    #expect(String(decoding: out, as: UTF8.self) == expected)
  }

  /// The presenter (headless pretty lines, explorer rows) shows messages, keys and values
  /// with those escapes, whether the JSON spelled the character or held it raw.
  static let records: [(String, String)] = [
    (#"{"msg":"a\u009b2Jb"}"#, #"a\u009b2Jb"#),
    ("{\"msg\":\"a\u{9B}b\"}", #"a\u009bb"#),
    (#"{"msg":"m","k":"x\u202ey"}"#, #"m k="x\u202ey""#),
    ("{\"msg\":\"m\",\"k\u{2066}\":1}", #"m k\u2066=1"#),
    ("{\"msg\":\"m\",\"o\":{\"k\":\"\u{9B}\"}}", #"m o.k="\u009b""#),
    ("{\"msg\":\"m\",\"a\":[\"\u{202E}\"]}", #"m a=["\u202e"]"#),
    ("raw \u{9B}[31m line", #"raw \u009b[31m line"#),
    ("raw \u{1B}[31mred\u{1B}[0m line", "raw red line"),
  ]

  @Test(arguments: records)
  func presenterEscapes(_ line: String, _ expected: String) {
    let normalizer = Normalizer()
    let presenter = RecordPresenter()
    var shown = ""
    Array(line.utf8).withUnsafeBytes { bytes in
      normalizer.withRecord(bytes) { record in
        let hasMessage = presenter.withText(.message, of: record) {
          shown = String(decoding: $0, as: UTF8.self)
        }
        if !hasMessage {
          presenter.withFirstLine(of: record) { shown = String(decoding: $0, as: UTF8.self) }
        }
        presenter.forEachField(of: record) { key, value in
          shown +=
            " " + String(decoding: key, as: UTF8.self) + "="
            + String(decoding: value, as: UTF8.self)
        }
      }
    }
    #expect(shown == expected)
  }
}
