import LogviewCore

/// What the logging lint counted in the matching records, per service (in order of first
/// appearance; records without one under an empty name), as a worker found them. Pieces
/// scanned on other cores are merged in input order, so each rule's first record is the
/// input's first. `LintVerdict` turns the counts into findings and scores.
public struct LintSamples: Sendable {
  public private(set) var services: [[UInt8]] = []
  var samples: [LintServiceSamples] = []
  /// A message's template is written here (one buffer for every record).
  private var scratch: [UInt8] = []

  public init() {}

  /// Records counted.
  public var count: Int { samples.reduce(0) { $0 + $1.records } }

  /// A matching record, which starts on `line` of `source`.
  public mutating func append(_ record: RecordView, source: [UInt8], line: Int) {
    let at = record.withText(of: .service) { slot(of: $0) } ?? slot(of: nil)
    samples[at].append(
      record, hasService: !services[at].isEmpty, source: source, line: line,
      scratch: &scratch)
  }

  /// Adds a later piece's counts.
  public mutating func merge(_ other: LintSamples) {
    for (name, counted) in zip(other.services, other.samples) {
      let at = name.withUnsafeBytes { slot(of: $0) }
      samples[at].merge(counted)
    }
  }

  /// The slot of a service, made on its first record. A log has few services: a linear
  /// search over their bytes, no allocation per record.
  private mutating func slot(of name: UnsafeRawBufferPointer?) -> Int {
    let name = name ?? UnsafeRawBufferPointer(start: nil, count: 0)
    for i in services.indices where services[i].count == name.count {
      if services[i].withUnsafeBytes({ KeyLookup.equal($0, name) }) { return i }
    }
    services.append(Array(name))
    samples.append(LintServiceSamples())
    return services.count - 1
  }
}
