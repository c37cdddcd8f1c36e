extension RecordView {
  /// The key of the top-level member a normalized field was read from (`requestId`, `reqId`,
  /// `msg` ...): the logging lint compares them across services. Nil when the record has no
  /// such field, or it came from a nested path, a line's prefix or its text.
  public func key(of field: NormalizedKey) -> JSONValue? {
    guard isJSON else { return nil }
    switch field {
    case .message: _ = withText(of: .message) { _ in () }
    case .requestId: _ = withText(of: .requestId) { _ in () }
    case .service: _ = withText(of: .service) { _ in () }
    case .timestamp, .level: break
    }
    let index = Int(normalizer.current.chosenMembers[Normalizer.index(field)])
    let inner = normalizer.current.innerObject != nil
    let buffer = inner ? normalizer.innerText.bytes : normalizer.current.outerBytes
    let members = inner ? normalizer.innerScanner.members : normalizer.outerScanner.members
    guard index >= 0, index < members.count else { return nil }
    return members[index].key(in: buffer)
  }
}
