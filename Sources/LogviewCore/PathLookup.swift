/// Finds a value by path inside a JSON object where each step may be a nested object or a flat
/// dotted key: ["a","b","c"] matches {"a.b.c":…}, {"a":{"b.c":…}}, {"a.b":{"c":…}}, {"a":{"b":{"c":…}}}.
enum PathLookup {
  static func find(_ components: ArraySlice<[UInt8]>, in object: JSONValue) -> JSONValue? {
    guard object.kind == .object, !components.isEmpty else { return nil }
    // Most paths are one plain key: no joined key to build.
    if components.count == 1 {
      return components[components.startIndex].withUnsafeBytes { object.member($0) }
    }
    // Longest flat key first, so a flat dotted key wins over a nested path.
    for length in stride(from: components.count, through: 1, by: -1) {
      let key = Array(components.prefix(length).joined(separator: [UInt8(ascii: ".")]))
      let found = key.withUnsafeBytes { object.member($0) }
      guard let value = found else { continue }
      if length == components.count { return value }
      if let deeper = find(components.dropFirst(length), in: value) { return deeper }
    }
    return nil
  }
}
