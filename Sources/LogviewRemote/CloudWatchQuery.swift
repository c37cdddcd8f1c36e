import LogviewQuery

/// The filter pattern sent with FilterLogEvents. CloudWatch matches it against each event's
/// message; logview then checks the whole filter on every record that comes back, so what
/// is pushed may keep more events than the filter does, never fewer. Hence:
///
/// - A CloudWatch term ("ERROR", or a quoted phrase) matches CloudWatch's own terms, not any
///   substring: its documentation shows "ERROR" finding "ERRORCODE" but needs a regular
///   expression to find "AUTHORIZED" in "UNAUTHORIZED". A logview word matches any substring
///   of the record, so it goes as a regular expression `%...%` (case ignored through `[xX]`
///   classes), and only when each of its characters is one such a regex takes literally:
///   letters, digits, `:_#=@/;,-` and `.` (escaped). No spaces, quotes or other bytes.
/// - A pattern holds one regex (a regex pattern cannot be combined with others): the
///   request ID, else the longest candidate.
/// - A record also holds what logview adds to the message (observedTimeUnixNano,
///   logStreamName, eventId, logGroupName), which CloudWatch does not search: a word that
///   may be found only there stays local (digits alone, part of a member name or of the
///   group's name). A word found only in an event's stream name is the one case left: that
///   event is not sent (filter on logStreamName, or give ?stream=, to select streams).
/// - `name=value`: a JSON pattern `{ $.name = "value" }` is not sent. CloudWatch would drop
///   every event whose message it does not parse as the JSON object logview reads: text
///   messages logview reads as fields (Docker and journald envelopes with their inner line),
///   NaN, raw control characters, booleans and numbers that logview compares as text. The
///   value itself is in the message, though, unescaped for the characters above (a JSON
///   writer escapes none of them; `/` is left out, as PHP writes `\/`): it is a candidate
///   for the regex. Not for the metadata fields, which are not in the message.
struct CloudWatchQuery: Sendable, Equatable {
  /// Nil: every event in the window.
  let filterPattern: String?
  let pushed: [StoreTerm]
  let othersLocal: Bool

  /// Members logview adds to every record (StoreRecord's time key included).
  static let metadataNames = [
    StoreRecord.timeKey, "logStreamName", "eventId", "logGroupName", "message",
  ]
  /// Longer needles make a pattern over CloudWatch's 1,024 characters.
  static let longestNeedle = 200

  static func build(
    filter: (terms: [StoreTerm], othersRemain: Bool), requestId: String?, group: String
  ) -> CloudWatchQuery {
    var terms = filter.terms
    // A record of the request holds its ID verbatim, as the local match assumes too.
    let request = requestId.map { StoreTerm.text($0, ignoringCase: false) }
    if let request { terms.insert(request, at: 0) }
    let candidates = terms.filter { regex(for: $0, group: group) != nil }
    let chosen =
      candidates.first { $0 == request }
      ?? candidates.max { needle($0).count < needle($1).count }
    guard let chosen, let pattern = regex(for: chosen, group: group) else {
      return CloudWatchQuery(
        filterPattern: nil, pushed: [], othersLocal: !terms.isEmpty || filter.othersRemain)
    }
    // A value goes as a word: CloudWatch finds it anywhere, the field is logview's to check.
    let isWord = if case .text = chosen { true } else { false }
    return CloudWatchQuery(
      filterPattern: "%" + pattern + "%",
      pushed: [isWord ? chosen : .text(needle(chosen), ignoringCase: false)],
      othersLocal: terms.count > 1 || filter.othersRemain || !isWord)
  }

  private static func needle(_ term: StoreTerm) -> String {
    switch term {
    case .text(let text, _): text
    case .fieldEquals(_, let value): value
    case .fieldIn: ""
    }
  }

  /// The regex (without its `%`s) that finds every event whose record the term can match;
  /// nil when there is none.
  static func regex(for term: StoreTerm, group: String) -> String? {
    switch term {
    case .text(let text, let ignoringCase):
      let folded = { (s: String) in ignoringCase ? s.lowercased() : s }
      let needle = folded(text)
      guard !text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
        !(metadataNames + [group]).contains(where: { folded($0).contains(needle) })
      else { return nil }
      return literal(text, ignoringCase: ignoringCase, allowing: "/")
    case .fieldEquals(let name, let value):
      guard !metadataNames.contains(name) else { return nil }
      return literal(value, ignoringCase: false, allowing: "")
    case .fieldIn:
      // One regex is sent; an alternation of values is left to logview.
      return nil
    }
  }

  /// `text` as a CloudWatch regex that matches it literally; nil for text too short, too
  /// long or with a character outside letters, digits, `:_#=@;,-.` and `extra`.
  static func literal(_ text: String, ignoringCase: Bool, allowing extra: String) -> String? {
    guard text.utf8.count >= 3, text.utf8.count <= longestNeedle else { return nil }
    var out = ""
    for scalar in text.unicodeScalars {
      guard scalar.isASCII else { return nil }
      let character = Character(scalar)
      if character.isLetter {
        out +=
          ignoringCase ? "[\(character.lowercased())\(character.uppercased())]" : String(character)
      } else if character.isNumber || ":_#=@;,-".contains(character) || extra.contains(character) {
        out.append(character)
      } else if character == "." {
        out += "\\."
      } else {
        return nil
      }
    }
    return out
  }
}
