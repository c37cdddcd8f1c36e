import FuzzSupport
import LogviewCore

/// One record (a first line and any continuation lines) through the Normalizer and the
/// RecordPresenter. The fields found do not depend on what was asked for eagerly (the rest is
/// resolved on first use) nor on the record before; what the presenter shows is valid UTF-8
/// without control characters (a log line must not drive the terminal).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNormalizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = UnsafeRawBufferPointer(start: data, count: size)
  let first = NormalizerFuzz.read(text, needs: .all)
  for needs: RecordNeeds in [[], .requestId, [.timestamp, .level]] {
    NormalizerFuzz.read(text, needs: needs).expectSame(as: first, needs: needs)
  }
  NormalizerFuzz.other.withUnsafeBytes { _ = NormalizerFuzz.read($0, needs: .all) }
  NormalizerFuzz.read(text, needs: .all).expectSame(as: first, needs: .all)
  NormalizerFuzz.checkUnparsed(text)
  return 0
}

/// What a record showed: compared between readings of the same bytes.
struct Reading: Equatable {
  var isJSON = false
  var timestamp: Int64?
  var level: Level?
  var message: [UInt8]?
  var requestId: [UInt8]?
  var service: [UInt8]?
  /// The presenter's text, fields and continuation lines: which fields it shows depends on
  /// whether the timestamp and level were asked for (shown apart, they are not repeated).
  var shown: [UInt8] = []
  /// Fields read by path.
  var fields: [UInt8] = []

  func expectSame(as other: Reading, needs: RecordNeeds) {
    // Described only on failure: this runs several times per input.
    func same<T: Equatable>(_ a: T, _ b: T, _ what: String) {
      fuzzExpect(a == b, "\(what) with needs \(needs.rawValue): \(a) vs \(b) with all")
    }
    func same(_ a: [UInt8]?, _ b: [UInt8]?, _ what: String) {
      fuzzExpect(
        a == b,
        "\(what) with needs \(needs.rawValue): \(a.map(Self.text) ?? "nil") vs "
          + "\(b.map(Self.text) ?? "nil") with all")
    }
    same(isJSON, other.isJSON, "isJSON")
    if needs.contains(.timestamp) { same(timestamp, other.timestamp, "timestamp") }
    if needs.contains(.level) { same(level, other.level, "level") }
    same(message, other.message, "message")
    same(requestId, other.requestId, "request ID")
    same(service, other.service, "service")
    same(fields, other.fields, "fields")
    if needs.isSuperset(of: [.timestamp, .level]) { same(shown, other.shown, "shown text") }
  }

  /// Bytes as a readable string for a report.
  static func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self).debugDescription
  }
}

enum NormalizerFuzz {
  /// A zone with daylight saving time: wall-clock timestamps take the zone rules' paths.
  static let zone = TimeZoneRule(name: "America/New_York") ?? .utc
  nonisolated(unsafe) static let normalizer = Normalizer(options: NormalizerOptions(zone: zone))
  nonisolated(unsafe) static let presenter = RecordPresenter()
  /// Read between two readings of the input: nothing may carry over.
  static let other = Array(
    #"{"log":"{\"level\":\"warn\",\"msg\":\"x\",\"a\":{\"b\":[1,{\"c\":\"\\u00e9\"}]}}\n","stream":"stderr","time":"2024-03-15T10:42:00.123456789Z"}"#
      .utf8)
  static let paths = [
    "a", "a.b", "a.b.c", "error.code", "msg", "log", "MESSAGE", "", ".", "a..b", "@mt",
  ].map(FieldPath.init)

  @discardableResult
  static func read(_ text: UnsafeRawBufferPointer, needs: RecordNeeds) -> Reading {
    let firstLine = RecordSplitter.firstLineLength(of: text)
    return normalizer.withRecord(text, firstLineLength: firstLine, needs: needs) { record in
      var reading = Reading(isJSON: record.isJSON, timestamp: record.timestamp, level: record.level)
      reading.message = record.withText(of: .message) { Array($0) }
      reading.requestId = record.withText(of: .requestId) { Array($0) }
      reading.service = record.withText(of: .service) { Array($0) }
      if let id = reading.requestId { _ = id.withUnsafeBytes { RequestIdHash.of($0) } }
      if let t = record.timestamp { checkTimestamp(t) }
      present(record, into: &reading.shown)
      lookUp(record, into: &reading.fields)
      return reading
    }
  }

  /// The presenter's output, checked safe for a terminal.
  static func present(_ record: RecordView, into shown: inout [UInt8]) {
    func take(_ bytes: UnsafeRawBufferPointer, tabs: Bool = false) {
      expectPrintable(bytes, tabs: tabs)
      shown.append(contentsOf: bytes)
      shown.append(0)
    }
    presenter.withText(.message, of: record) { take($0) }
    presenter.withText(.service, of: record) { take($0) }
    presenter.withFirstLine(of: record) { take($0) }
    presenter.forEachField(of: record) { key, value in
      take(key)
      take(value)
    }
    RecordPresenter.forEachContinuationLine(of: record) { line in
      var out: [UInt8] = []
      RecordPresenter.appendLine(line, to: &out)
      out.withUnsafeBytes { take($0, tabs: true) }
    }
  }

  /// Fields by path: fixed paths, then each top-level key read back as a path.
  static func lookUp(_ record: RecordView, into shown: inout [UInt8]) {
    func take(_ value: JSONValue?) {
      guard let value else { return shown.append(1) }
      let text = presenter.text(of: value)
      text.utf8.withContiguousStorageIfAvailable { expectPrintable(UnsafeRawBufferPointer($0)) }
      shown.append(contentsOf: text.utf8)
      shown.append(0)
    }
    for path in paths { take(record.field(path)) }
    var keys: [String] = []
    record.fieldsObject?.forEachMember { key, _ in
      keys.append(key.decodedString())
      return keys.count < 16
    }
    // PathLookup tries each split of a dotted path: keep paths short.
    for key in keys where key.utf8.count(where: { $0 == UInt8(ascii: ".") }) < 6 {
      take(record.field(FieldPath(key)))
    }
  }

  /// Valid UTF-8 without ASCII control characters (tabs allowed where asked).
  static func expectPrintable(_ bytes: UnsafeRawBufferPointer, tabs: Bool = false) {
    fuzzExpect(JSONStringCodec.isValidUTF8(bytes), "shown text is not UTF-8")
    for byte in bytes where byte < 0x20 || byte == 0x7F {
      fuzzExpect(tabs && byte == 0x09, "shown text holds control byte \(byte)")
    }
  }

  static func checkTimestamp(_ nanos: Int64) {
    var out: [UInt8] = []
    TimestampFormatter.appendRFC3339Millis(nanos, to: &out)
    TimestampFormatter.appendDisplay(nanos, zone: zone, to: &out)
  }

  /// A view without scanning: the whole text is the message.
  static func checkUnparsed(_ text: UnsafeRawBufferPointer) {
    normalizer.withUnparsedRecord(text) { record in
      let message = record.withText(of: .message) { Array($0) }
      fuzzExpect(message == nil || message!.elementsEqual(text), "unparsed message differs")
    }
  }
}

@main enum Main {
  static func main() { FuzzDriver.run(fuzzNormalizer) }
}
