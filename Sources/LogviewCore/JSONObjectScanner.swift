/// Scans one line: decides whether it is exactly one JSON object (surrounding whitespace
/// allowed) and records its top-level members. Reuse one scanner; its member storage keeps its capacity.
///
/// Strict JSON grammar except, on purpose: `NaN`, `Infinity` and `-Infinity` are numbers
/// (Python emits them), raw control characters and invalid UTF-8 inside strings are accepted
/// (logs carry garbage; the line is still a record).
public struct JSONObjectScanner {
  /// The top-level members of the last object scanned, valid until the next scan.
  public var members: UnsafeBufferPointer<JSONMemberSpan> { store.members }
  /// Shared by copies of a scanner: scan with one copy only.
  private let store = MemberStore()
  /// Where the object (without surrounding whitespace) lies in the last buffer that
  /// `scan` accepted; `0..<0` after a rejection.
  public private(set) var objectRange: Range<Int> = 0..<0
  /// Open containers below a top-level member, one bit per level (1 = object, 0 = array).
  /// A bit stack keeps a gigabyte of '[' at 16 MB instead of recursing or using a byte each.
  private var nesting: [UInt64] = []

  public init() {}

  /// Returns true when `bytes` holds one well-formed JSON object; fills `members`.
  /// Never traps on any input; nesting depth is handled without recursion.
  public mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Bool {
    store.removeAll()
    objectRange = 0..<0
    guard let base = bytes.baseAddress, bytes.count <= Int(Int32.max) else { return false }
    var start = 0
    var end = bytes.count
    while start < end, Self.isTrimSpace(ByteScan.byte(base, start)) { start &+= 1 }
    while end > start, Self.isTrimSpace(ByteScan.byte(base, end &- 1)) { end &-= 1 }
    // Cheap rejection of raw text and truncated lines before any real work.
    guard end &- start >= 2, ByteScan.byte(base, start) == UInt8(ascii: "{"),
      ByteScan.byte(base, end &- 1) == UInt8(ascii: "}")
    else { return false }
    guard scanTopLevel(base, start &+ 1, end) else {
      store.removeAll()
      return false
    }
    objectRange = start..<end
    return true
  }

  /// Members of the top-level object; `i` is just after its '{'. Succeeds only when the
  /// object's '}' is the last byte before `end`.
  private mutating func scanTopLevel(_ base: UnsafeRawPointer, _ from: Int, _ end: Int) -> Bool {
    var i = Self.skipSpace(base, from, end)
    guard i < end else { return false }
    if ByteScan.byte(base, i) == UInt8(ascii: "}") { return i &+ 1 == end }
    while true {
      guard let (member, next) = scanMember(base, i, end) else { return false }
      store.append(member)
      i = Self.skipSpace(base, next, end)
      guard i < end else { return false }
      let c = ByteScan.byte(base, i)
      if c == UInt8(ascii: ",") {
        i = Self.skipSpace(base, i &+ 1, end)
      } else if c == UInt8(ascii: "}") {
        return i &+ 1 == end
      } else {
        return false
      }
    }
  }

  /// One `"key": value` at `i`; the member and the index just past its value, or nil.
  @inline(__always)
  private mutating func scanMember(_ base: UnsafeRawPointer, _ from: Int, _ end: Int)
    -> (JSONMemberSpan, Int)?
  {
    var i = from
    guard i < end, ByteScan.byte(base, i) == UInt8(ascii: "\"") else { return nil }
    let keyStart = i &+ 1
    var keyEscapes = false
    let keyEnd = Self.scanString(base, keyStart, end, &keyEscapes)
    guard keyEnd >= 0 else { return nil }
    i = Self.skipSpace(base, keyEnd &+ 1, end)
    guard i < end, ByteScan.byte(base, i) == UInt8(ascii: ":") else { return nil }
    i = Self.skipSpace(base, i &+ 1, end)
    guard i < end else { return nil }

    var valueStart = i
    var valueEnd: Int
    var valueEscapes = false
    let kind: JSONKind
    switch ByteScan.byte(base, i) {
    case UInt8(ascii: "\""):
      valueStart = i &+ 1
      valueEnd = Self.scanString(base, valueStart, end, &valueEscapes)
      guard valueEnd >= 0 else { return nil }
      i = valueEnd &+ 1
      kind = .string
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      kind = ByteScan.byte(base, i) == UInt8(ascii: "{") ? .object : .array
      valueEnd = skipContainer(base, i, end)
      guard valueEnd >= 0 else { return nil }
      i = valueEnd
    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
      valueEnd = Self.scanLiteral(base, i, end)
      guard valueEnd >= 0 else { return nil }
      i = valueEnd
      kind = ByteScan.byte(base, valueStart) == UInt8(ascii: "n") ? .null : .bool
    default:
      valueEnd = Self.scanNumber(base, i, end)
      guard valueEnd >= 0 else { return nil }
      i = valueEnd
      kind = .number
    }
    let member = JSONMemberSpan(
      keyStart: Int32(truncatingIfNeeded: keyStart), keyEnd: Int32(truncatingIfNeeded: keyEnd),
      valueStart: Int32(truncatingIfNeeded: valueStart),
      valueEnd: Int32(truncatingIfNeeded: valueEnd), kind: kind,
      keyHasEscapes: keyEscapes, valueHasEscapes: valueEscapes)
    return (member, i)
  }

  /// Validates the object or array opening at `from`; returns the index just past its
  /// closing bracket, or -1. An explicit stack instead of recursion: nesting is untrusted.
  private mutating func skipContainer(_ base: UnsafeRawPointer, _ from: Int, _ end: Int) -> Int {
    var depth = 0
    var i = from
    var inObject = false
    while true {
      // `i` is at a value (callers guarantee i < end).
      let c = ByteScan.byte(base, i)
      switch c {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        inObject = c == UInt8(ascii: "{")
        push(inObject, depth)
        depth &+= 1
        i = Self.skipSpace(base, i &+ 1, end)
        guard i < end else { return -1 }
        // An empty container's closer at `i` is consumed below, like after a value.
        if ByteScan.byte(base, i) != Self.closer(inObject) {
          if inObject { i = Self.scanKeyColon(base, i, end) }
          guard i >= 0 else { return -1 }
          continue
        }
      case UInt8(ascii: "\""):
        var ignored = false
        let close = Self.scanString(base, i &+ 1, end, &ignored)
        guard close >= 0 else { return -1 }
        i = close &+ 1
      case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
        i = Self.scanLiteral(base, i, end)
      default:
        i = Self.scanNumber(base, i, end)
      }
      guard i >= 0 else { return -1 }
      // After a value: close containers until a ',' or the end of the outermost one.
      while true {
        i = Self.skipSpace(base, i, end)
        guard i < end else { return -1 }
        let d = ByteScan.byte(base, i)
        if d == UInt8(ascii: ",") {
          i = Self.skipSpace(base, i &+ 1, end)
          if inObject { i = Self.scanKeyColon(base, i, end) }
          guard i >= 0, i < end else { return -1 }
          break
        }
        guard d == Self.closer(inObject) else { return -1 }
        depth &-= 1
        i &+= 1
        if depth == 0 { return i }
        inObject = isObject(depth &- 1)
      }
    }
  }

  /// A member's `"key" :` at `from`; returns the index of its value (space skipped, < end)
  /// or -1.
  @inline(__always)
  private static func scanKeyColon(_ base: UnsafeRawPointer, _ from: Int, _ end: Int) -> Int {
    guard from < end, ByteScan.byte(base, from) == UInt8(ascii: "\"") else { return -1 }
    var ignored = false
    let close = scanString(base, from &+ 1, end, &ignored)
    guard close >= 0 else { return -1 }
    var i = skipSpace(base, close &+ 1, end)
    guard i < end, ByteScan.byte(base, i) == UInt8(ascii: ":") else { return -1 }
    i = skipSpace(base, i &+ 1, end)
    return i < end ? i : -1
  }

  @inline(__always)
  private static func closer(_ object: Bool) -> UInt8 {
    object ? UInt8(ascii: "}") : UInt8(ascii: "]")
  }

  @inline(__always)
  private mutating func push(_ object: Bool, _ depth: Int) {
    let word = depth &>> 6
    if word == nesting.count { nesting.append(0) }
    let bit = UInt64(1) &<< UInt64(depth & 63)
    if object { nesting[word] |= bit } else { nesting[word] &= ~bit }
  }

  @inline(__always)
  private func isObject(_ level: Int) -> Bool {
    nesting[level &>> 6] & (UInt64(1) &<< UInt64(level & 63)) != 0
  }

  /// Space, tab, LF, CR, and (only when trimming the line's ends) form feed and vertical tab.
  @inline(__always)
  static func isTrimSpace(_ c: UInt8) -> Bool {
    c == 0x20 || (c >= 0x09 && c <= 0x0D)
  }

  @inline(__always)
  static func skipSpace(_ base: UnsafeRawPointer, _ from: Int, _ end: Int) -> Int {
    var i = from
    while i < end {
      let c = ByteScan.byte(base, i)
      if c > 0x20 || !(c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09) { return i }
      i &+= 1
    }
    return i
  }

  /// `from` is the first byte after the opening quote; returns the index of the closing
  /// quote, or -1. Escapes are checked (including \uXXXX); other bytes are not.
  @inline(__always)
  static func scanString(
    _ base: UnsafeRawPointer, _ from: Int, _ end: Int, _ escapes: inout Bool
  ) -> Int {
    var i = from
    while true {
      i = ByteScan.quoteOrBackslash(in: base, from: i, end: end)
      guard i < end else { return -1 }
      if ByteScan.byte(base, i) == UInt8(ascii: "\"") { return i }
      escapes = true
      guard end &- i >= 2 else { return -1 }
      switch ByteScan.byte(base, i &+ 1) {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
        UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
        i &+= 2
      case UInt8(ascii: "u"):
        guard end &- i >= 6, isHex(ByteScan.byte(base, i &+ 2)),
          isHex(ByteScan.byte(base, i &+ 3)), isHex(ByteScan.byte(base, i &+ 4)),
          isHex(ByteScan.byte(base, i &+ 5))
        else { return -1 }
        i &+= 6
      default:
        return -1
      }
    }
  }

  @inline(__always)
  static func isHex(_ c: UInt8) -> Bool { ASCIIKind.isHexDigit(c) }

  @inline(__always)
  static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

  /// `true`, `false` or `null` at `from`; returns the index past it, or -1.
  @inline(__always)
  static func scanLiteral(_ base: UnsafeRawPointer, _ from: Int, _ end: Int) -> Int {
    guard end &- from >= 4 else { return -1 }
    let w = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: from, as: UInt32.self))
    // "true", "null", "fals" read as little-endian words.
    if w == 0x6575_7274 || w == 0x6C6C_756E { return from &+ 4 }
    if w == 0x736C_6166, end &- from >= 5, ByteScan.byte(base, from &+ 4) == UInt8(ascii: "e") {
      return from &+ 5
    }
    return -1
  }

  /// A JSON number, or NaN / Infinity / -Infinity, at `from`; returns the index past it,
  /// or -1. What follows is checked by the caller.
  @inline(__always)
  static func scanNumber(_ base: UnsafeRawPointer, _ from: Int, _ end: Int) -> Int {
    var i = from
    var c = ByteScan.byte(base, i)
    if c == UInt8(ascii: "-") {
      i &+= 1
      guard i < end else { return -1 }
      c = ByteScan.byte(base, i)
    }
    if c == UInt8(ascii: "0") {
      i &+= 1
    } else if isDigit(c) {
      i &+= 1
      while i < end, isDigit(ByteScan.byte(base, i)) { i &+= 1 }
    } else if c == UInt8(ascii: "I") {
      return matches(base, i, end, "Infinity") ? i &+ 8 : -1
    } else if c == UInt8(ascii: "N"), i == from {
      return matches(base, i, end, "NaN") ? i &+ 3 : -1
    } else {
      return -1
    }
    if i < end, ByteScan.byte(base, i) == UInt8(ascii: ".") {
      i &+= 1
      guard i < end, isDigit(ByteScan.byte(base, i)) else { return -1 }
      while i < end, isDigit(ByteScan.byte(base, i)) { i &+= 1 }
    }
    if i < end, ByteScan.byte(base, i) | 0x20 == UInt8(ascii: "e") {
      i &+= 1
      if i < end,
        ByteScan.byte(base, i) == UInt8(ascii: "+")
          || ByteScan.byte(base, i) == UInt8(ascii: "-")
      {
        i &+= 1
      }
      guard i < end, isDigit(ByteScan.byte(base, i)) else { return -1 }
      while i < end, isDigit(ByteScan.byte(base, i)) { i &+= 1 }
    }
    return i
  }

  private static func matches(
    _ base: UnsafeRawPointer, _ from: Int, _ end: Int, _ word: StaticString
  ) -> Bool {
    let n = word.utf8CodeUnitCount
    guard end &- from >= n else { return false }
    let p = word.utf8Start
    for k in 0..<n where ByteScan.byte(base, from &+ k) != p[k] { return false }
    return true
  }
}

/// Member storage that grows but is never copied: appending checks no uniqueness (an Array
/// in the scanner did, for every member of every line).
final class MemberStore {
  private var base: UnsafeMutablePointer<JSONMemberSpan>
  private var capacity = 32
  private var count = 0

  init() { base = .allocate(capacity: capacity) }

  deinit { base.deallocate() }

  var members: UnsafeBufferPointer<JSONMemberSpan> {
    UnsafeBufferPointer(start: base, count: count)
  }

  @inline(__always)
  func append(_ member: JSONMemberSpan) {
    if count == capacity { grow() }
    (base + count).initialize(to: member)
    count &+= 1
  }

  /// Members are plain values: nothing to deinitialize.
  @inline(__always)
  func removeAll() { count = 0 }

  private func grow() {
    let bigger = UnsafeMutablePointer<JSONMemberSpan>.allocate(capacity: capacity * 2)
    bigger.moveInitialize(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity *= 2
  }
}
