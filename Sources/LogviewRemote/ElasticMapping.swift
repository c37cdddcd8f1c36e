import LogviewCore

/// The field types of the indices a source reads (`GET /INDEX/_mapping`), flattened to
/// dotted names, multi-fields included (`message.keyword`). A field typed differently in two
/// indices is `conflicting`: nothing is pushed down on it.
struct ElasticMapping: Sendable, Equatable {
  struct Field: Sendable, Equatable {
    var type: String
    /// Longer keyword values are not indexed (a term query cannot find them).
    var ignoreAbove: Int?
    /// The keyword multi-field of a text field, e.g. "keyword" for `message.keyword`.
    var keywordSubfield: String?
  }

  static let conflicting = "conflicting"
  private(set) var fields: [String: Field] = [:]

  init(fields: [String: Field] = [:]) { self.fields = fields }

  subscript(name: String) -> Field? { fields[name] }

  /// The field that orders records and bounds the window: `preferred` (the address's
  /// `?time=`) when given, else the first of the usual names typed as a date.
  func timeField(preferred: String?) -> String? {
    if let preferred { return preferred }
    return ["@timestamp", "timestamp", "time", "ts", "date", "datetime"].first {
      Self.dateTypes.contains(fields[$0]?.type ?? "")
    }
  }

  static let dateTypes: Set<String> = ["date", "date_nanos"]

  static func parse(_ body: [UInt8], endpoint: String) throws(StoreError) -> ElasticMapping {
    var mapping = ElasticMapping()
    let parsed: Bool = body.withUnsafeBytes { raw in
      guard let root = ElasticPage.object(raw) else { return false }
      root.forEachMember { _, index in
        if let properties = index.member("mappings")?.member("properties") {
          mapping.add(properties, prefix: "")
        }
        return true
      }
      return true
    }
    guard parsed else { throw .malformed(endpoint: endpoint, what: "not a _mapping answer") }
    return mapping
  }

  private mutating func add(_ properties: JSONValue, prefix: String) {
    properties.forEachMember { key, definition in
      let name = prefix + key.decodedString()
      if let nested = definition.member("properties"), nested.kind == .object {
        add(nested, prefix: name + ".")
      }
      guard let type = definition.member("type")?.decodedString() else { return true }
      var field = Field(type: type, ignoreAbove: Self.ignoreAbove(definition))
      definition.member("fields")?.forEachMember { sub, subDefinition in
        let subName = sub.decodedString()
        let subType = subDefinition.member("type")?.decodedString() ?? ""
        merge(
          name + "." + subName,
          Field(type: subType, ignoreAbove: Self.ignoreAbove(subDefinition)))
        if subType == "keyword", field.keywordSubfield == nil { field.keywordSubfield = subName }
        return true
      }
      merge(name, field)
      return true
    }
  }

  private mutating func merge(_ name: String, _ field: Field) {
    if let known = fields[name], known != field {
      fields[name] = Field(type: Self.conflicting)
    } else {
      fields[name] = field
    }
  }

  private static func ignoreAbove(_ definition: JSONValue) -> Int? {
    definition.member("ignore_above")?.int64().map { Int($0) }
  }
}
