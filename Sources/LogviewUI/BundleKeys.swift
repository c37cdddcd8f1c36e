/// `b` in the request view: the save prompt, asking where to write the request's incident
/// bundle (Markdown, and its raw lines as NDJSON beside it), offering a name made of the ID.
extension Reducer {
  static func startBundle(_ correlation: CorrelationState, state: inout AppState) {
    guard !correlation.records.isEmpty else {
      state.notice = "no records to bundle"
      return
    }
    startSave(.correlation, state: &state)
    state.save.kind = .bundle
    state.save.editor.set("./incident-\(fileNamePart(correlation.requestId)).md")
  }

  /// The ID as part of a file name: letters, digits, `.`, `_` and `-` kept, anything else
  /// (a `/`, a space) as `_`, at most 64 characters.
  static func fileNamePart(_ id: String) -> String {
    let kept = id.unicodeScalars.prefix(64).map { scalar -> Character in
      let c = Character(scalar)
      let plain = scalar.isASCII && (c.isLetter || c.isNumber || "._-".contains(c))
      return plain ? c : "_"
    }
    let name = String(kept)
    return name.hasPrefix(".") ? "_" + name.dropFirst() : name
  }
}
