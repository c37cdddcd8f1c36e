/// A key press or other input event, independent of the terminal library.
public enum Key: Equatable, Sendable, Hashable {
  case char(Character)
  case ctrl(Character)  // lowercase letter: .ctrl("u")
  case up, down, left, right, pageUp, pageDown, home, end
  case enter, escape, tab, backTab, backspace, delete
  case wheelUp, wheelDown
  case click(x: Int, y: Int)
  case function(Int)
  case resize
}

extension Key: CustomStringConvertible {
  /// Vim-like notation for debugging and test names: `a`, `C-u`, `<Up>`, `<F5>`,
  /// `<Click 3,4>`.
  public var description: String {
    switch self {
    case .char(" "): return "<Space>"
    case .char(let character): return String(character)
    case .ctrl(let character): return "C-" + String(character)
    case .up: return "<Up>"
    case .down: return "<Down>"
    case .left: return "<Left>"
    case .right: return "<Right>"
    case .pageUp: return "<PgUp>"
    case .pageDown: return "<PgDn>"
    case .home: return "<Home>"
    case .end: return "<End>"
    case .enter: return "<Enter>"
    case .escape: return "<Esc>"
    case .tab: return "<Tab>"
    case .backTab: return "<S-Tab>"
    case .backspace: return "<BS>"
    case .delete: return "<Del>"
    case .wheelUp: return "<WheelUp>"
    case .wheelDown: return "<WheelDown>"
    case .click(let x, let y): return "<Click \(x),\(y)>"
    case .function(let n): return "<F\(n)>"
    case .resize: return "<Resize>"
    }
  }
}
