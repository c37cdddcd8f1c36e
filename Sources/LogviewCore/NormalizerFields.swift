/// Envelope unwrapping and per-field resolution, split from Normalizer.swift for size.
extension Normalizer {
  /// Docker json-file (`log` string + `stream`/`time`) and journald (`MESSAGE` holding JSON):
  /// the inner line's fields win, the envelope's are the fallback.
  func unwrapIfEnveloped() {
    guard let base = current.outerBytes.baseAddress else { return }
    var candidate: Int32 = -1
    let dockerLog = outerSlots.member(plan.dockerLogSlot)
    let source = outerSlots.member(plan.searchSourceSlot)
    if source >= 0, outerSlots.value(plan.searchSourceSlot)?.kind == .object {
      unwrapObject(member: source)
      return
    }
    if dockerLog >= 0, outerSlots.value(plan.dockerLogSlot)?.kind == .string,
      outerSlots.member(plan.dockerStreamSlot) >= 0
        || plan.dockerTimeSlot.map({ outerSlots.member($0) >= 0 }) == true
        || plan.fluentDateSlot.map({ outerSlots.member($0) >= 0 }) == true
        || outerSlots.member(plan.kubernetesSlot) >= 0
    {
      candidate = dockerLog
    } else if let slot = plan.journaldMessageSlot, let message = outerSlots.value(slot),
      message.kind == .string, message.bytes.first == UInt8(ascii: "{"),
      outerSlots.member(slot) >= 0
    {
      candidate = outerSlots.member(slot)
    }
    guard candidate >= 0 else { return }
    let member = outerScanner.members[Int(candidate)]
    let value = JSONValue(
      bytes: UnsafeRawBufferPointer(
        start: base + Int(member.valueStart), count: Int(member.valueEnd - member.valueStart)),
      kind: .string, hasEscapes: member.valueHasEscapes)
    var inner: [UInt8] = []
    value.appendDecoded(to: &inner)
    while let last = inner.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") {
      inner.removeLast()
    }
    innerText.assign(inner)
    current.wrapperMember = candidate
    let bytes = innerText.bytes
    if innerScanner.scan(bytes) {
      current.innerObject = Self.object(in: bytes, scanned: innerScanner)
      Self.collect(
        innerScanner.members, in: bytes, table: plan.table, fields: current.collectedMask,
        into: innerSlots)
    } else {
      current.innerRaw = bytes
      let classified = RawLineClassifier.classify(
        bytes, zone: plan.options.zone, currentYear: plan.options.currentYear)
      current.innerRawTimestamp = classified.timestamp
      current.innerRawLevel = classified.level
    }
  }

  /// A member holding the record as an object (a search hit's `_source`): its members are
  /// the record's, the others (`_index`, `_id`) stay as the fallback.
  private func unwrapObject(member index: Int32) {
    let member = outerScanner.members[Int(index)]
    innerText.reset()
    innerText.append(member.value(in: current.outerBytes).bytes)
    guard innerScanner.scan(innerText.bytes) else { return }
    current.wrapperMember = index
    current.innerObject = Self.object(in: innerText.bytes, scanned: innerScanner)
    Self.collect(
      innerScanner.members, in: innerText.bytes, table: plan.table, fields: current.collectedMask,
      into: innerSlots)
  }

  static func equals(_ bytes: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
    guard bytes.count == literal.utf8CodeUnitCount else { return false }
    let lit = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
    return bytes.elementsEqual(lit)
  }

  // MARK: timestamp

  func resolveTimestamp() -> Int64? {
    if current.innerObject != nil, let found = timestamp(in: innerSlots, inner: true) {
      return found
    }
    if current.innerRaw != nil, let found = current.innerRawTimestamp { return found }
    if let found = current.prefixTimestamp { return found }
    return timestamp(in: outerSlots, inner: false)
  }

  private func timestamp(in slots: FieldSlots, inner: Bool) -> Int64? {
    for slot in plan.slots(of: 0) {
      guard let value = slots.value(slot) else { continue }
      if var nanos = timestamp(from: value, epochUnit: plan.epochUnits[slot]) {
        if slot == plan.timestampSecondsSlot {
          nanos = addingTimestampNanos(to: nanos, inner: inner) ?? nanos
        }
        current.chosenMembers[0] = inner == (current.innerObject != nil) ? slots.member(slot) : -1
        return nanos
      }
    }
    return nil
  }

  /// `epochUnit`: nanoseconds per unit of a key with a fixed epoch unit, 0 = by magnitude.
  private func timestamp(from value: JSONValue, epochUnit: Int64) -> Int64? {
    switch value.kind {
    case .string:
      let text = value.hasEscapes ? decodedCopy(value) : nil
      return Self.withBytes(value, text) { bytes in
        if epochUnit > 0 {
          return TimestampParser.parseEpoch(bytes, unitNanos: epochUnit)
        }
        return TimestampParser.parse(bytes, naiveZone: plan.options.zone)
      }
    case .number:
      if epochUnit > 0 {
        return TimestampParser.parseEpoch(value.bytes, unitNanos: epochUnit)
      }
      return TimestampParser.parseEpoch(value.bytes)
    case .object:
      return Self.epochObject(value)
    default:
      return nil
    }
  }

  // MARK: level

  func resolveLevel() -> Level? {
    if current.innerObject != nil, let found = level(in: innerSlots, inner: true) { return found }
    if current.innerRaw != nil, let found = current.innerRawLevel { return found }
    if let found = level(in: outerSlots, inner: false) { return found }
    // Serilog CLEF writes no @l for Information.
    if hasOuterKey("@mt") || hasOuterKey("@m") { return .info }
    return httpStatusLevel()
  }

  private func level(in slots: FieldSlots, inner: Bool) -> Level? {
    for slot in plan.slots(of: 1) {
      guard let value = slots.value(slot) else { continue }
      var scheme = plan.levelSchemes[slot]
      if scheme == .bunyan, value.kind == .number, isGELF(slots) { scheme = .syslog }
      if let found = level(from: value, scheme: scheme) {
        current.chosenMembers[1] = inner == (current.innerObject != nil) ? slots.member(slot) : -1
        return found
      }
    }
    return nil
  }

  private func level(from value: JSONValue, scheme: LevelScheme) -> Level? {
    switch value.kind {
    case .string:
      if scheme == .syslog || scheme == .openTelemetry, let number = value.int64() {
        return Self.level(number: number, scheme: scheme)
      }
      if value.hasEscapes {
        let text = decodedCopy(value)
        return text.withUnsafeBytes { Self.level(text: $0, scheme: scheme) }
      }
      return Self.level(text: value.bytes, scheme: scheme)
    case .number:
      guard let number = value.int64() else { return nil }
      return Self.level(number: number, scheme: scheme)
    default:
      return nil
    }
  }

  @inline(__always)
  static func level(text: UnsafeRawBufferPointer, scheme: LevelScheme) -> Level? {
    scheme == .serilog
      ? LevelParser.parseSerilog(text: text) : LevelParser.parse(text: text, field: true)
  }

  static func level(number: Int64, scheme: LevelScheme) -> Level? {
    switch scheme {
    case .syslog: LevelParser.fromSyslog(number)
    case .openTelemetry: LevelParser.fromOpenTelemetry(number)
    case .text, .bunyan, .serilog: LevelParser.fromBunyan(number)
    }
  }

  private func hasOuterKey(_ key: StaticString) -> Bool {
    guard let base = current.outerBytes.baseAddress else { return false }
    for member in outerScanner.members {
      let bytes = UnsafeRawBufferPointer(
        start: base + Int(member.keyStart), count: Int(member.keyEnd - member.keyStart))
      if Self.equals(bytes, key) { return true }
    }
    return false
  }

  // MARK: helpers

  func decodedCopy(_ value: JSONValue) -> [UInt8] {
    var out: [UInt8] = []
    value.appendDecoded(to: &out)
    return out
  }

  static func withBytes<R>(
    _ value: JSONValue, _ decoded: [UInt8]?, _ body: (UnsafeRawBufferPointer) -> R
  ) -> R {
    if let decoded { return decoded.withUnsafeBytes(body) }
    return body(value.bytes)
  }

  static func member(_ object: JSONValue, _ key: StaticString) -> JSONValue? {
    object.member(UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
  }
}
