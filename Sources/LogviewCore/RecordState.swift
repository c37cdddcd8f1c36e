/// What a Normalizer found in the record it is looking at; reset for every record.
struct RecordState {
  /// The first line (or a pretty-printed object with its continuation lines).
  var firstLine: UnsafeRawBufferPointer
  /// The bytes the outer scan's members point into: the first line for a JSON record, the
  /// object written for a prefixed, logfmt or access-log line.
  var outerBytes: UnsafeRawBufferPointer
  var outerObject: JSONValue?
  /// A prefix's time (kubectl, CRI, syslog), the fallback after the record's own.
  var prefixTimestamp: Int64?
  /// Where, in the record's text, the lines its message was joined from end (CRI partial
  /// lines); 0 when the message is the first line's.
  var joinedEnd = 0
  /// The unwrapped object of a Docker or journald envelope.
  var innerObject: JSONValue?
  /// An envelope's inner line when it is raw text, with what its text says.
  var innerRaw: UnsafeRawBufferPointer?
  var innerRawTimestamp: Int64?
  var innerRawLevel: Level?
  /// The envelope member that held the inner line.
  var wrapperMember: Int32 = -1
  /// Message, request ID and service once resolved (bit i set).
  var textResolved: UInt8 = 0
  var resolvedMessage: UnsafeRawBufferPointer?
  var resolvedRequestId: UnsafeRawBufferPointer?
  var resolvedService: UnsafeRawBufferPointer?
  /// The member index each normalized field came from (-1: none, or not top-level).
  var chosenMembers = SIMD8<Int32>(repeating: -1)
  /// Field bits collected; text fields missing here are collected on first use.
  var collectedMask: UInt8 = 0xFF

  init(firstLine: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)) {
    self.firstLine = firstLine
    outerBytes = firstLine
  }

  /// A new record: what an earlier one found is forgotten. Field by field, and only the
  /// fields readers consult before the others (a whole new value costs a copy of every field
  /// per record).
  @inline(__always)
  mutating func start(firstLine: UnsafeRawBufferPointer) {
    self.firstLine = firstLine
    outerBytes = firstLine
    outerObject = nil
    prefixTimestamp = nil
    joinedEnd = 0
    innerObject = nil
    innerRaw = nil
    innerRawTimestamp = nil
    innerRawLevel = nil
    wrapperMember = -1
    chosenMembers = SIMD8<Int32>(repeating: -1)
    textResolved = 0
  }

  /// A record that will not be scanned: only its text is known.
  @inline(__always)
  mutating func startUnparsed(_ text: UnsafeRawBufferPointer) {
    firstLine = text
    outerBytes = text
    outerObject = nil
    innerObject = nil
    innerRaw = nil
    textResolved = 0
  }
}
