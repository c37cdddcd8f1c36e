import LogviewCore

/// The human line: time, level, service, message, then the other fields as key=value, then
/// any continuation lines; the texts come from the RecordPresenter (as in explorer rows),
/// the styles from RecordStyles.
struct PrettyWriter: Sendable {
  let style: AnsiStyle
  let zone: TimeZoneRule

  func append(_ record: RecordView, presenter: RecordPresenter, to out: inout [UInt8]) {
    if record.isJSON {
      appendJSONRecord(record, presenter: presenter, to: &out)
    } else {
      // Raw text already carries its own time and level: show it as written, level-colored.
      let opened = style.open(style.levelText(record.level), &out)
      presenter.withFirstLine(of: record) { out.appendBytes($0) }
      style.close(opened, &out)
      out.append(0x0A)
    }
    RecordPresenter.forEachContinuationLine(of: record) { appendContinuationLine($0, to: &out) }
  }

  private func appendJSONRecord(
    _ record: RecordView, presenter: RecordPresenter, to out: inout [UInt8]
  ) {
    var opened = style.open(style.time, &out)
    if let t = record.timestamp {
      TimestampFormatter.appendDisplay(t, zone: zone, to: &out)
    } else {
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 23))
    }
    style.close(opened, &out)
    out.append(0x20)
    if let level = record.level {
      opened = style.open(style.levelLabel(level), &out)
      out.appendBytes(level.paddedLabel)
      style.close(opened, &out)
    } else {
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 5))
    }
    out.append(0x20)
    presenter.withText(.service, of: record) { service in
      let opened = style.open(style.service, &out)
      out.appendBytes(service)
      style.close(opened, &out)
      out.appendBytes(": ")
    }
    opened = style.open(style.levelText(record.level), &out)
    presenter.withText(.message, of: record) { out.appendBytes($0) }
    style.close(opened, &out)
    presenter.forEachField(of: record) { key, value in
      out.append(0x20)
      let opened = style.open(style.key, &out)
      out.appendBytes(key)
      out.append(UInt8(ascii: "="))
      style.close(opened, &out)
      out.appendBytes(value)
    }
    out.append(0x0A)
  }

  /// One continuation line (already as shown), dimmed.
  func appendContinuationLine(_ line: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    let opened = style.open(style.continuation, &out)
    RecordPresenter.appendLine(line, to: &out)
    style.close(opened, &out)
    out.append(0x0A)
  }
}
