import LogviewCore
import Testing

@testable import LogviewUI

struct InMemoryScreenTests {
  @Test func startsWithoutAFrame() {
    let screen = InMemoryScreen(width: 20, height: 5)
    #expect(screen.width == 20 && screen.height == 5)
    #expect(screen.frame == nil)
    #expect(screen.text.isEmpty && screen.styledText.isEmpty)
    #expect(screen.presentCount == 0)
  }

  @Test func keepsTheLastFrame() {
    let screen = InMemoryScreen(width: 6, height: 3)
    var first = CellBuffer(width: 6, height: 3)
    first.put("one", x: 0, y: 0, style: .plain)
    screen.present(first)
    var second = CellBuffer(width: 6, height: 3)
    second.put("two  ", x: 1, y: 0, style: .plain)
    second.put("日本", x: 2, y: 2, style: Style(fg: .red))
    screen.present(second)
    #expect(screen.frame == second)
    #expect(screen.presentCount == 2)
    #expect(screen.text == " two\n\n  日本")
    #expect(screen.styledText == " two\n\n  «r:日本»")
  }

  static let resizes: [(Int, Int, Int, Int)] = [
    (80, 24, 80, 24), (1, 1, 1, 1), (-5, 3, 0, 3), (0, -1, 0, 0),
  ]

  @Test(arguments: resizes)
  func resize(_ width: Int, _ height: Int, _ expectedWidth: Int, _ expectedHeight: Int) {
    let screen = InMemoryScreen(width: 10, height: 4)
    var buffer = CellBuffer(width: 10, height: 4)
    buffer.put("kept", x: 0, y: 0, style: .plain)
    screen.present(buffer)
    screen.resize(width: width, height: height)
    #expect(screen.width == expectedWidth && screen.height == expectedHeight)
    // The old frame stays until the app draws one of the new size.
    #expect(screen.text == "kept\n\n\n")
  }

  @Test func negativeSizeIsClamped() {
    let screen = InMemoryScreen(width: -3, height: -4)
    #expect(screen.width == 0 && screen.height == 0)
    screen.present(CellBuffer(width: 0, height: 0))
    #expect(screen.text.isEmpty)
  }

  @Test func usableAsAScreen() {
    let screen: any Screen = InMemoryScreen(width: 3, height: 1)
    var buffer = CellBuffer(width: screen.width, height: screen.height)
    buffer.put("abc", x: 0, y: 0, style: .plain)
    screen.present(buffer)
    #expect((screen as? InMemoryScreen)?.text == "abc")
  }

  static let keys: [(Key, String)] = [
    (.char("a"), "a"), (.char(" "), "<Space>"), (.ctrl("u"), "C-u"), (.pageDown, "<PgDn>"),
    (.backTab, "<S-Tab>"), (.click(x: 3, y: 4), "<Click 3,4>"), (.function(5), "<F5>"),
    (.resize, "<Resize>"), (.wheelUp, "<WheelUp>"),
  ]

  @Test(arguments: keys)
  func keyDescriptions(_ key: Key, _ expected: String) {
    #expect(key.description == expected)
  }
}
