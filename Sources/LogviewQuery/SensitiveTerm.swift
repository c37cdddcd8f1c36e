import LogviewCore

/// The filter terms `has:secret` and `has:pii` (also `has=…`; `has!=…` negates): records in
/// which `SensitiveScan` finds a secret or personal data. `has` is taken by them, as `since`
/// and `until` are by time bounds: a field of that name is reached as `exists(has)` only.
extension FilterCompiler {
  func sensitiveTerm(_ c: QueryComparison) throws(QueryError) -> FilterNode? {
    guard c.name == "has" else { return nil }
    guard c.op == .equal || c.op == .notEqual else {
      throw QueryError(
        column: c.opColumn,
        message: "'\(c.opSpelling)' does not apply to has (use has:secret or has:pii)")
    }
    guard let groups = SensitiveGroups(name: c.value.text.lowercased()) else {
      throw QueryError(
        column: c.value.column,
        message: "unknown finding '\(c.value.text)' after has: (secret or pii)")
    }
    return c.op == .notEqual ? .not(.sensitive(groups)) : .sensitive(groups)
  }
}

extension SensitiveScan {
  /// Whether `bytes` holds a finding of one of `groups` (the filter's test per record).
  static func holds(_ groups: SensitiveGroups, in bytes: UnsafeRawBufferPointer) -> Bool {
    var scan = SensitiveScan(bytes, looksFor: groups)
    return scan.next() != nil
  }
}
