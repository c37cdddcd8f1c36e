import LogviewCore

/// `pattern=ID`: records of one message pattern (`MessagePattern`), as the patterns report
/// and the explorer's patterns pane name them. The ID is the hash of the pattern's skeleton,
/// so a record is decided from its own message: no mining first, and the same ID selects
/// the same records in every run. The value may also be a template or a message as text
/// (`pattern="payment declined for <id>"`): its pattern is meant. Eight hexadecimal digits
/// are an ID.
extension FilterCompiler {
  static let patternName = "pattern"

  func compilePattern(_ c: QueryComparison) throws(QueryError) -> FilterNode {
    guard c.op == .equal || c.op == .notEqual else {
      throw QueryError(
        column: c.opColumn,
        message: "'\(c.opSpelling)' does not apply to pattern (use =, != or in)")
    }
    let node = FilterNode.pattern(Self.patternID(c.value))
    return c.op == .equal ? node : .not(node)
  }

  func compilePatternList(_ values: [QueryLiteral]) -> FilterNode {
    let nodes = values.map { FilterNode.pattern(Self.patternID($0)) }
    return nodes.count == 1 ? nodes[0] : .or(nodes)
  }

  /// A bare 8-digit hexadecimal value is an ID; anything else is a template or message.
  static func patternID(_ value: QueryLiteral) -> UInt32 {
    if value.form == .bare, let id = MessagePattern.parseID(value.text) { return id }
    return MessagePattern.id(ofTemplate: value.text)
  }
}

extension FilterNode {
  /// The pattern of the record's message; allocates the folded message (a filter naming a
  /// pattern is rare, and the fold is the cost anyway).
  static func patternMatches(_ id: UInt32, _ record: RecordView) -> Bool {
    var folded: [UInt8] = []
    return MessagePattern.id(of: record, folded: &folded) == id
  }
}
