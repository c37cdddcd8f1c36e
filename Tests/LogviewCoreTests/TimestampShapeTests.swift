import Testing

@testable import LogviewCore

/// How a timestamp is written: its zone and its digits below the second, for the lint.
@Suite struct TimestampShapeTests {
  /// (the field's JSON value, has a zone, fraction digits); nil: no timestamp shape.
  @Test(arguments: [
    (#""2024-03-15T10:00:00.123Z""#, true, 3),
    (#""2024-03-15T10:00:00Z""#, true, 0),
    (#""2024-03-15T10:00:00.123456+05:45""#, true, 6),
    (#""2024-03-15 10:00:00,123""#, false, 3),
    (#""2024-03-15T10:00:00""#, false, 0),
    (#""2024-03-15T10:00:00.1 UTC""#, true, 1),
    (#""15/Mar/2024:10:00:01 +0000""#, true, 0),
    ("1710496800", true, 0),
    ("1710496800.125", true, 3),
    ("1710496800123", true, 3),
    (#""1710496800123456""#, true, 6),
    ("1710496800123456789", true, 9),
  ])
  func fieldValue(_ json: String, _ hasZone: Bool, _ digits: Int) {
    let shape = Array(json.utf8).withUnsafeBytes { bytes in
      TimestampShape.of(
        JSONValue(
          bytes: json.hasPrefix("\"")
            ? UnsafeRawBufferPointer(rebasing: bytes[1..<bytes.count - 1])
            : bytes,
          kind: json.hasPrefix("\"") ? .string : .number, hasEscapes: false))
    }
    #expect(shape == TimestampShape(hasZone: hasZone, fractionDigits: digits))
  }

  @Test(arguments: [#""2024-03-15""#, #""yesterday""#, "true"])
  func notATime(_ json: String) {
    let shape = Array(json.utf8).withUnsafeBytes { bytes in
      TimestampShape.of(
        JSONValue(
          bytes: json.hasPrefix("\"")
            ? UnsafeRawBufferPointer(rebasing: bytes[1..<bytes.count - 1])
            : bytes,
          kind: json.hasPrefix("\"") ? .string : .bool, hasEscapes: false))
    }
    #expect(shape == nil)
  }

  @Test(arguments: [
    ("2024-03-15 10:00:00,123 INFO started", TimestampShape(hasZone: false, fractionDigits: 3)),
    ("[2024-03-15T10:00:00Z] [warn] slow", TimestampShape(hasZone: true, fractionDigits: 0)),
    ("E0315 10:00:00.123456 1 main.go:3] x", nil),
    ("started", nil),
  ])
  func leadingATextLine(_ line: String, _ shape: TimestampShape?) {
    #expect(Array(line.utf8).withUnsafeBytes { TimestampShape.leading($0) } == shape)
  }
}
