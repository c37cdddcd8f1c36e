/// Finds a value by path inside a JSON object where each step may be a nested object or a flat
/// dotted key: ["a","b","c"] matches {"a.b.c":…}, {"a":{"b.c":…}}, {"a.b":{"c":…}}, {"a":{"b":{"c":…}}}.
enum PathLookup {
  static func find(_ components: ArraySlice<[UInt8]>, in object: JSONValue) -> JSONValue? {
    guard object.kind == .object else { return nil }
    return find(components) { object.member($0) }
  }

  /// The same, starting from an object whose members `member` looks up (a record's top level,
  /// whose members its scan already recorded).
  static func find(
    _ components: ArraySlice<[UInt8]>, member: (UnsafeRawBufferPointer) -> JSONValue?
  ) -> JSONValue? {
    guard !components.isEmpty else { return nil }
    // Most paths are one plain key: no joined key to build.
    if components.count == 1 {
      return components[components.startIndex].withUnsafeBytes(member)
    }
    // Longest flat key first, so a flat dotted key wins over a nested path.
    for length in stride(from: components.count, through: 1, by: -1) {
      let key = Array(components.prefix(length).joined(separator: [UInt8(ascii: ".")]))
      guard let value = key.withUnsafeBytes(member) else { continue }
      if length == components.count { return value }
      if let deeper = find(components.dropFirst(length), in: value) { return deeper }
    }
    return nil
  }
}
