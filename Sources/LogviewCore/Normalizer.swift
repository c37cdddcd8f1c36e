/// Settings shared by every Normalizer of a run.
public struct NormalizerOptions: Sendable {
  public var keys: FieldKeys
  /// Zone for timestamps written without an offset.
  public var zone: TimeZoneRule
  /// Year for raw-text timestamps that omit it (syslog, glog).
  public var currentYear: Int
  /// User-defined text formats, tried in order before the built-in text shapes.
  public var lineFormats: [any LineFormat]

  public init(
    keys: FieldKeys = .defaults, zone: TimeZoneRule = .utc, currentYear: Int = 2024,
    lineFormats: [any LineFormat] = []
  ) {
    self.keys = keys
    self.zone = zone
    self.currentYear = currentYear
    self.lineFormats = lineFormats
  }
}

/// Which eager fields a caller needs; skipping the timestamp saves a parse per record.
public struct RecordNeeds: OptionSet, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public static let timestamp = RecordNeeds(rawValue: 1)
  public static let level = RecordNeeds(rawValue: 2)
  /// Message, request ID, service (collected anyway on first use if left out).
  public static let text = RecordNeeds(rawValue: 4)
  public static let all: RecordNeeds = [.timestamp, .level, .text]
  /// Of the text fields, only the request ID (indexing keeps its hash).
  public static let requestId = RecordNeeds(rawValue: 8)

  /// The KeyTable field bits to collect for these needs.
  var fieldMask: UInt8 {
    var mask = Normalizer.envelopeBit
    if contains(.timestamp) { mask |= 1 << 0 }
    if contains(.level) { mask |= 1 << 1 }
    if contains(.text) { mask |= 0b11100 }
    if contains(.requestId) { mask |= 1 << 3 }
    return mask
  }
}

/// Turns one record's bytes into a RecordView: decides JSON or raw text, unwraps Docker and
/// journald envelopes, and finds timestamp, level, message, request ID and service through the
/// key tables. One instance per thread; views are valid only inside `withRecord`'s closure.
public final class Normalizer {
  /// What is fixed for the run: key tables and the slots of special keys.
  let plan: NormalizerPlan
  var outerScanner = JSONObjectScanner()
  var innerScanner = JSONObjectScanner()
  let outerSlots: FieldSlots
  let innerSlots: FieldSlots
  let innerText = ScratchBuffer()
  /// The object a prefixed, logfmt or access-log line is read as (outer, and inner for a
  /// logfmt line after a prefix), and the readers that write them.
  let shapeText = ScratchBuffer()
  let innerJoined = ScratchBuffer()
  var shapeObject = FieldObjectWriter()
  var payloadObject = FieldObjectWriter()
  var logfmt = LogfmtReader()
  let prefixReader: LinePrefixReader
  /// Whether the configuration has user formats (checked per line, before touching the array).
  let hasLineFormats: Bool
  let decoded: [ScratchBuffer] = [ScratchBuffer(), ScratchBuffer(), ScratchBuffer()]
  /// What was found in the current record, valid during `withRecord`.
  var current = RecordState()

  public convenience init(options: NormalizerOptions = NormalizerOptions()) {
    self.init(plan: NormalizerPlan(options: options))
  }

  /// A normalizer sharing a plan built once (building one costs its key tables: thousands
  /// of allocations, too many for every piece of a file).
  public init(plan: NormalizerPlan) {
    self.plan = plan
    hasLineFormats = !plan.options.lineFormats.isEmpty
    prefixReader = LinePrefixReader(
      zone: plan.options.zone, year: Int64(clamping: plan.options.currentYear))
    outerSlots = FieldSlots(count: plan.slotCount)
    innerSlots = FieldSlots(count: plan.slotCount)
  }

  static let envelopeBit: UInt8 = 1 << 5

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
    current.start(firstLine: UnsafeRawBufferPointer(rebasing: text[0..<lineLength]))
    outerSlots.reset()
    innerSlots.reset()

    // A pretty-printed object spans its continuation lines: scan them together.
    if lineLength < text.count,
      current.firstLine.trimmingSpaces().elementsEqual([UInt8(ascii: "{")])
    {
      current.firstLine = text
    }
    var isJSON =
      current.firstLine.first == UInt8(ascii: "{") || startsWithObjectAfterSpace(current.firstLine)
      ? outerScanner.scan(current.firstLine) : false
    current.collectedMask = needs.fieldMask
    if isJSON {
      current.outerBytes = current.firstLine
      collectOuter()
      unwrapIfEnveloped()
    } else {
      current.firstLine = UnsafeRawBufferPointer(rebasing: text[0..<lineLength])
      // Prefixed, logfmt and access-log lines are read as objects too.
      isJSON = readTextShape(text)
    }
    var timestamp: Int64?
    var level: Level?
    if isJSON {
      if needs.contains(.timestamp) { timestamp = resolveTimestamp() }
      if needs.contains(.level) { level = resolveLevel() }
    } else if !needs.isEmpty {
      let classified = RawLineClassifier.classify(
        current.firstLine, zone: plan.options.zone, currentYear: plan.options.currentYear)
      timestamp = classified.timestamp
      level = classified.level
    }
    let view = RecordView(
      text: text, firstLine: current.firstLine, isJSON: isJSON, timestamp: timestamp, level: level,
      normalizer: self)
    return body(view)
  }

  /// A view of `text` without scanning it: for filters that read only the raw bytes.
  /// Its fields are empty; use `withRecord` for anything else.
  public func withUnparsedRecord<R>(_ text: UnsafeRawBufferPointer, _ body: (RecordView) -> R) -> R
  {
    // Not JSON: text resolution gives the whole text as the message and nothing else.
    current.startUnparsed(text)
    let view = RecordView(
      text: text, firstLine: text, isJSON: false, timestamp: nil, level: nil, normalizer: self)
    return body(view)
  }

  private func startsWithObjectAfterSpace(_ line: UnsafeRawBufferPointer) -> Bool {
    for byte in line {
      if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
      return byte == UInt8(ascii: "{")
    }
    return false
  }

  func collectOuter() {
    current.outerObject = Self.object(in: current.outerBytes, scanned: outerScanner)
    Self.collect(
      outerScanner.members, in: current.outerBytes, table: plan.table,
      fields: current.collectedMask,
      into: outerSlots)
  }

  /// The object a successful scan found in `bytes` (without surrounding whitespace).
  static func object(in bytes: UnsafeRawBufferPointer, scanned scanner: JSONObjectScanner)
    -> JSONValue
  {
    JSONValue(
      bytes: UnsafeRawBufferPointer(rebasing: bytes[scanner.objectRange]), kind: .object,
      hasEscapes: false)
  }

  /// Records every member whose key belongs to a normalized field.
  static func collect(
    _ members: UnsafeBufferPointer<JSONMemberSpan>, in buffer: UnsafeRawBufferPointer,
    table: KeyTable,
    fields: UInt8, into slots: FieldSlots
  ) {
    guard let base = buffer.baseAddress else { return }
    // Most keys are of no field asked for: the inlined lookup's first load tells.
    for index in members.indices {
      collect(members[index], index, base: base, table: table, fields: fields, into: slots)
    }
  }

  /// One member whose key may belong to a normalized field.
  @inline(__always)
  private static func collect(
    _ member: JSONMemberSpan, _ index: Int, base: UnsafeRawPointer, table: KeyTable,
    fields: UInt8, into slots: FieldSlots
  ) {
    let key = UnsafeRawBufferPointer(
      start: base + Int(member.keyStart), count: Int(member.keyEnd - member.keyStart))
    let hits: Range<Int>?
    if member.keyHasEscapes {
      var decodedKey: [UInt8] = []
      JSONValue(bytes: key, kind: .string, hasEscapes: true).appendDecoded(to: &decodedKey)
      hits = decodedKey.withUnsafeBytes { table.lookup($0, fields: fields) }
    } else {
      hits = table.lookup(key, fields: fields)
    }
    guard let hits else { return }
    let value = JSONValue(
      bytes: UnsafeRawBufferPointer(
        start: base + Int(member.valueStart), count: Int(member.valueEnd - member.valueStart)),
      kind: member.kind, hasEscapes: member.valueHasEscapes)
    for hit in hits {
      let slot = Int(table.hitSlot[hit])
      if table.hitIsDirect[hit] {
        slots.set(slot, value, member: Int32(index))
      } else if value.kind == .object,
        let found = PathLookup.find(table.rest(hit), in: value)
      {
        slots.set(slot, found, member: -1)
      }
    }
  }
}
