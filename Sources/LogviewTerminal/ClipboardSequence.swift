import LogviewCore

/// OSC 52, the escape sequence that sets the terminal's clipboard: understood by xterm,
/// kitty, iTerm2, WezTerm, foot, Windows Terminal and tmux (`set-clipboard on`), and it
/// travels over ssh, where no clipboard program could reach the user's desktop.
enum ClipboardSequence {
  /// `ESC ] 52 ; c ; BASE64 BEL` for `bytes` (the clipboard selection, `c`).
  static func bytes(for payload: [UInt8]) -> [UInt8] {
    Array("\u{1B}]52;c;".utf8) + Array(Base64.encode(payload).utf8) + [0x07]
  }
}
