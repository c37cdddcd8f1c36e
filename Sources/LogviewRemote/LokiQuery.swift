import LogviewQuery

/// The LogQL sent for a filter: the stream selector (given, or made of the filter's terms on
/// Loki labels) and line filters for its words. Only top-level AND terms whose translation is
/// exact go to Loki; logview evaluates the whole filter on what comes back anyway.
struct LokiQuery: Sendable, Equatable {
  let selector: String
  let lineFilters: [String]
  /// The filter's terms Loki evaluates (as matchers or line filters).
  let pushed: [StoreTerm]
  /// Some of the filter stays with logview alone.
  let othersLocal: Bool

  var logQL: String { ([selector] + lineFilters).joined(separator: " ") }

  /// The query for one stream among those the selector selects: its labels added as
  /// equality matchers.
  func narrowed(to labels: [(name: String, value: String)]) -> String {
    let matchers = labels.map { $0.name + "=" + Self.quoted($0.value) }
    return ([Self.adding(matchers, to: selector)] + lineFilters).joined(separator: " ")
  }

  /// `{a="b"}` + [`c="d"`] -> `{a="b", c="d"}`.
  static func adding(_ matchers: [String], to selector: String) -> String {
    guard !matchers.isEmpty, selector.hasSuffix("}") else { return selector }
    var inside = selector.dropLast()
    while inside.last == " " { inside = inside.dropLast() }
    return inside + (inside.hasSuffix("{") ? "" : ", ") + matchers.joined(separator: ", ") + "}"
  }

  /// `labels` is asked only when the filter has `name=value` terms or no selector is given.
  static func build(
    selector given: String?, filter: (terms: [StoreTerm], othersRemain: Bool),
    labels: () throws(StoreError) -> [String], endpoint: String
  ) throws(StoreError) -> LokiQuery {
    var matchers: [String] = []
    var lineFilters: [String] = []
    var pushed: [StoreTerm] = []
    var othersLocal = filter.othersRemain
    let needsLabels =
      given == nil
      || filter.terms.contains {
        if case .text = $0 { return false } else { return true }
      }
    let known = needsLabels ? Set(try labels()) : []
    for term in filter.terms {
      switch term {
      case .text(let text, let ignoringCase):
        lineFilters.append(
          ignoringCase ? "|~ " + quoted("(?i)" + regexEscaped(text)) : "|= " + quoted(text))
        pushed.append(term)
      case .fieldEquals(let name, let value) where known.contains(name) && isLabelName(name):
        matchers.append(name + "=" + quoted(value))
        pushed.append(term)
      case .fieldIn(let name, let values) where known.contains(name) && isLabelName(name):
        // Loki's matchers are anchored: the alternation is exactly these values.
        matchers.append(
          name + "=~" + quoted(values.map { regexEscaped($0) }.joined(separator: "|")))
        pushed.append(term)
      case .fieldEquals, .fieldIn:
        othersLocal = true
      }
    }
    let selector: String
    if let given {
      selector = adding(matchers, to: given)
    } else if !matchers.isEmpty {
      selector = "{" + matchers.joined(separator: ", ") + "}"
    } else {
      throw .noSelector(endpoint: endpoint, labels: known.sorted())
    }
    return LokiQuery(
      selector: selector, lineFilters: lineFilters, pushed: pushed, othersLocal: othersLocal)
  }

  /// Prometheus label names: letters, digits and underscores, not starting with a digit.
  static func isLabelName(_ name: String) -> Bool {
    guard let first = name.utf8.first, !(0x30...0x39).contains(first) else { return false }
    return name.utf8.allSatisfy {
      $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0)
        || (0x61...0x7A).contains($0)
    }
  }

  /// A LogQL double-quoted string. By scalar: a quote followed by a combining mark is one
  /// Character (so is "\r\n"), which matched no case and went out unescaped.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// `text` matched literally by RE2 (by scalar, as `quoted`).
  static func regexEscaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if "\\.+*?()|[]{}^$".unicodeScalars.contains(scalar) { out.unicodeScalars.append("\\") }
      out.unicodeScalars.append(scalar)
    }
    return out
  }
}
