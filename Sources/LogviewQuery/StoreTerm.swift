/// A top-level AND term of a filter in a form a log store can evaluate itself. Stores push
/// these down into their own query where the translation is exact and evaluate the whole
/// filter locally anyway, so what they push only narrows what comes back.
public enum StoreTerm: Sendable, Equatable, CustomStringConvertible {
  /// A bare word or quoted phrase: the raw record contains it (ASCII case ignored when
  /// `ignoringCase`, smart case having decided).
  case text(String, ignoringCase: Bool)
  /// `name=value` on a top-level field, compared as text.
  case fieldEquals(name: String, value: String)
  /// `name in (a, b)` on a top-level field, each value compared as text.
  case fieldIn(name: String, values: [String])

  public var description: String {
    switch self {
    case .text(let text, let ignoringCase): ignoringCase ? "text ~ \(text)" : "text = \(text)"
    case .fieldEquals(let name, let value): "\(name) = \(value)"
    case .fieldIn(let name, let values): "\(name) in (\(values.joined(separator: ", ")))"
    }
  }
}

extension Filter {
  /// The terms of the filter's top-level AND that a store may push down, and whether any
  /// other part remains (evaluated only locally).
  public var storeTerms: (terms: [StoreTerm], othersRemain: Bool) {
    var terms: [StoreTerm] = []
    var othersRemain = false
    let conjuncts: [FilterNode]
    if case .and(let children) = root { conjuncts = children } else { conjuncts = [root] }
    for node in conjuncts {
      if let term = Self.storeTerm(node) {
        terms.append(term)
      } else if case .constant(true) = node {
        continue
      } else {
        othersRemain = true
      }
    }
    return (terms, othersRemain)
  }

  private static func storeTerm(_ node: FilterNode) -> StoreTerm? {
    switch node {
    case .text(let search) where !search.needle.isEmpty:
      return .text(String(decoding: search.needle, as: UTF8.self), ignoringCase: search.ignoresCase)
    case .field(let path, .compare(.equal, let literal))
    where path.isSingleKey && literal.number == nil:
      return .fieldEquals(name: path.dotted, value: String(decoding: literal.bytes, as: UTF8.self))
    case .field(let path, .oneOf(let literals))
    where path.isSingleKey && !literals.isEmpty
      && literals.allSatisfy({ $0.number == nil }):
      return .fieldIn(
        name: path.dotted, values: literals.map { String(decoding: $0.bytes, as: UTF8.self) })
    default:
      return nil
    }
  }
}
