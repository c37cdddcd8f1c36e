import LogviewCore

/// A user-defined text format: a regular expression whose named groups become the fields of
/// the lines it matches. `time`, `level`, `message`, `request` and `service` feed the
/// normalized fields (`request` is written as `requestId`); any other name is a field of its
/// own. Matched with PCRE2 under the filter's limits: a line it gives up on is not read by it.
public final class TextFormat: LineFormat {
  private let regex: CompiledRegex
  /// Per group number (index), the field name it writes, or nil for unnamed groups.
  private let names: [[UInt8]?]

  /// Throws the reason when the pattern does not compile or has no named group.
  public init(pattern: String) throws(RegexSyntaxError) {
    regex = try CompiledRegex(pattern, options: 0)
    let groups = regex.namedGroups
    guard !groups.isEmpty else {
      throw RegexSyntaxError(
        reason: "no named group: name the fields, as in (?<level>[A-Z]+) (?<message>.*)")
    }
    var names = [[UInt8]?](repeating: nil, count: (groups.map(\.number).max() ?? 0) + 1)
    for group in groups {
      names[group.number] = Array((group.name == "request" ? "requestId" : group.name).utf8)
    }
    self.names = names
  }

  public func read(
    _ line: UnsafeRawBufferPointer,
    _ field: (_ name: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) -> Void
  ) -> Bool {
    guard let captures = regex.captures(line) else { return false }
    for (number, name) in names.enumerated() {
      guard let name, number < captures.count, let range = captures[number] else { continue }
      name.withUnsafeBytes { field($0, UnsafeRawBufferPointer(rebasing: line[range])) }
    }
    return true
  }
}
