/// A field path from a query or a key table: "error.code" matches a flat key "error.code"
/// or the nested path error -> code.
public struct FieldPath: Hashable, Sendable {
  public let dotted: String
  /// The path's UTF-8: keys are compared with it where they would start, never split out.
  public let bytes: [UInt8]
  /// No dot: one key, looked up directly.
  public let isSingleKey: Bool

  public init(_ dotted: String) {
    self.dotted = dotted
    bytes = Array(dotted.utf8)
    isSingleKey = !bytes.contains(UInt8(ascii: "."))
  }
}

/// Normalized fields whose text a filter may need.
public enum NormalizedField: Sendable {
  case message, requestId, service
}

/// One record, borrowed from the buffer it was read from: valid only inside the closure
/// that received it (see `Normalizer.withRecord`).
public struct RecordView {
  /// The whole record text: its first line plus any continuation lines, without the final newline.
  public let text: UnsafeRawBufferPointer
  /// The first line alone (the JSON object for JSON records).
  public let firstLine: UnsafeRawBufferPointer
  /// True when the first line is a JSON object.
  public let isJSON: Bool
  /// Nanoseconds since the Unix epoch, UTC (nil when absent or when not requested).
  public let timestamp: Int64?
  public let level: Level?
  unowned(unsafe) let normalizer: Normalizer

  /// Decoded UTF-8 bytes of a normalized field, or nil when the record has none.
  /// A raw-text record's message is its first line.
  public func withText<R>(of field: NormalizedField, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
    guard let bytes = normalizer.resolveText(field, isJSON: isJSON) else { return nil }
    return body(bytes)
  }

  /// A decoded String of a normalized field (invalid UTF-8 repaired).
  public func string(of field: NormalizedField) -> String? {
    withText(of: field) { String(decoding: $0, as: UTF8.self) }
  }

  /// Any field of a JSON record by path (flat dotted key first, then the nested path).
  /// Wrapped records (Docker `log`, journald `MESSAGE`) look in the inner object first.
  public func field(_ path: FieldPath) -> JSONValue? {
    guard isJSON else { return nil }
    return path.bytes.withUnsafeBytes { bytes in
      if normalizer.current.innerObject != nil,
        let found = field(bytes, single: path.isSingleKey, inner: true)
      {
        return found
      }
      guard normalizer.current.outerObject != nil else { return nil }
      return field(bytes, single: path.isSingleKey, inner: false)
    }
  }

  private func field(_ path: UnsafeRawBufferPointer, single: Bool, inner: Bool) -> JSONValue? {
    if single { return topMember(path, inner: inner) }
    let buffer = inner ? normalizer.innerText.bytes : normalizer.current.outerBytes
    let members = inner ? normalizer.innerScanner.members : normalizer.outerScanner.members
    return PathLookup.find(path) { body in
      for member in members { body(member.key(in: buffer), member.value(in: buffer)) }
    }
  }

  /// A top-level member of the line's object or of the enveloped one (last duplicate wins),
  /// from the members their scan recorded: the record's bytes are not walked again.
  private func topMember(_ key: UnsafeRawBufferPointer, inner: Bool) -> JSONValue? {
    let buffer = inner ? normalizer.innerText.bytes : normalizer.current.outerBytes
    let members = inner ? normalizer.innerScanner.members : normalizer.outerScanner.members
    for member in members.reversed()
    where (member.keyHasEscapes || Int(member.keyEnd - member.keyStart) == key.count)
      && member.key(in: buffer).equals(key)
    {
      return member.value(in: buffer)
    }
    return nil
  }

  /// The record's members as written, for output that keeps them (`-o json`): a JSON
  /// record's members; for an envelope or a prefixed line with an object inside, the outer
  /// members but the one that held the inner line, then the inner object's members.
  public func forEachOwnMember(_ body: (_ key: JSONValue, _ value: JSONValue) -> Void) {
    guard isJSON else { return }
    let outer = normalizer.current.outerBytes
    let hasInner = normalizer.current.innerObject != nil
    let wrapper = Int(normalizer.current.wrapperMember)
    for (index, member) in normalizer.outerScanner.members.enumerated()
    where !hasInner || index != wrapper {
      body(member.key(in: outer), member.value(in: outer))
    }
    guard hasInner else { return }
    let inner = normalizer.innerText.bytes
    for member in normalizer.innerScanner.members {
      body(member.key(in: inner), member.value(in: inner))
    }
  }

  /// The top-level member the timestamp was read from, as its value; nil when there was none
  /// or it was nested (the detail pane shows the normalized time beside it).
  public var timestampMember: JSONValue? { chosenMember(0) }

  /// The top-level member the level was read from, as its value; nil as for `timestampMember`.
  public var levelMember: JSONValue? { chosenMember(1) }

  private func chosenMember(_ slot: Int) -> JSONValue? {
    let index = Int(normalizer.current.chosenMembers[slot])
    let inner = normalizer.current.innerObject != nil
    let buffer = inner ? normalizer.innerText.bytes : normalizer.current.outerBytes
    let members = inner ? normalizer.innerScanner.members : normalizer.outerScanner.members
    guard isJSON, index >= 0, index < members.count else { return nil }
    return members[index].value(in: buffer)
  }

  /// Where the record's continuation lines start in `text`: after its first line, or after
  /// the lines its message was joined from (a CRI partial line and the ones finishing it).
  public var continuationStart: Int {
    min(text.count, max(firstLine.count, normalizer.current.joinedEnd) + 1)
  }

  /// The object whose members are the record's own fields: the unwrapped inner object for
  /// Docker/journald envelopes, else the line's object; nil for raw text.
  public var fieldsObject: JSONValue? {
    guard isJSON else { return nil }
    if let inner = normalizer.current.innerObject { return inner }
    if normalizer.current.innerRaw != nil { return nil }
    return normalizer.current.outerObject
  }

  /// Calls `body` with each top-level member of `fieldsObject` that is not already shown as the
  /// timestamp, level, message or service (the request ID stays: it is what users pivot on).
  public func forEachExtraField(_ body: (_ key: JSONValue, _ value: JSONValue) -> Void) {
    guard fieldsObject != nil else { return }
    _ = normalizer.resolveText(.message, isJSON: isJSON)
    _ = normalizer.resolveText(.service, isJSON: isJSON)
    let inner = normalizer.current.innerObject != nil
    let buffer = inner ? normalizer.innerText.bytes : normalizer.current.outerBytes
    let members = inner ? normalizer.innerScanner.members : normalizer.outerScanner.members
    let used = normalizer.current.chosenMembers
    // Timestamp, level, message, service; the request ID (slot 3) stays visible.
    let shown = (used[0], used[1], used[2], used[4])
    func keyLength(_ index: Int32) -> Int32 {
      guard index >= 0, Int(index) < members.count else { return -1 }
      return members[Int(index)].keyEnd - members[Int(index)].keyStart
    }
    // Most keys differ in length from the shown ones, so few need a byte comparison
    // to hide duplicates of a shown key.
    let lengths = (keyLength(shown.0), keyLength(shown.1), keyLength(shown.2), keyLength(shown.3))
    for index in members.indices {
      let i = Int32(index)
      if i == shown.0 || i == shown.1 || i == shown.2 || i == shown.3 { continue }
      let member = members[index]
      let key = member.key(in: buffer)
      let length = member.keyEnd - member.keyStart
      func duplicates(_ other: Int32, _ otherLength: Int32) -> Bool {
        otherLength == length
          && members[Int(other)].key(in: buffer).bytes.elementsEqual(key.bytes)
      }
      if duplicates(shown.0, lengths.0) || duplicates(shown.1, lengths.1)
        || duplicates(shown.2, lengths.2) || duplicates(shown.3, lengths.3)
      {
        continue
      }
      body(key, member.value(in: buffer))
    }
  }
}
