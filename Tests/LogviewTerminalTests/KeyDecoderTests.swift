import CNcursesw
import LogviewUI
import Testing

@testable import LogviewTerminal

struct KeyDecoderTests {
  /// Plain characters (wget_wch returned OK).
  static let characters: [(code: Int32, key: Key?)] = [
    (97, .char("a")), (65, .char("A")), (32, .char(" ")), (126, .char("~")),
    (0x65E5, .char("日")), (0x1F600, .char("😀")), (0xE9, .char("é")), (0x301, .char("\u{301}")),
    (9, .tab), (10, .enter), (13, .enter), (8, .backspace), (127, .backspace), (27, .escape),
    (1, .ctrl("a")), (21, .ctrl("u")), (4, .ctrl("d")), (26, .ctrl("z")), (7, .ctrl("g")),
    (0, nil), (28, nil), (31, nil), (0x85, nil), (0x9F, nil),
    (-1, nil), (0xD800, nil), (0x110000, nil),
  ]

  @Test(arguments: characters)
  func plainCharacter(code: Int32, key: Key?) {
    #expect(KeyDecoder.key(from: code, isFunctionKey: false) == key)
  }

  /// Function keys (wget_wch returned KEY_CODE_YES).
  static let functionKeys: [(code: Int32, key: Key?)] = [
    (lv_key_up(), .up), (lv_key_down(), .down), (lv_key_left(), .left),
    (lv_key_right(), .right), (lv_key_ppage(), .pageUp), (lv_key_npage(), .pageDown),
    (lv_key_home(), .home), (lv_key_end(), .end), (lv_key_find(), .home),
    (lv_key_select(), .end), (lv_key_a1(), .home), (lv_key_c1(), .end), (lv_key_a3(), .pageUp),
    (lv_key_c3(), .pageDown), (lv_key_enter(), .enter), (lv_key_backspace(), .backspace),
    (lv_key_dc(), .delete), (lv_key_btab(), .backTab), (lv_key_resize(), .resize),
    (lv_key_f(1), .function(1)), (lv_key_f(5), .function(5)), (lv_key_f(12), .function(12)),
    (lv_key_f(24), .function(24)), (lv_key_f(63), .function(63)),
    (lv_key_f(0), nil), (lv_key_f(64), nil), (lv_key_mouse(), nil), (0x7FFF, nil),
  ]

  @Test(arguments: functionKeys)
  func functionKey(code: Int32, key: Key?) {
    #expect(KeyDecoder.key(from: code, isFunctionKey: true) == key)
  }

  /// The same number means different keys in the two tables: 0402 is KEY_DOWN only as a
  /// function key; as a character it is U+0102.
  @Test func tablesAreSeparate() {
    #expect(KeyDecoder.key(from: lv_key_down(), isFunctionKey: false) == .char("\u{102}"))
    #expect(KeyDecoder.key(from: 97, isFunctionKey: true) == nil)
  }

  static let mouseEvents: [(buttons: mmask_t, x: Int32, y: Int32, key: Key?)] = [
    (lv_button4_pressed(), 3, 4, .wheelUp),
    (lv_button5_pressed(), 3, 4, .wheelDown),
    (lv_button1_pressed(), 10, 9, .click(x: 10, y: 9)),
    (lv_button1_clicked(), 0, 0, .click(x: 0, y: 0)),
    (lv_report_mouse_position(), 5, 5, nil),
    (0, 1, 1, nil),
  ]

  @Test(arguments: mouseEvents)
  func mouseEvent(buttons: mmask_t, x: Int32, y: Int32, key: Key?) {
    #expect(KeyDecoder.key(fromMouse: buttons, x: x, y: y) == key)
  }

  @Test func mouseMaskAsksForWheelAndButtonOne() {
    let mask = KeyDecoder.mouseMask
    for wanted in [lv_button1_pressed(), lv_button4_pressed(), lv_button5_pressed()] {
      #expect(mask & wanted == wanted)
    }
    #expect(mask & lv_report_mouse_position() == 0)
  }
}
