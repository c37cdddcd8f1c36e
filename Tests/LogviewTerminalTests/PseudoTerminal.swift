import CNcursesw
import Glibc

/// A curses SCREEN on a fresh pseudo-terminal, so NcursesScreen can draw in tests without a
/// real terminal; what it drew is read back from curses' own screen image (win_wch).
final class PseudoTerminal {
  let master: Int32
  let file: UnsafeMutablePointer<FILE>
  let terminal: OpaquePointer
  let window: UnsafeMutablePointer<WINDOW>

  /// nil when /dev/ptmx or the terminfo entry is missing.
  init?(columns: Int, rows: Int, term: String = "xterm-256color") {
    // Fixed, so wcwidth (which NcursesScreen consults) knows CJK and emoji.
    guard setlocale(LC_ALL, "C.UTF-8") != nil else { return nil }
    let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard master >= 0 else { return nil }
    // TIOCSPTLCK and TIOCGPTN: function-like macros Swift cannot import (Linux values).
    var unlock: Int32 = 0
    var number: Int32 = 0
    var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
    guard ioctl(master, UInt(0x4004_5431), &unlock) == 0,
      ioctl(master, UInt(0x8004_5430), &number) == 0,
      ioctl(master, UInt(TIOCSWINSZ), &size) == 0,
      fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK) == 0
    else {
      Glibc.close(master)
      return nil
    }
    let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard slave >= 0, let file = fdopen(slave, "r+") else {
      Glibc.close(master)
      return nil
    }
    use_env(false)  // the pty's size, whatever LINES/COLUMNS say
    use_tioctl(true)
    guard let terminal = newterm(term, file, file), let window = lv_stdscr() else {
      fclose(file)
      Glibc.close(master)
      return nil
    }
    self.master = master
    self.file = file
    self.terminal = terminal
    self.window = window
    _ = start_color()
    _ = use_default_colors()
    drain()
  }

  /// Reads what curses sent to the terminal so far (the pty buffer must not fill up).
  @discardableResult
  func drain() -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
      guard count > 0 else { return bytes }
      bytes += chunk[0..<count]
    }
  }

  /// The text, attributes and color pair curses holds for cell (x, y).
  func cell(x: Int, y: Int) -> (text: String, attributes: attr_t, pair: Int16) {
    var value = cchar_t()
    guard mvwin_wch(window, Int32(y), Int32(x), &value) != ERR else { return ("", 0, -1) }
    var characters = [wchar_t](repeating: 0, count: 8)
    var attributes: attr_t = 0
    var pair: Int16 = 0
    _ = getcchar(&value, &characters, &attributes, &pair, nil)
    let scalars = characters.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32($0)) }
    var text = ""
    text.unicodeScalars.append(contentsOf: scalars)
    return (text, attributes, pair)
  }

  /// The row as curses holds it, one entry per column.
  func row(_ y: Int, columns: Int) -> [String] { (0..<columns).map { cell(x: $0, y: y).text } }

  func shutDown() {
    _ = endwin()
    delscreen(terminal)
    fclose(file)
    Glibc.close(master)
  }
}
