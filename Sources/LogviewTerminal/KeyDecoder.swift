import CNcursesw
import LogviewUI

/// Turns ncurses input (wget_wch results and mouse events) into Keys. The mapping is pure and
/// table-driven so it can be tested without a terminal; only `readAll` touches curses.
enum KeyDecoder {
  /// At most this many keys per `readAll`, so a hung-up terminal that keeps reporting input
  /// cannot trap the UI thread; the rest comes on the next call.
  static let maximumKeysPerRead = 4096

  /// ncurses function-key codes (wget_wch returned KEY_CODE_YES) with a fixed meaning.
  /// KEY_FIND/KEY_SELECT are what some terminals send for Home/End; the keypad corners
  /// (A1, A3, C1, C3) are Home, PageUp, End, PageDown.
  static let functionKeys: [Int32: Key] = [
    lv_key_up(): .up, lv_key_down(): .down, lv_key_left(): .left, lv_key_right(): .right,
    lv_key_ppage(): .pageUp, lv_key_npage(): .pageDown,
    lv_key_home(): .home, lv_key_find(): .home, lv_key_a1(): .home,
    lv_key_end(): .end, lv_key_select(): .end, lv_key_c1(): .end,
    lv_key_a3(): .pageUp, lv_key_c3(): .pageDown,
    lv_key_enter(): .enter, lv_key_backspace(): .backspace, lv_key_dc(): .delete,
    lv_key_btab(): .backTab, lv_key_resize(): .resize,
  ]

  /// The Key for one wget_wch result; nil for codes the UI has no use for (KEY_MOUSE, which
  /// needs getmouse, unknown function keys, NUL and the C0/C1 controls without a name).
  static func key(from code: Int32, isFunctionKey: Bool) -> Key? {
    if isFunctionKey {
      if let key = functionKeys[code] { return key }
      let functionZero = lv_key_f(0)
      if code > functionZero && code <= functionZero + 63 {
        return .function(Int(code - functionZero))
      }
      return nil
    }
    switch code {
    case 9: return .tab
    case 10, 13: return .enter
    case 8, 127: return .backspace
    case 27: return .escape
    case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(96 + code))))
    case ..<32, 0x80...0x9F: return nil
    default:
      guard let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
      return .char(Character(scalar))
    }
  }

  /// The Key for one mouse event: wheel (buttons 4/5) or a button-1 press/click at (x, y).
  static func key(fromMouse buttons: mmask_t, x: Int32, y: Int32) -> Key? {
    if buttons & lv_button4_pressed() != 0 { return .wheelUp }
    if buttons & lv_button5_pressed() != 0 { return .wheelDown }
    if buttons & (lv_button1_pressed() | lv_button1_clicked()) != 0 {
      return .click(x: Int(x), y: Int(y))
    }
    return nil
  }

  /// The mouse events requested from ncurses: the wheel and button-1 presses. Click
  /// detection is off (mouseinterval 0) so a press arrives at once instead of after the
  /// release and the click interval.
  static var mouseMask: mmask_t {
    lv_button1_pressed() | lv_button1_clicked() | lv_button4_pressed() | lv_button5_pressed()
  }

  /// Every pending key of `window` (which must be in nodelay mode), without blocking.
  static func readAll(from window: UnsafeMutablePointer<WINDOW>) -> [Key] {
    var keys: [Key] = []
    var character: wint_t = 0
    while keys.count < maximumKeysPerRead {
      let result = wget_wch(window, &character)
      if result == ERR { break }
      let isFunctionKey = result == lv_key_code_yes()
      let code = Int32(bitPattern: character)
      if isFunctionKey && code == lv_key_mouse() {
        var event = MEVENT()
        if getmouse(&event) == OK, let key = key(fromMouse: event.bstate, x: event.x, y: event.y) {
          keys.append(key)
        }
        continue
      }
      if let key = key(from: code, isFunctionKey: isFunctionKey) { keys.append(key) }
    }
    return keys
  }
}
