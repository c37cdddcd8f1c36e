import LogviewCore

/// One service's message templates, for the `variable-messages` rule's detail: the distinct
/// messages seen (by hash, each folded once) and the templates they fold into, with their
/// record counts and values. Both are bounded; past the bounds records are still counted by
/// the rule, only the detail stops growing.
struct TemplateTally: Sendable {
  struct Template: Sendable {
    var text: [UInt8]
    var values: Int
    var tally = LintTally()
  }

  static let maxMessages = 1 << 16
  static let maxTemplates = 1 << 12
  static let dropped: Int32 = -1
  static let droppedWithValues: Int32 = -2

  /// A distinct message's hash -> its template's index (past `maxTemplates`: `dropped`, or
  /// `droppedWithValues` when values were folded out of it).
  private(set) var messages: [UInt64: Int32] = [:]
  /// More distinct messages came than `messages` holds.
  private(set) var messagesCapped = false
  private var index: [UInt64: Int32] = [:]
  private(set) var templates: [Template] = []

  /// The template of a message seen before (its index, -1 when not kept), or nil.
  @inline(__always)
  func known(_ hash: UInt64) -> Int32? { messages[hash] }

  /// A message folded for the first time: its template found or added.
  mutating func add(message: UInt64, template: UnsafeRawBufferPointer, values: Int) -> Int32 {
    let key = FNV1a.hash(template)
    var at = index[key]
    if at == nil, templates.count < Self.maxTemplates {
      at = Int32(templates.count)
      index[key] = at
      templates.append(Template(text: Array(template), values: values))
    }
    let found = at ?? (values > 0 ? Self.droppedWithValues : Self.dropped)
    if messages.count < Self.maxMessages {
      messages[message] = found
    } else {
      messagesCapped = true
    }
    return found
  }

  /// Whether values were folded out of a template's messages.
  @inline(__always)
  func hasValues(_ template: Int32) -> Bool {
    template >= 0 ? templates[Int(template)].values > 0 : template == Self.droppedWithValues
  }

  @inline(__always)
  mutating func count(_ template: Int32, _ source: [UInt8], _ line: Int) {
    guard template >= 0 else { return }
    templates[Int(template)].tally.add(source, line)
  }

  /// Adds a later piece's templates and messages.
  mutating func merge(_ other: TemplateTally) {
    var mapped = [Int32](repeating: -1, count: other.templates.count)
    for (i, template) in other.templates.enumerated() {
      let key = template.text.withUnsafeBytes { FNV1a.hash($0) }
      var at = index[key]
      if at == nil, templates.count < Self.maxTemplates {
        at = Int32(templates.count)
        index[key] = at
        templates.append(Template(text: template.text, values: template.values))
      }
      guard let at else { continue }
      mapped[i] = at
      templates[Int(at)].tally.merge(template.tally)
    }
    messagesCapped = messagesCapped || other.messagesCapped
    for (hash, template) in other.messages where messages[hash] == nil {
      guard messages.count < Self.maxMessages else {
        messagesCapped = true
        break
      }
      guard template >= 0 else {
        messages[hash] = template
        continue
      }
      let at = mapped[Int(template)]
      let values = other.templates[Int(template)].values
      messages[hash] = at >= 0 ? at : values > 0 ? Self.droppedWithValues : Self.dropped
    }
  }
}
