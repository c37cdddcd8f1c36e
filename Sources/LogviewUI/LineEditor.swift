/// A one-line text field that edits like a shell prompt: arrows, Home/End, Backspace, Delete,
/// Ctrl-A/E/U/K/W, and Up/Down through earlier entries.
public struct LineEditor: Equatable, Sendable {
  public private(set) var text: String = ""
  /// Cursor position in Characters, 0...text.count.
  public private(set) var cursor: Int = 0
  public private(set) var history: [String] = []
  private var historyIndex: Int?
  private var draft = ""

  public init(text: String = "") {
    self.text = text
    cursor = text.count
  }

  public mutating func set(_ newText: String) {
    text = newText
    cursor = newText.count
    historyIndex = nil
  }

  /// Replaces the characters from `start` up to the cursor with `replacement`.
  public mutating func replace(from start: Int, with replacement: String) {
    var chars = Array(text)
    let lower = min(max(0, start), cursor)
    chars.replaceSubrange(lower..<cursor, with: Array(replacement))
    text = String(chars)
    cursor = lower + replacement.count
  }

  /// Entries kept for Up/Down (as many as the history file keeps across runs).
  public static let historyLimit = 500

  /// Remembers an entry for Up/Down: newest last, each entry once (an earlier copy moves to
  /// the end), at most `historyLimit`.
  public mutating func remember(_ entry: String) {
    historyIndex = nil
    guard !entry.isEmpty, history.last != entry else { return }
    history.removeAll { $0 == entry }
    history.append(entry)
    if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
  }

  /// Starts with earlier entries (a previous run's history), oldest first.
  public mutating func setHistory(_ entries: [String]) {
    history = Array(entries.suffix(Self.historyLimit))
    historyIndex = nil
  }

  /// Applies an editing key; returns false when the key is not an editing key.
  public mutating func apply(_ key: Key) -> Bool {
    switch key {
    case .char(let c):
      insert(c)
    case .left, .ctrl("b"):
      cursor = max(0, cursor - 1)
    case .right, .ctrl("f"):
      cursor = min(text.count, cursor + 1)
    case .home, .ctrl("a"):
      cursor = 0
    case .end, .ctrl("e"):
      cursor = text.count
    case .backspace, .ctrl("h"):
      guard cursor > 0 else { return true }
      remove(at: cursor - 1)
      cursor -= 1
    case .delete, .ctrl("d"):
      guard cursor < text.count else { return true }
      remove(at: cursor)
    case .ctrl("u"):
      text = String(text.dropFirst(cursor))
      cursor = 0
    case .ctrl("k"):
      text = String(text.prefix(cursor))
    case .ctrl("w"):
      deleteWordBeforeCursor()
    case .up:
      recall(older: true)
    case .down:
      recall(older: false)
    default:
      return false
    }
    return true
  }

  private mutating func insert(_ c: Character) {
    let index = text.index(text.startIndex, offsetBy: cursor)
    text.insert(c, at: index)
    cursor += 1
  }

  private mutating func remove(at position: Int) {
    let index = text.index(text.startIndex, offsetBy: position)
    text.remove(at: index)
  }

  private mutating func deleteWordBeforeCursor() {
    var chars = Array(text)
    var start = cursor
    while start > 0, chars[start - 1] == " " { start -= 1 }
    while start > 0, chars[start - 1] != " " { start -= 1 }
    chars.removeSubrange(start..<cursor)
    text = String(chars)
    cursor = start
  }

  private mutating func recall(older: Bool) {
    guard !history.isEmpty else { return }
    if historyIndex == nil {
      guard older else { return }
      draft = text
      historyIndex = history.count
    }
    var index = historyIndex ?? history.count
    index += older ? -1 : 1
    if index < 0 { index = 0 }
    if index >= history.count {
      historyIndex = nil
      text = draft
    } else {
      historyIndex = index
      text = history[index]
    }
    cursor = text.count
  }
}
