/// Rules for particular writers, split from NormalizerFields.swift: epoch objects (GCP, Log4j2),
/// GCP's flat seconds and nanoseconds, GELF's syslog levels, an access log's HTTP status.
extension Normalizer {
  /// GCP `{"seconds": 1710496800, "nanos": 123000000}` and Log4j2 JsonLayout's `instant`
  /// `{"epochSecond": 1710496800, "nanoOfSecond": 123000000}`, read in one pass.
  static func epochObject(_ object: JSONValue) -> Int64? {
    var seconds: Int64?
    var nanos: Int64 = 0
    object.forEachMember { key, value in
      if Self.keyIs(key, "seconds") || Self.keyIs(key, "epochSecond") {
        seconds = value.int64()
      } else if Self.keyIs(key, "nanos") || Self.keyIs(key, "nanoOfSecond") {
        nanos = value.int64() ?? 0
      }
      return true
    }
    guard let seconds, nanos >= 0, nanos < 1_000_000_000 else { return nil }
    let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    return overflow ? nil : scaled &+ nanos
  }

  /// GCP's `timestampNanos`, the member beside `timestampSeconds` in the object it was found in.
  func addingTimestampNanos(to secondsNanos: Int64, inner: Bool) -> Int64? {
    guard let object = inner ? current.innerObject : current.outerObject,
      let nanos = Self.member(object, "timestampNanos")?.int64(), nanos >= 0,
      nanos < 1_000_000_000
    else { return nil }
    let (sum, overflow) = secondsNanos.addingReportingOverflow(nanos)
    return overflow ? nil : sum
  }

  /// A GELF record (it has `short_message`): its numeric `level` is a syslog severity, 0–7,
  /// never a pino/bunyan number.
  @inline(__always)
  func isGELF(_ slots: FieldSlots) -> Bool {
    guard let slot = plan.gelfMessageSlot else { return false }
    return slots.value(slot) != nil
  }

  /// An access log's HTTP status when the record has no level: 5xx error, 4xx warn, else info.
  /// Only a number 100–599 or a string of three digits (nginx writes `"status":"$status"`).
  func httpStatusLevel() -> Level? {
    let slots = current.innerObject != nil ? innerSlots : outerSlots
    guard let value = slots.value(plan.httpStatusSlot) else { return nil }
    let code: Int64?
    switch value.kind {
    case .number:
      code = value.int64()
    case .string:
      let bytes = value.bytes
      guard bytes.count == 3, bytes.allSatisfy(ASCIIKind.isDigit) else { return nil }
      code = Int64(bytes[0] &- 0x30) * 100 + Int64(bytes[1] &- 0x30) * 10 + Int64(bytes[2] &- 0x30)
    default:
      code = nil
    }
    guard let code, code >= 100, code <= 599 else { return nil }
    return code >= 500 ? .error : code >= 400 ? .warn : .info
  }

  @inline(__always)
  static func keyIs(_ key: JSONValue, _ literal: StaticString) -> Bool {
    key.equals(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }
}
