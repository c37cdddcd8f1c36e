import LogviewCore

/// Writes one record in the chosen output format.
struct RecordFormatter: Sendable {
  let format: OutputFormat
  let pretty: PrettyWriter

  init(format: OutputFormat, color: Bool, zone: TimeZoneRule) {
    self.format = format
    self.pretty = PrettyWriter(style: AnsiStyle(enabled: color), zone: zone)
  }

  /// What the normalizer must compute for this format.
  var needs: RecordNeeds {
    format == .raw ? [] : .all
  }

  /// `raw` is the record's bytes as read, its newline included when it has one: raw output
  /// reproduces them byte for byte.
  func append(
    _ record: RecordView, raw: UnsafeRawBufferPointer, source: [UInt8], line: Int,
    presenter: RecordPresenter, to out: inout [UInt8]
  ) {
    switch format {
    case .raw:
      out.appendBytes(raw)
    case .normalized:
      NormalizedWriter.append(record, source: source, line: line, to: &out)
    case .json:
      JSONRecordWriter.append(record, source: source, line: line, to: &out)
    case .pretty:
      pretty.append(record, presenter: presenter, to: &out)
    }
  }

  /// Lines that continue a record printed earlier (streaming input split mid-record); `raw`
  /// with its newline, as for `append`.
  func appendContinuation(_ raw: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    switch format {
    case .raw:
      out.appendBytes(raw)
    case .normalized, .json:
      break
    case .pretty:
      var text = raw
      if text.last == 0x0A { text = UnsafeRawBufferPointer(rebasing: text.dropLast()) }
      RecordPresenter.forEachLine(in: text) { pretty.appendContinuationLine($0, to: &out) }
    }
  }
}
