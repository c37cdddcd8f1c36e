/// `y` copies the selected record's raw line(s) to the clipboard. The reducer only leaves
/// the bytes in `AppState.clipboard`; the terminal layer sends them (OSC 52) after the frame.
extension Reducer {
  /// The most bytes one copy sends: the escape sequence is 4/3 of it in base64, and tmux
  /// drops a sequence of 1 MiB or more (its input buffer); terminals' own limits are larger.
  public static let clipboardLimit = 512 * 1024

  static func copySelected(_ list: ActiveList, state: inout AppState, data: ViewData) {
    guard let index = list.selectedLogIndex(state, data: data) else {
      state.notice = "no record to copy"
      return
    }
    let bytes = data.rawBytes(logIndex: index)
    let kept = clipboardPrefix(bytes)
    state.clipboard = Array(bytes[..<kept])
    let size = StatusLine.grouped(bytes.count)
    state.notice =
      kept == bytes.count
      ? "copied 1 record (\(size) bytes)"
      : "copied the first \(StatusLine.grouped(kept)) of the record's \(size) bytes "
        + "(the clipboard's limit)"
  }

  /// How many leading bytes fit in the clipboard, never splitting a UTF-8 character.
  static func clipboardPrefix(_ bytes: [UInt8]) -> Int {
    guard bytes.count > clipboardLimit else { return bytes.count }
    var end = clipboardLimit
    while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
    return end
  }
}
