import LogviewCore

/// The detail pane's content for one record at one width: its fields as written (nested
/// objects indented, arrays item by item), then its raw text. Built once per record and
/// width and kept across frames (`ViewData.detailText`): opening a 20 MB record scans it
/// once, copies its bytes once, and builds no String per field; lines are wrapped only as
/// far as the pane has shown or scrolled past (see DetailLines.swift), so a frame or a
/// Ctrl-D costs the lines it shows, not the record.
final class DetailText {
  enum Kind: UInt8 {
    /// `key: value` (a scalar, or an object too deep or too small to open).
    case value
    /// `key:` opening an object or array whose members follow, one level deeper.
    case header
    /// `[i] value`: an array's element.
    case item
    /// `raw:` and the record's text.
    case rawTitle
    case raw
  }

  /// One field, header, array item or the raw text. Its bytes live in `store`.
  struct Entry {
    var kind: Kind
    var depth: Int32
    /// The entry of the object holding this field (-1 at the top): paths are built from it.
    var parent: Int32
    /// The key's decoded bytes; for an item, its index.
    var key: Range<Int>
    /// The value as written (a string's content still escaped), or the record's raw text.
    var source: Range<Int>
    var valueKind: JSONKind
    var hasEscapes: Bool
    /// The value as shown (decoded, controls escaped), once prepared.
    var shown: Range<Int>?
  }

  let logIndex: Int
  let width: Int
  private(set) var entries: [Entry] = []
  /// Entries the cursor stops on: every field and header, in order.
  private(set) var stops: [Int] = []
  var store: [UInt8] = []
  /// Lines wrapped so far, and where wrapping goes on (see DetailLines.swift).
  var lines: [Line] = []
  var nextEntry = 0
  var nextOffset = 0
  var notePending = false
  /// Shown after a value, dimmed, by entry: the normalized time or level (kept apart: a
  /// String in every entry made building a quarter million of them cost twice as much).
  private(set) var notes: [Int: String] = [:]
  var complete = false

  /// Nested objects open as indented rows down to this depth; deeper ones show as JSON.
  static let maxDepth = 8

  init(record: RecordView, logIndex: Int, width: Int, zone: TimeZoneRule) {
    self.logIndex = logIndex
    self.width = max(10, width)
    store.reserveCapacity(record.text.count * 2 + 64)
    let time = record.timestampMember?.bytes.baseAddress
    let level = record.levelMember?.bytes.baseAddress
    record.forEachOwnMember { key, value in
      var note: String?
      if let time, value.bytes.baseAddress == time, let nanos = record.timestamp {
        note = Self.timeNote(nanos, zone: zone)
      } else if let level, value.bytes.baseAddress == level, let normalized = record.level {
        note = Self.levelNote(value, normalized)
      }
      if let note { notes[entries.count] = note }
      add(key, value, depth: 0, parent: -1)
    }
    let title = store.count
    entries.append(
      Entry(
        kind: .rawTitle, depth: 0, parent: -1, key: title..<title, source: title..<title,
        valueKind: .string, hasEscapes: false))
    let raw = appendToStore(record.text)
    entries.append(
      Entry(
        kind: .raw, depth: 0, parent: -1, key: raw.lowerBound..<raw.lowerBound, source: raw,
        valueKind: .string, hasEscapes: false))
  }

  /// " → 2024-03-15 00:00:01.000 +00:00": the normalized time in the chosen zone.
  static func timeNote(_ nanos: Int64, zone: TimeZoneRule) -> String {
    var out: [UInt8] = []
    TimestampFormatter.appendDisplay(nanos, zone: zone, to: &out)
    let offset = TimeZoneRule.formatOffset(zone.offsetSeconds(atUTC: nanos))
    return "→ " + String(decoding: out, as: UTF8.self) + " " + offset
  }

  /// " → error" beside a level written otherwise (`50`, `WARNING`, `E`); nil when the value
  /// already reads as the level's name.
  static func levelNote(_ value: JSONValue, _ level: Level) -> String? {
    let written = value.decodedString().lowercased()
    return written == level.name ? nil : "→ " + level.name
  }

  private func appendToStore(_ bytes: UnsafeRawBufferPointer) -> Range<Int> {
    let start = store.count
    store.appendBytes(bytes)
    return start..<store.count
  }

  private func add(_ key: JSONValue, _ value: JSONValue, depth: Int, parent: Int) {
    let keyStart = store.count
    // Shown through String(decoding:), which repairs invalid UTF-8: only escapes need decoding.
    if key.hasEscapes { key.appendDecoded(to: &store) } else { store.appendBytes(key.bytes) }
    let keyRange = keyStart..<store.count
    let opens =
      (value.kind == .object || value.kind == .array) && depth < Self.maxDepth
      && value.bytes.count > 2
    let index = entries.count
    stops.append(index)
    let source = opens ? keyRange.upperBound..<keyRange.upperBound : appendToStore(value.bytes)
    entries.append(
      Entry(
        kind: opens ? .header : .value, depth: Int32(depth), parent: Int32(parent), key: keyRange,
        source: source, valueKind: value.kind, hasEscapes: value.hasEscapes))
    guard opens else { return }
    if value.kind == .object {
      value.forEachMember { key, member in
        add(key, member, depth: depth + 1, parent: index)
        return true
      }
      return
    }
    var item = 0
    value.forEachElement { element in
      let label = store.count
      store.append(contentsOf: "[\(item)]".utf8)
      entries.append(
        Entry(
          kind: .item, depth: Int32(depth + 1), parent: Int32(index), key: label..<store.count,
          source: appendToStore(element.bytes), valueKind: element.kind,
          hasEscapes: element.hasEscapes))
      item += 1
      return true
    }
  }

  // MARK: fields

  /// The dotted path of a field (`error.code`), as a filter or the rows name it.
  func path(of entry: Int) -> String {
    var names: [String] = []
    var at = entry
    while at >= 0 {
      names.append(String(decoding: store[entries[at].key], as: UTF8.self))
      at = Int(entries[at].parent)
    }
    return names.reversed().joined(separator: ".")
  }

  /// A field's value as a filter compares it: decoded, not escaped for the screen.
  func rawValue(of entry: Int) -> String {
    let entry = entries[entry]
    return store.withUnsafeBytes {
      JSONValue(
        bytes: UnsafeRawBufferPointer(rebasing: $0[entry.source]), kind: entry.valueKind,
        hasEscapes: entry.hasEscapes
      ).decodedString()
    }
  }

  /// The value's shown bytes in `store`: decoded and escaped on first use. Plain ASCII
  /// without escapes (most values, and a 20 MB blob of it) is shown as stored, uncopied.
  func prepared(_ index: Int) -> Range<Int> {
    if let shown = entries[index].shown { return shown }
    let entry = entries[index]
    let plain = store.withUnsafeBytes {
      TextSanitizer.isPlainASCII(UnsafeRawBufferPointer(rebasing: $0[entry.source]))
    }
    var shown = entry.source
    if entry.kind == .raw {
      if !plain { shown = appendShownLines(of: entry.source) }
    } else if entry.kind == .header || entry.kind == .rawTitle {
      shown = entry.source
    } else if !(plain && !(entry.valueKind == .string && entry.hasEscapes)) {
      var decoded: [UInt8] = []
      store.withUnsafeBytes {
        let bytes = UnsafeRawBufferPointer(rebasing: $0[entry.source])
        JSONValue(bytes: bytes, kind: entry.valueKind, hasEscapes: entry.hasEscapes)
          .appendDecoded(to: &decoded)
      }
      let start = store.count
      decoded.withUnsafeBytes { TextSanitizer.append($0, to: &store) }
      shown = start..<store.count
    }
    entries[index].shown = shown
    return shown
  }

  /// The raw text's lines, each with its controls escaped, joined by newlines.
  private func appendShownLines(of source: Range<Int>) -> Range<Int> {
    let copy = Array(store[source])
    let start = store.count
    var first = true
    copy.withUnsafeBytes { text in
      RecordPresenter.forEachLine(in: text) { line in
        if !first { store.append(0x0A) }
        first = false
        TextSanitizer.append(line, to: &store)
      }
    }
    return start..<store.count
  }
}

extension ViewData {
  /// The detail pane's text for record `logIndex` at `width`, kept while the pane shows the
  /// same record at the same width: frames and keys reuse what was scanned and wrapped.
  func detailText(logIndex: Int, width: Int) -> DetailText {
    if let cached = detailCache, cached.logIndex == logIndex, cached.width == max(10, width) {
      return cached
    }
    let text = withRecord(logIndex: logIndex) {
      DetailText(record: $0, logIndex: logIndex, width: width, zone: zone)
    }
    detailCache = text
    return text
  }
}
