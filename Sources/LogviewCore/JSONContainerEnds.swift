/// Where each object and array of one JSON text ends, found in one pass. Listing an object's
/// members skips each value, and skipping a container walks all of it: going down a path
/// through n nested objects that way walks the innermost n times. With the ends known, a
/// container is skipped in one step, so a deep descent costs the text's length once.
struct JSONContainerEnds {
  private let base: UnsafeRawPointer
  private let count: Int
  /// `ends[i]`: the index just past the container opening at `i`; 0 when none closes it.
  private var ends: [Int32]

  init?(_ text: UnsafeRawBufferPointer) {
    guard let base = text.baseAddress else { return nil }
    self.base = base
    count = text.count
    ends = [Int32](repeating: 0, count: text.count)
    var open: [Int32] = []
    var i = 0
    // The same bracket counting as `JSONSkip.containerEnd`, strings skipped.
    while i < count {
      switch ByteScan.byte(base, i) {
      case UInt8(ascii: "\""):
        var escapes = false
        let close = JSONObjectScanner.scanString(base, i &+ 1, count, &escapes)
        guard close >= 0 else { return }
        i = close
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        open.append(Int32(truncatingIfNeeded: i))
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        if let start = open.popLast() { ends[Int(start)] = Int32(truncatingIfNeeded: i &+ 1) }
      default:
        break
      }
      i &+= 1
    }
  }

  /// True when `value` lies in the text these ends were found in.
  func covers(_ value: JSONValue) -> Bool {
    guard let start = value.bytes.baseAddress else { return false }
    return start >= base && start + value.bytes.count <= base + count
  }

  /// `JSONValue.forEachMember` for an object this covers, containers skipped by their ends.
  func forEachMember(of object: JSONValue, _ body: (_ key: JSONValue, _ value: JSONValue) -> Void) {
    guard object.kind == .object, let start = object.bytes.baseAddress, !object.bytes.isEmpty,
      ByteScan.byte(start, 0) == UInt8(ascii: "{")
    else { return }
    let from = start - base
    let end = from &+ object.bytes.count
    var i = JSONObjectScanner.skipSpace(base, from &+ 1, end)
    while i < end, ByteScan.byte(base, i) == UInt8(ascii: "\"") {
      guard let key = JSONSkip.value(base, i, end) else { return }
      i = JSONObjectScanner.skipSpace(base, key.next, end)
      guard i < end, ByteScan.byte(base, i) == UInt8(ascii: ":") else { return }
      i = JSONObjectScanner.skipSpace(base, i &+ 1, end)
      guard let value = self.value(at: i, end) else { return }
      body(
        JSONValue(
          bytes: UnsafeRawBufferPointer(start: base + key.start, count: key.end &- key.start),
          kind: .string, hasEscapes: key.hasEscapes),
        JSONValue(
          bytes: UnsafeRawBufferPointer(start: base + value.start, count: value.end &- value.start),
          kind: value.kind, hasEscapes: value.hasEscapes))
      i = JSONObjectScanner.skipSpace(base, value.next, end)
      guard i < end, ByteScan.byte(base, i) == UInt8(ascii: ",") else { return }
      i = JSONObjectScanner.skipSpace(base, i &+ 1, end)
    }
  }

  private func value(at i: Int, _ end: Int) -> JSONSkip.Token? {
    guard i < end else { return nil }
    let c = ByteScan.byte(base, i)
    guard c == UInt8(ascii: "{") || c == UInt8(ascii: "[") else {
      return JSONSkip.value(base, i, end)
    }
    let close = Int(ends[i])
    guard close > i, close <= end else { return nil }
    let kind: JSONKind = c == UInt8(ascii: "{") ? .object : .array
    return JSONSkip.Token(start: i, end: close, kind: kind, hasEscapes: false, next: close)
  }
}
