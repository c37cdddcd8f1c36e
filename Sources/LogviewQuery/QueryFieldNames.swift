/// The record fields a filter names, for the explorer's hint about a field no record has.
extension Query {
  /// Paths the filter looks up in records (comparisons, `exists`, `in`), in written order,
  /// each once; the normalized names (`level`, `ts`, `msg`, `rid`, `service`...) are not
  /// fields of the record and are left out.
  public var fieldPaths: [String] {
    var names: [String] = []
    Self.collect(root, into: &names)
    return names
  }

  private static func collect(_ node: QueryNode, into names: inout [String]) {
    func add(_ name: String) {
      if case .path = FilterCompiler.Target(name), !names.contains(name) { names.append(name) }
    }
    switch node {
    case .all, .text, .regex: break
    case .comparison(let comparison): add(comparison.name)
    case .exists(let name, _), .oneOf(let name, _, _): add(name)
    case .not(let inner): collect(inner, into: &names)
    case .and(let children), .or(let children):
      for child in children { collect(child, into: &names) }
    }
  }
}
