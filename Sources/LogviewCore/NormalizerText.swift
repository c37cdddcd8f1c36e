/// Message, request ID and service: resolved lazily, only when a filter or a formatter asks.
extension Normalizer {
  func resolveText(_ field: NormalizedField, isJSON: Bool) -> UnsafeRawBufferPointer? {
    let bit: UInt8 = field == .message ? 1 : field == .requestId ? 2 : 4
    if current.textResolved & bit != 0 {
      switch field {
      case .message: return current.resolvedMessage
      case .requestId: return current.resolvedRequestId
      case .service: return current.resolvedService
      }
    }
    let found = resolveTextUncached(field, isJSON: isJSON)
    switch field {
    case .message: current.resolvedMessage = found
    case .requestId: current.resolvedRequestId = found
    case .service: current.resolvedService = found
    }
    current.textResolved |= bit
    return found
  }

  private func resolveTextUncached(_ field: NormalizedField, isJSON: Bool)
    -> UnsafeRawBufferPointer?
  {
    let key: NormalizedKey
    let buffer: ScratchBuffer
    switch field {
    case .message:
      key = .message
      buffer = decoded[0]
    case .requestId:
      key = .requestId
      buffer = decoded[1]
    case .service:
      key = .service
      buffer = decoded[2]
    }
    guard isJSON else { return field == .message ? current.firstLine : nil }
    if current.collectedMask & (1 << UInt8(Self.index(key))) == 0 { collectEverything() }
    if current.innerObject != nil,
      let found = text(key, in: innerSlots, inner: true, buffer: buffer)
    {
      return found
    }
    if let raw = current.innerRaw, field == .message { return raw }
    return text(key, in: outerSlots, inner: false, buffer: buffer)
  }

  /// A caller asked for text it did not announce in `needs`: collect all fields now.
  private func collectEverything() {
    current.collectedMask = 0xFF
    Self.collect(
      outerScanner.members, in: current.outerBytes, table: plan.table, fields: 0xFF,
      into: outerSlots
    )
    if current.innerObject != nil {
      Self.collect(
        innerScanner.members, in: innerText.bytes, table: plan.table, fields: 0xFF, into: innerSlots
      )
    }
  }

  private func text(
    _ key: NormalizedKey, in slots: FieldSlots, inner: Bool, buffer: ScratchBuffer
  ) -> UnsafeRawBufferPointer? {
    let fieldIndex = Self.index(key)
    for slot in plan.slots(of: fieldIndex) {
      guard let value = slots.value(slot) else { continue }
      let member = slots.member(slot)
      if !inner, member >= 0, member == current.wrapperMember { continue }
      guard let bytes = text(of: value, key: key, slot: slot, inner: inner, buffer: buffer) else {
        continue
      }
      current.chosenMembers[fieldIndex] = inner == (current.innerObject != nil) ? member : -1
      return bytes
    }
    return nil
  }

  private func text(
    of value: JSONValue, key: NormalizedKey, slot: Int, inner: Bool, buffer: ScratchBuffer
  ) -> UnsafeRawBufferPointer? {
    switch value.kind {
    case .string:
      var bytes = value.bytes
      if value.hasEscapes || slot == plan.messageTemplateSlot {
        var out = decodedCopy(value)
        if slot == plan.messageTemplateSlot,
          let properties = inner ? current.innerObject : current.outerObject
        {
          out = MessageTemplate.render(out, properties: properties)
        }
        buffer.assign(out)
        bytes = buffer.bytes
      }
      switch key {
      case .requestId:
        let id = Self.stripGoogleTracePrefix(Self.stripHexPrefix(bytes))
        return Self.isBlankOrZero(id) ? nil : id
      case .service:
        // Heroku's router writes its timing as `service=30000ms`: not a name.
        guard let first = bytes.first else { return nil }
        return ASCIIKind.isDigit(first) && DurationReader.parse(bytes) != nil ? nil : bytes
      default:
        return bytes
      }
    case .number, .bool:
      if key == .requestId, Self.isBlankOrZero(value.bytes) { return nil }
      return plan.stringOnly[slot] ? nil : value.bytes
    case .object where key == .message && !plan.stringOnly[slot]:
      // OpenTelemetry AnyValue bodies: {"stringValue": "..."}.
      if let inner = Self.member(value, "stringValue"), inner.kind == .string {
        buffer.assign(decodedCopy(inner))
        return buffer.bytes
      }
      return value.bytes
    case .array where key == .message && !plan.stringOnly[slot]:
      // journald writes non-UTF-8 messages as an array of byte values.
      var out: [UInt8] = []
      var allBytes = true
      value.forEachArrayNumber { number in
        guard let number, number >= 0, number <= 255 else {
          allBytes = false
          return false
        }
        out.append(UInt8(number))
        return true
      }
      guard allBytes else { return value.bytes }
      buffer.assign(out)
      return buffer.bytes
    default:
      return nil
    }
  }

  /// Empty and all-zero IDs ("", "0", "00000000-0000-0000-0000-000000000000", and with a
  /// "0x" prefix as OpenTelemetry's Python SDK writes them) mean "no request".
  @inline(__always)
  static func isBlankOrZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
    // Most IDs start with something else: one compare rules them out.
    guard let first = bytes.first else { return true }
    return first == UInt8(ascii: "0") || first == UInt8(ascii: "-") ? isZero(bytes) : false
  }

  private static func isZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var i = 0
    if bytes.count >= 2, bytes[0] == UInt8(ascii: "0"), bytes[1] | 0x20 == UInt8(ascii: "x") {
      i = 2
    }
    while i < bytes.count {
      let byte = bytes[i]
      if byte != UInt8(ascii: "0") && byte != UInt8(ascii: "-") { return false }
      i += 1
    }
    return true
  }

  /// "0x" + 32 hex digits (a trace ID as OpenTelemetry's Python SDK writes it) -> the digits,
  /// so it correlates with the same trace written plainly.
  @inline(__always)
  static func stripHexPrefix(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    guard bytes.count == 34, bytes[0] == UInt8(ascii: "0"), bytes[1] | 0x20 == UInt8(ascii: "x")
    else { return bytes }
    return UnsafeRawBufferPointer(rebasing: bytes[2...])
  }

  static let projectsPrefix = Array("projects/".utf8)
  static let tracesMarker = Array("/traces/".utf8)

  /// "projects/p/traces/abc" -> "abc", so GCP traces correlate with plain trace IDs.
  static func stripGoogleTracePrefix(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    // Every record's request ID passes here: rule most out before building anything.
    guard bytes.count > 17, bytes[0] == UInt8(ascii: "p"), bytes.starts(with: projectsPrefix)
    else { return bytes }
    let marker = tracesMarker
    var i = 0
    while i + marker.count <= bytes.count {
      if bytes[i] == marker[0], bytes[i..<(i + marker.count)].elementsEqual(marker) {
        return UnsafeRawBufferPointer(rebasing: bytes[(i + marker.count)...])
      }
      i += 1
    }
    return bytes
  }
}

extension JSONValue {
  /// Calls `body` with each element of an array as an integer (nil for non-integers).
  func forEachArrayNumber(_ body: (Int64?) -> Bool) {
    guard kind == .array, bytes.count >= 2 else { return }
    var start = 1
    var i = 1
    let end = bytes.count - 1
    while i <= end {
      let byte = bytes[i]
      if byte == UInt8(ascii: ",") || i == end {
        let token = UnsafeRawBufferPointer(rebasing: bytes[start..<i])
        let trimmed = token.trimmingSpaces()
        if !trimmed.isEmpty {
          let number = JSONValue(bytes: trimmed, kind: .number, hasEscapes: false).int64()
          if !body(number) { return }
        }
        start = i + 1
      }
      i += 1
    }
  }
}

extension UnsafeRawBufferPointer {
  func trimmingSpaces() -> UnsafeRawBufferPointer {
    var lower = 0
    var upper = count
    while lower < upper, Self.isSpace(self[lower]) { lower += 1 }
    while upper > lower, Self.isSpace(self[upper - 1]) { upper -= 1 }
    return UnsafeRawBufferPointer(rebasing: self[lower..<upper])
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}
