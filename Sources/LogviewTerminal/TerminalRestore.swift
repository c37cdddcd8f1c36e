import CNcursesw

/// What a crash handler writes to leave curses when endwin cannot run: attributes off,
/// cursor on, keypad and mouse reporting off, back to the normal screen.
enum TerminalRestore {
  static func sequence() -> [UInt8] {
    var bytes: [UInt8] = []
    for name in ["sgr0", "cnorm", "rmkx"] {
      if let value = lv_tigetstr(name) { bytes += Array(String(cString: value).utf8) }
    }
    bytes += Array("\u{1B}[?1006l\u{1B}[?1003l\u{1B}[?1002l\u{1B}[?1000l".utf8)
    if let value = lv_tigetstr("rmcup") { bytes += Array(String(cString: value).utf8) }
    return strippingPadding(bytes)
  }

  /// Removes terminfo padding ("$<5>", "$<2*/>"), which is for the library, not the terminal.
  static func strippingPadding(_ bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count,
        bytes[index + 1] == UInt8(ascii: "<"),
        let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: ">"))
      {
        index = close + 1
        continue
      }
      result.append(bytes[index])
      index += 1
    }
    return result
  }
}
