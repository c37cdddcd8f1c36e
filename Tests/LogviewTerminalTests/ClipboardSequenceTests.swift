import Testing

@testable import LogviewTerminal

/// `y` reaches the terminal as OSC 52: ESC ] 52 ; c ; base64 BEL.
struct ClipboardSequenceTests {
  @Test(arguments: [
    ("", "\u{1B}]52;c;\u{07}"),
    ("a", "\u{1B}]52;c;YQ==\u{07}"),
    (#"{"msg":"hi"}"#, "\u{1B}]52;c;eyJtc2ciOiJoaSJ9\u{07}"),
    ("é\n日", "\u{1B}]52;c;w6kK5pel\u{07}"),
  ])
  func sequenceIsOSC52WithBase64(_ payload: String, _ expected: String) {
    #expect(ClipboardSequence.bytes(for: Array(payload.utf8)) == Array(expected.utf8))
  }
}
