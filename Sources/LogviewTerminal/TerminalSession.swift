import CNcursesw
import Glibc
import LogviewSystem
import LogviewUI
import Synchronization

/// True between a successful open and the endwin that ends it; lets emergencyRestore (any
/// thread, atexit) and close agree on who calls endwin.
private let cursesActive = Atomic<Bool>(false)

/// The full-screen terminal: ncursesw on /dev/tty (so stdin can carry the log stream).
@MainActor
public final class TerminalSession {
  private let terminal: OpaquePointer  // SCREEN *
  private let file: UnsafeMutablePointer<FILE>
  private let descriptor: Int32
  private let ncursesScreen: NcursesScreen
  private var closed = false

  /// Presents CellBuffers on the terminal, sending only the cells that changed.
  public var screen: Screen { ncursesScreen }
  public let colorMode: ColorMode
  /// The terminal's input descriptor, for poll().
  public var inputDescriptor: Int32 { descriptor }

  private init(
    terminal: OpaquePointer, file: UnsafeMutablePointer<FILE>, descriptor: Int32,
    screen: NcursesScreen, colorMode: ColorMode
  ) {
    self.terminal = terminal
    self.file = file
    self.descriptor = descriptor
    self.ncursesScreen = screen
    self.colorMode = colorMode
  }

  isolated deinit { close() }

  /// Sets the locale, opens /dev/tty and starts curses with newterm. Returns nil (never exits
  /// or prints) when there is no controlling terminal or TERM is unknown: callers then fall back
  /// to headless output. Call SignalBridge.install first.
  public static func open() -> TerminalSession? {
    // Without the locale, wcwidth is -1 for everything non-ASCII and ncurses draws "~?".
    _ = setlocale(LC_ALL, "")
    // No locale configured at all (plain C/POSIX, common in containers): assume the usual
    // UTF-8 terminal rather than showing every non-ASCII character as "?".
    if let ctype = setlocale(LC_CTYPE, nil), ["C", "POSIX"].contains(String(cString: ctype)) {
      _ = setlocale(LC_CTYPE, "C.UTF-8")
    }
    var descriptor: Int32 = -1
    guard let file = lv_open_tty(&descriptor) else { return nil }
    var shellModes = termios()
    let haveShellModes = tcgetattr(descriptor, &shellModes) == 0
    // The size comes from the terminal (TIOCGWINSZ), never from stale LINES/COLUMNS.
    use_env(false)
    use_tioctl(true)
    // Input and output both on the tty: stdin may be the log stream, stdout stays untouched.
    guard let terminal = newterm(nil, file, file) else {
      fclose(file)
      return nil
    }
    guard lv_tigetstr("cup") != nil, let window = lv_stdscr() else {
      // A terminal that cannot address the cursor (TERM=dumb) cannot show the screen.
      endwin()
      delscreen(terminal)
      fclose(file)
      return nil
    }
    _ = cbreak()  // not raw(): Ctrl-C stays a signal, routed by SignalBridge
    _ = noecho()
    _ = nonl()
    _ = keypad(window, true)
    _ = nodelay(window, true)
    _ = intrflush(window, false)
    _ = leaveok(window, true)
    _ = scrollok(window, false)
    // No typeahead check: it can abandon an update half-drawn while keys are pending.
    _ = typeahead(-1)
    _ = set_escdelay(25)
    _ = curs_set(0)
    _ = mouseinterval(0)
    _ = mousemask(KeyDecoder.mouseMask, nil)
    let (colorMode, defaultColors) = startColors()
    let screen = NcursesScreen(window: window, colorMode: colorMode, defaultColors: defaultColors)
    FaultGuard.armTerminalRestore(
      descriptor: descriptor, modes: haveShellModes ? shellModes : nil,
      sequence: TerminalRestore.sequence())
    cursesActive.store(true, ordering: .sequentiallyConsistent)
    return TerminalSession(
      terminal: terminal, file: file, descriptor: descriptor, screen: screen,
      colorMode: colorMode)
  }

  /// Every pending key, without blocking (mouse wheel and KEY_RESIZE included).
  public func readKeys() -> [Key] {
    guard !closed, let window = lv_stdscr() else { return [] }
    return KeyDecoder.readAll(from: window)
  }

  /// After SIGWINCH: reads the new size (TIOCGWINSZ) and resizes curses; screen.width/height
  /// reflect it afterwards, and the next present repaints the whole terminal. Queues no
  /// `.resize` key: the SIGWINCH byte on the wake pipe is the event (SignalBridge also sends
  /// it on SIGCONT, after Ctrl-Z and fg).
  public func resize() {
    guard !closed, let window = lv_stdscr() else { return }
    // ncurses' resume from Ctrl-Z does not put the keypad back in application mode, and
    // arrows then arrive as bare escape sequences; this re-sends it.
    _ = keypad(window, true)
    var rows: Int32 = 0
    var columns: Int32 = 0
    if lv_window_size(descriptor, &rows, &columns) == 0 {
      _ = resize_term(rows, columns)
    }
    ncursesScreen.invalidate()
  }

  /// Sets the terminal's clipboard (OSC 52), written straight to the terminal after what
  /// curses has drawn: curses would count the sequence's bytes as cells.
  public func copyToClipboard(_ payload: [UInt8]) {
    guard !closed else { return }
    _ = fflush(file)
    let sequence = ClipboardSequence.bytes(for: payload)
    sequence.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { return }
        offset += count
      }
    }
  }

  /// Restores the terminal (endwin). Safe to call more than once.
  public func close() {
    guard !closed else { return }
    closed = true
    ncursesScreen.deactivate()
    Self.emergencyRestore()
    FaultGuard.disarmTerminalRestore()
    delscreen(terminal)
    fclose(file)
  }

  /// Leaves curses mode if a session is active: cursor shown, modes and screen restored.
  /// Safe from an atexit handler and any thread, and a no-op when nothing is open.
  nonisolated public static func emergencyRestore() {
    guard cursesActive.exchange(false, ordering: .sequentiallyConsistent) else { return }
    _ = curs_set(1)
    _ = endwin()
  }

  /// Colors unless the terminal has fewer than 8 or LOGVIEW_MONO=1; default colors (-1)
  /// when the terminal supports them, so "standard" keeps the user's own colors.
  private static func startColors() -> (ColorMode, Bool) {
    let forcedMono = getenv("LOGVIEW_MONO").map { String(cString: $0) == "1" } ?? false
    guard !forcedMono, has_colors(), start_color() == OK, lv_colors() >= 8 else {
      return (.mono, false)
    }
    return (.colors, use_default_colors() == OK)
  }
}
