/// A borrowed JSON value: valid only while the buffer it points into is alive.
/// For a string, `bytes` is the content between the quotes (still escaped); for any other
/// kind it is the raw token (objects and arrays include their brackets).
public struct JSONValue {
  public let bytes: UnsafeRawBufferPointer
  public let kind: JSONKind
  public let hasEscapes: Bool

  public init(bytes: UnsafeRawBufferPointer, kind: JSONKind, hasEscapes: Bool) {
    self.bytes = bytes
    self.kind = kind
    self.hasEscapes = hasEscapes
  }

  /// Strings: unescaped content (invalid UTF-8 becomes U+FFFD). Other kinds: the raw token.
  public func decodedString() -> String {
    guard kind == .string, hasEscapes else { return String(decoding: bytes, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    JSONStringCodec.appendUnescaped(bytes, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the unescaped bytes (strings) or raw token (others) to `out`.
  /// Strings come out as valid UTF-8 (invalid sequences and lone surrogates become U+FFFD).
  public func appendDecoded(to out: inout [UInt8]) {
    if kind != .string {
      out.append(contentsOf: bytes)
    } else if hasEscapes {
      JSONStringCodec.appendUnescaped(bytes, to: &out)
    } else {
      UTF8Repair.appendRepairing(bytes, to: &out)
    }
  }

  /// Calls `body` with the decoded bytes, copying only when the string has escapes or
  /// invalid UTF-8.
  public func withDecodedBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    if kind != .string || (!hasEscapes && UTF8Repair.isValid(bytes)) {
      return try body(bytes)
    }
    var out: [UInt8] = []
    appendDecoded(to: &out)
    return try out.withUnsafeBytes(body)
  }

  /// Numbers (NaN / Infinity / -Infinity included), and strings whose whole content is a
  /// JSON number; nil otherwise.
  public func number() -> Double? {
    switch kind {
    case .number:
      return JSONNumber.double(bytes, allowNonFinite: true)
    case .string:
      // Raw bytes suffice without escapes: the number grammar rejects anything non-ASCII.
      if !hasEscapes { return JSONNumber.double(bytes, allowNonFinite: false) }
      return withDecodedBytes { JSONNumber.double($0, allowNonFinite: false) }
    default:
      return nil
    }
  }

  /// Integral numbers (or numeric strings) that fit in Int64; nil otherwise.
  /// A float with an integral value (1.0, 1e3) counts; no overflow traps.
  public func int64() -> Int64? {
    switch kind {
    case .number:
      return JSONNumber.int64(bytes, allowNonFinite: true)
    case .string:
      if !hasEscapes { return JSONNumber.int64(bytes, allowNonFinite: false) }
      return withDecodedBytes { JSONNumber.int64($0, allowNonFinite: false) }
    default:
      return nil
    }
  }

  /// True when the decoded value equals `literal` byte for byte (fast path when no escapes:
  /// then the raw content is compared as is, invalid UTF-8 unrepaired).
  public func equals(_ literal: UnsafeRawBufferPointer) -> Bool {
    if kind != .string || !hasEscapes { return ByteScan.equal(bytes, literal) }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    JSONStringCodec.appendUnescaped(bytes, to: &out)
    return out.withUnsafeBytes { ByteScan.equal($0, literal) }
  }

  /// `equals` for a Swift string (convenience; not for hot paths).
  public func equals(_ literal: String) -> Bool {
    var literal = literal
    return literal.withUTF8 { equals(UnsafeRawBufferPointer($0)) }
  }

  /// The member named `key` when this value is an object (last duplicate wins).
  public func member(_ key: UnsafeRawBufferPointer) -> JSONValue? {
    guard kind == .object else { return nil }
    var found: JSONValue?
    forEachMember { k, v in
      if k.equals(key) { found = v }
      return true
    }
    return found
  }

  /// `member` by a Swift string (convenience; not for hot paths).
  public func member(_ key: String) -> JSONValue? {
    var key = key
    return key.withUTF8 { member(UnsafeRawBufferPointer($0)) }
  }

  /// Calls `body` for each member when this value is an object; stop by returning false.
  public func forEachMember(_ body: (_ key: JSONValue, _ value: JSONValue) -> Bool) {
    guard kind == .object else { return }
    let bytes = self.bytes
    JSONSkip.forEachMember(bytes) { k, v in
      body(
        JSONValue(
          bytes: UnsafeRawBufferPointer(rebasing: bytes[k.start..<k.end]), kind: .string,
          hasEscapes: k.hasEscapes),
        JSONValue(
          bytes: UnsafeRawBufferPointer(rebasing: bytes[v.start..<v.end]), kind: v.kind,
          hasEscapes: v.hasEscapes))
    }
  }

  /// Calls `body` for each element when this value is an array; stop by returning false.
  public func forEachElement(_ body: (_ element: JSONValue) -> Bool) {
    guard kind == .array, let base = bytes.baseAddress, !bytes.isEmpty else { return }
    let end = bytes.count
    var i = JSONObjectScanner.skipSpace(base, 1, end)
    guard i < end, ByteScan.byte(base, i) != UInt8(ascii: "]") else { return }
    while let v = JSONSkip.value(base, i, end) {
      let element = JSONValue(
        bytes: UnsafeRawBufferPointer(rebasing: bytes[v.start..<v.end]), kind: v.kind,
        hasEscapes: v.hasEscapes)
      guard body(element) else { return }
      i = JSONObjectScanner.skipSpace(base, v.next, end)
      guard i < end, ByteScan.byte(base, i) == UInt8(ascii: ",") else { return }
      i = JSONObjectScanner.skipSpace(base, i &+ 1, end)
    }
  }
}
