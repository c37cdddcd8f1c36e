/// The one way a record's text is shown, by headless pretty lines and explorer rows alike:
/// the message and service decoded with control characters escaped, then every other field
/// as `key=value`, nested objects flattened to dotted keys (`error.code=E42`, a few levels
/// deep), values quoted only when they must be (empty, or holding spaces, quotes or '=').
///
/// One instance per thread: the texts handed to the closures live in its scratch buffers
/// and are valid only inside them. Plain ASCII is handed over without copying.
public final class RecordPresenter {
  /// Nested objects deeper than this are shown as their JSON text.
  public static let maxFlattenDepth = 4

  /// Values longer than this many bytes are shown cut (the explorer's rows show only what
  /// fits the screen; a 20 MB value decoded for every frame took 0.1 s).
  public var maxValueBytes = Int.max

  private var path: [UInt8] = []
  private var decoded: [UInt8] = []
  private var shown: [UInt8] = []
  private var shownKey: [UInt8] = []

  public init() {}

  /// The message or service as shown; false when the record has none.
  @discardableResult
  public func withText(
    _ field: NormalizedField, of record: RecordView, _ body: (UnsafeRawBufferPointer) -> Void
  ) -> Bool {
    record.withText(of: field) { withSanitized($0, body) } != nil
  }

  /// A raw-text record's first line as shown.
  public func withFirstLine(of record: RecordView, _ body: (UnsafeRawBufferPointer) -> Void) {
    withSanitized(record.firstLine, body)
  }

  /// Each field shown after the message, in the record's order: its key (a dotted path for
  /// members of nested objects) and its value, both as shown.
  public func forEachField(
    of record: RecordView,
    _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) -> Void
  ) {
    record.forEachExtraField { key, value in
      if value.kind != .object || value.bytes.count <= 2, !key.hasEscapes, Self.isBare(key.bytes) {
        // The common case: a plain key, shown as written.
        withValue(value) { body(key.bytes, $0) }
        return
      }
      path.removeAll(keepingCapacity: true)
      key.appendDecoded(to: &path)
      if value.kind == .object, value.bytes.count > 2 {
        flatten(value, depth: 1, body)
      } else {
        emitPathField(value, body)
      }
    }
  }

  /// A value as shown by itself (the detail pane): decoded, never quoted.
  public func text(of value: JSONValue) -> String {
    guard value.kind == .string else { return sanitizedString(value.bytes) }
    decoded.removeAll(keepingCapacity: true)
    value.appendDecoded(to: &decoded)
    let copy = decoded
    return copy.withUnsafeBytes { sanitizedString($0) }
  }

  /// Each line of `text`, a CR before its newline dropped; `appendLine` shows it.
  public static func forEachLine(
    in text: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void
  ) {
    LineSplitter.forEachLine(in: text, startsSource: false) { line, _ in
      body(line.last == 0x0D ? UnsafeRawBufferPointer(rebasing: line.dropLast()) : line)
    }
  }

  /// A continuation line as shown: control characters escaped, tabs kept (they indent
  /// tracebacks).
  public static func appendLine(_ line: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    TextSanitizer.appendLine(line, to: &out)
  }

  /// A record's continuation lines (after its first line), for `appendLine`. A CRI line
  /// (a stack frame written by the container runtime) shows its content without the prefix.
  public static func forEachContinuationLine(
    of record: RecordView, _ body: (UnsafeRawBufferPointer) -> Void
  ) {
    let start = record.continuationStart
    guard record.text.count > start else { return }
    let rest = UnsafeRawBufferPointer(rebasing: record.text[start...])
    forEachLine(in: rest) { line in
      guard let cri = CRILine.content(line) else { return body(line) }
      body(UnsafeRawBufferPointer(rebasing: line[cri.start...]))
    }
  }

  // MARK: - Parts

  /// Members of a nested object become dotted keys, down to `maxFlattenDepth` levels.
  private func flatten(
    _ value: JSONValue, depth: Int,
    _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) -> Void
  ) {
    guard value.kind == .object, depth <= Self.maxFlattenDepth, value.bytes.count > 2 else {
      emitPathField(value, body)
      return
    }
    let length = path.count
    value.forEachMember { key, inner in
      path.removeSubrange(length...)
      path.append(UInt8(ascii: "."))
      key.appendDecoded(to: &path)
      flatten(inner, depth: depth + 1, body)
      return true
    }
    path.removeSubrange(length...)
  }

  /// The field named by `path` (decoded; escaped here).
  private func emitPathField(
    _ value: JSONValue,
    _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) -> Void
  ) {
    shownKey.removeAll(keepingCapacity: true)
    path.withUnsafeBytes { TextSanitizer.append($0, to: &shownKey) }
    shownKey.withUnsafeBytes { key in withValue(value) { body(key, $0) } }
  }

  private func withValue(_ whole: JSONValue, _ body: (UnsafeRawBufferPointer) -> Void) {
    let value = whole.bytes.count > maxValueBytes ? Self.cut(whole, to: maxValueBytes) : whole
    guard value.kind == .string else {
      withSanitized(value.bytes, body)
      return
    }
    if !value.hasEscapes, Self.isBare(value.bytes) {
      body(value.bytes)
      return
    }
    decoded.removeAll(keepingCapacity: true)
    value.appendDecoded(to: &decoded)
    shown.removeAll(keepingCapacity: true)
    decoded.withUnsafeBytes { text in
      if Self.isBare(text) {
        shown.appendBytes(text)
      } else {
        JSONStringCodec.appendQuoted(text, to: &shown)
      }
    }
    shown.withUnsafeBytes(body)
  }

  /// The first `limit` bytes or a few fewer: a string is not cut inside an escape sequence
  /// (nor between the halves of a surrogate pair) or a UTF-8 sequence.
  static func cut(_ value: JSONValue, to limit: Int) -> JSONValue {
    let bytes = value.bytes
    var end = min(max(0, limit), bytes.count)
    if value.kind == .string, value.hasEscapes {
      if let start = escapeStart(bytes, before: end),
        start + (bytes[start + 1] == UInt8(ascii: "u") ? 6 : 2) > end
      {
        end = start
      }
      if end >= 6, escapeStart(bytes, before: end) == end - 6, bytes[end - 5] == UInt8(ascii: "u"),
        bytes[end - 4] | 0x20 == UInt8(ascii: "d"),
        Array("89ab".utf8).contains(bytes[end - 3] | 0x20)
      {
        end -= 6
      }
    }
    while end > 0, end < bytes.count, bytes[end] & 0xC0 == 0x80 { end -= 1 }
    return JSONValue(
      bytes: UnsafeRawBufferPointer(rebasing: bytes[..<end]), kind: value.kind,
      hasEscapes: value.hasEscapes)
  }

  /// Where the escape sequence that may reach `end` starts: the last backslash of the six
  /// bytes before `end` that is not the second of a `\\` pair.
  private static func escapeStart(_ bytes: UnsafeRawBufferPointer, before end: Int) -> Int? {
    let backslash = UInt8(ascii: "\\")
    var i = end - 1
    while i >= 0, i >= end - 6 {
      if bytes[i] == backslash {
        var run = 0
        while i - run >= 0, bytes[i - run] == backslash { run += 1 }
        return run % 2 == 1 ? i : nil
      }
      i -= 1
    }
    return nil
  }

  private func withSanitized(
    _ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void
  ) {
    if TextSanitizer.isPlainASCII(bytes) {
      body(bytes)
      return
    }
    shown.removeAll(keepingCapacity: true)
    TextSanitizer.append(bytes, to: &shown)
    shown.withUnsafeBytes(body)
  }

  private func sanitizedString(_ bytes: UnsafeRawBufferPointer) -> String {
    var out: [UInt8] = []
    TextSanitizer.append(bytes, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// True when `bytes` may stand unquoted: not empty, and only printable ASCII other than
  /// space, '"' and '='. Eight bytes at a time: this runs for most values of every record.
  @inline(__always)
  static func isBare(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
    let lows: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var i = 0
    while bytes.count &- i >= 8 {
      let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      // Below 0x21 (controls, space), or 0x7F and above.
      let outside = ((w &- 0x2121_2121_2121_2121) & ~w) | ((w &+ lows) | w)
      let quote = w ^ 0x2222_2222_2222_2222
      let equals = w ^ 0x3D3D_3D3D_3D3D_3D3D
      let special = ((quote &- lows) & ~quote) | ((equals &- lows) & ~equals)
      if (outside | special) & highs != 0 { return false }
      i &+= 8
    }
    while i < bytes.count {
      let byte = base.load(fromByteOffset: i, as: UInt8.self)
      if byte <= 0x20 || byte >= 0x7F || byte == 0x22 || byte == 0x3D { return false }
      i &+= 1
    }
    return true
  }
}
