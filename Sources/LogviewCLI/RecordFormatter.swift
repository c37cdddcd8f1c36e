import LogviewCore

/// Writes one record in the chosen output format.
struct RecordFormatter: Sendable {
  let output: RunSettings.Output
  let style: AnsiStyle
  let zone: TimeZoneRule
  let pretty: PrettyWriter

  init(output: RunSettings.Output, color: Bool, zone: TimeZoneRule) {
    self.output = output
    self.style = AnsiStyle(enabled: color)
    self.zone = zone
    self.pretty = PrettyWriter(style: style, zone: zone)
  }

  /// What the normalizer must compute for this format.
  var needs: RecordNeeds {
    output == .raw ? [] : .all
  }

  /// `raw` is the record's bytes as read, including a final "\r" the record text leaves out.
  func append(
    _ record: RecordView, raw: UnsafeRawBufferPointer, source: [UInt8], line: Int,
    presenter: RecordPresenter, to out: inout [UInt8]
  ) {
    switch output {
    case .raw:
      out.appendBytes(raw)
      out.append(0x0A)
    case .normalized:
      NormalizedWriter.append(record, source: source, line: line, to: &out)
    case .pretty:
      pretty.append(record, presenter: presenter, to: &out)
    }
  }

  /// Lines that continue a record printed earlier (streaming input split mid-record).
  func appendContinuation(_ text: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    switch output {
    case .raw:
      out.appendBytes(text)
      out.append(0x0A)
    case .normalized:
      break
    case .pretty:
      RecordPresenter.forEachLine(in: text) { pretty.appendContinuationLine($0, to: &out) }
    }
  }
}
