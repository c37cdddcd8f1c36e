/// Lines that are not a JSON object but carry fields: a tool's prefix before the service's own
/// line (JSON, logfmt or text), a logfmt line, an access-log line. Each is read as an object
/// (`FieldObjectWriter`) and then goes through the key tables like a JSON record; a prefix's
/// fields are the outer object, the line after it the inner one, as for a Docker envelope.
extension Normalizer {
  /// True when `text`'s first line (`current.firstLine`) has one of these shapes; the outer
  /// object (and the inner one, or the inner raw text) are then set up.
  func readTextShape(_ text: UnsafeRawBufferPointer) -> Bool {
    let line = current.firstLine
    guard let first = line.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\t") else {
      return false
    }
    if hasLineFormats {
      for format in plan.options.lineFormats {
        shapeObject.begin()
        if format.read(line, { shapeObject.addScalar($0, $1) }) { return publishShape() }
      }
    }
    shapeObject.begin()
    if let found = prefixReader.read(line, into: &shapeObject) {
      let payload = payloadBytes(text, found: found)
      if readPayload(payload, structuredOnly: found.needsStructuredPayload) {
        current.prefixTimestamp = found.timestamp
        return publishShape()
      }
      current.innerObject = nil
      current.innerRaw = nil
    }
    shapeObject.begin()
    if logfmt.read(line, into: &shapeObject) { return publishShape() }
    shapeObject.begin()
    // An access line's time is its `time_local` field, read as the timestamp key it is.
    if AccessLogReader.read(line, into: &shapeObject, logfmt: &logfmt) != nil {
      return publishShape()
    }
    return false
  }

  /// The line after the prefix; for a CRI partial line, the parts of the record's lines joined.
  private func payloadBytes(_ text: UnsafeRawBufferPointer, found: LinePrefixReader.Found)
    -> UnsafeRawBufferPointer
  {
    let line = current.firstLine
    let own = UnsafeRawBufferPointer(rebasing: line[found.payloadStart...])
    guard found.isPartial, text.count > line.count else { return own }
    var joined: [UInt8] = []
    joined.appendBytes(own)
    let rest = UnsafeRawBufferPointer(rebasing: text[(line.count + 1)...])
    var ended = false
    RecordPresenter.forEachLine(in: rest) { next in
      guard !ended else { return }
      // The splitter joined the lines after a partial one: their CRI content goes on.
      guard let part = CRILine.content(next) else {
        ended = true
        return
      }
      joined.appendBytes(UnsafeRawBufferPointer(rebasing: next[part.start...]))
      ended = !part.isPartial
      if let start = next.baseAddress, let base = text.baseAddress {
        current.joinedEnd = start - base + next.count
      }
    }
    innerJoined.assign(joined)
    return innerJoined.bytes
  }

  /// The line after a prefix: a JSON object or a logfmt line becomes the inner object; other
  /// text is the inner raw line (unless the prefix is only trusted before structured lines).
  private func readPayload(_ payload: UnsafeRawBufferPointer, structuredOnly: Bool) -> Bool {
    let trimmed = payload.trimmingSpaces()
    if trimmed.first == UInt8(ascii: "{") {
      innerText.reset()
      innerText.append(trimmed)
      if innerScanner.scan(innerText.bytes) {
        current.innerObject = Self.object(in: innerText.bytes, scanned: innerScanner)
        return true
      }
    }
    payloadObject.begin()
    if logfmt.read(trimmed, into: &payloadObject) {
      payloadObject.end()
      innerText.assign(payloadObject.bytes)
      guard innerScanner.scan(innerText.bytes) else { return false }
      current.innerObject = Self.object(in: innerText.bytes, scanned: innerScanner)
      return true
    }
    guard !structuredOnly else { return false }
    current.innerRaw = payload
    let classified = RawLineClassifier.classify(
      payload, zone: plan.options.zone, currentYear: plan.options.currentYear)
    current.innerRawTimestamp = classified.timestamp
    current.innerRawLevel = classified.level
    return true
  }

  /// Scans the written outer object and collects its fields (and the inner object's).
  private func publishShape() -> Bool {
    shapeObject.end()
    shapeText.assign(shapeObject.bytes)
    guard outerScanner.scan(shapeText.bytes) else { return false }
    current.outerBytes = shapeText.bytes
    collectOuter()
    if current.innerObject != nil {
      Self.collect(
        innerScanner.members, in: innerText.bytes, table: plan.table,
        fields: current.collectedMask, into: innerSlots)
    }
    return true
  }
}
