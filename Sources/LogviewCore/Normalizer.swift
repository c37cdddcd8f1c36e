/// Settings shared by every Normalizer of a run.
public struct NormalizerOptions: Sendable {
  public var keys: FieldKeys
  /// Zone for timestamps written without an offset.
  public var zone: TimeZoneRule
  /// Year for raw-text timestamps that omit it (syslog, glog).
  public var currentYear: Int

  public init(keys: FieldKeys = .defaults, zone: TimeZoneRule = .utc, currentYear: Int = 2024) {
    self.keys = keys
    self.zone = zone
    self.currentYear = currentYear
  }
}

/// Which eager fields a caller needs; skipping the timestamp saves a parse per record.
public struct RecordNeeds: OptionSet, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public static let timestamp = RecordNeeds(rawValue: 1)
  public static let level = RecordNeeds(rawValue: 2)
  public static let all: RecordNeeds = [.timestamp, .level]
}

/// Turns one record's bytes into a RecordView: decides JSON or raw text, unwraps Docker and
/// journald envelopes, and finds timestamp, level, message, request ID and service through the
/// key tables. One instance per thread; views are valid only inside `withRecord`'s closure.
public final class Normalizer {
  let options: NormalizerOptions
  let table: KeyTable
  let candidates: [KeyCandidate]
  /// Slots of each NormalizedKey, in priority order.
  let fieldSlots: [[Int]]
  let messageTemplateSlot: Int?

  var outerScanner = JSONObjectScanner()
  var innerScanner = JSONObjectScanner()
  var outerSlots: FieldSlots
  var innerSlots: FieldSlots
  let innerText = ScratchBuffer()
  let decoded: [ScratchBuffer] = [ScratchBuffer(), ScratchBuffer(), ScratchBuffer()]

  // Per-record state, valid during `withRecord`.
  var outerObject: JSONValue?
  var innerObject: JSONValue?
  var innerRaw: UnsafeRawBufferPointer?
  var innerRawTimestamp: Int64?
  var innerRawLevel: Level?
  var wrapperMember: Int32 = -1
  var firstLine = UnsafeRawBufferPointer(start: nil, count: 0)
  var chosenMembers: [Int32] = [-1, -1, -1, -1, -1]

  public init(options: NormalizerOptions = NormalizerOptions()) {
    self.options = options
    var candidates: [KeyCandidate] = []
    var fieldSlots: [[Int]] = []
    for field in NormalizedKey.allCases {
      var slots: [Int] = []
      for candidate in options.keys.candidates(for: field) {
        slots.append(candidates.count)
        candidates.append(candidate)
      }
      fieldSlots.append(slots)
    }
    self.candidates = candidates
    self.fieldSlots = fieldSlots
    self.table = KeyTable(paths: candidates.map(\.path))
    let messageSlots = fieldSlots[Self.index(.message)]
    self.messageTemplateSlot = messageSlots.first { candidates[$0].path == "@mt" }
    outerSlots = FieldSlots(count: candidates.count)
    innerSlots = FieldSlots(count: candidates.count)
  }

  static func index(_ field: NormalizedKey) -> Int {
    switch field {
    case .timestamp: 0
    case .level: 1
    case .message: 2
    case .requestId: 3
    case .service: 4
    }
  }

  /// Normalizes `text` (a record: first line plus continuation lines) and calls `body` with it.
  /// `firstLineLength` limits JSON scanning to the first line; nil means the whole text is one line.
  public func withRecord<R>(
    _ text: UnsafeRawBufferPointer, firstLineLength: Int? = nil, needs: RecordNeeds = .all,
    _ body: (RecordView) -> R
  ) -> R {
    let lineLength = min(firstLineLength ?? text.count, text.count)
    firstLine = UnsafeRawBufferPointer(rebasing: text[0..<lineLength])
    outerObject = nil
    innerObject = nil
    innerRaw = nil
    innerRawTimestamp = nil
    innerRawLevel = nil
    wrapperMember = -1
    for i in chosenMembers.indices { chosenMembers[i] = -1 }
    outerSlots.reset()
    innerSlots.reset()

    // A pretty-printed object spans its continuation lines: scan them together.
    if lineLength < text.count, firstLine.trimmingSpaces().elementsEqual([UInt8(ascii: "{")]) {
      firstLine = text
    }
    let isJSON =
      firstLine.first == UInt8(ascii: "{") || startsWithObjectAfterSpace(firstLine)
      ? outerScanner.scan(firstLine) : false
    if !isJSON { firstLine = UnsafeRawBufferPointer(rebasing: text[0..<lineLength]) }
    var timestamp: Int64?
    var level: Level?
    if isJSON {
      collectOuter()
      unwrapIfEnveloped()
      if needs.contains(.timestamp) { timestamp = resolveTimestamp() }
      if needs.contains(.level) { level = resolveLevel() }
    } else if !needs.isEmpty {
      let classified = RawLineClassifier.classify(
        firstLine, zone: options.zone, currentYear: options.currentYear)
      timestamp = classified.timestamp
      level = classified.level
    }
    let view = RecordView(
      text: text, firstLine: firstLine, isJSON: isJSON, timestamp: timestamp, level: level,
      normalizer: self)
    return body(view)
  }

  private func startsWithObjectAfterSpace(_ line: UnsafeRawBufferPointer) -> Bool {
    for byte in line {
      if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
      return byte == UInt8(ascii: "{")
    }
    return false
  }

  private func collectOuter() {
    let line = firstLine
    guard let start = line.baseAddress else { return }
    let objectStart = line.firstIndex(of: UInt8(ascii: "{")) ?? 0
    let objectEnd = (line.lastIndex(of: UInt8(ascii: "}")) ?? (line.count - 1)) + 1
    outerObject = JSONValue(
      bytes: UnsafeRawBufferPointer(start: start + objectStart, count: objectEnd - objectStart),
      kind: .object, hasEscapes: false)
    Self.collect(outerScanner.members, in: line, table: table, into: &outerSlots)
  }

  /// Records every member whose key belongs to a normalized field.
  static func collect(
    _ members: [JSONMemberSpan], in buffer: UnsafeRawBufferPointer, table: KeyTable,
    into slots: inout FieldSlots
  ) {
    guard let base = buffer.baseAddress else { return }
    for (index, member) in members.enumerated() {
      let key = UnsafeRawBufferPointer(
        start: base + Int(member.keyStart), count: Int(member.keyEnd - member.keyStart))
      let hits: [KeyTable.Hit]?
      if member.keyHasEscapes {
        var decodedKey: [UInt8] = []
        JSONValue(bytes: key, kind: .string, hasEscapes: true).appendDecoded(to: &decodedKey)
        hits = decodedKey.withUnsafeBytes { table.lookup($0) }
      } else {
        hits = table.lookup(key)
      }
      guard let hits else { continue }
      let value = JSONValue(
        bytes: UnsafeRawBufferPointer(
          start: base + Int(member.valueStart), count: Int(member.valueEnd - member.valueStart)),
        kind: member.kind, hasEscapes: member.valueHasEscapes)
      for hit in hits {
        if hit.rest.isEmpty {
          slots.set(hit.slot, value, member: Int32(index))
        } else if value.kind == .object, let found = PathLookup.find(hit.rest[...], in: value) {
          slots.set(hit.slot, found, member: -1)
        }
      }
    }
  }
}
