import LogviewCore

/// The configuration file: "name = value" lines, '#' comments. Values are kept as text and
/// validated by RunSettings exactly like the matching command-line options.
struct ConfigFile: Equatable {
  var values: [String: String] = [:]
  /// Line number of each name, for error messages.
  var lines: [String: Int] = [:]

  static let names: Set<String> = [
    "tz", "color", "output", "max-memory", "keep-last", "timestamp-keys", "level-keys",
    "message-keys",
    "request-keys",
    "service-keys",
  ]

  static func parse(_ text: String, path: String) throws(LogviewError) -> ConfigFile {
    var config = ConfigFile()
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let line =
        rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        .first.map(String.init) ?? ""
      let trimmed = line.trimmingWhitespace()
      if trimmed.isEmpty { continue }
      guard let equals = trimmed.firstIndex(of: "=") else {
        throw .badConfig(path: path, line: index + 1, problem: "expected 'name = value'")
      }
      let name = String(trimmed[..<equals]).trimmingWhitespace()
      let value = String(trimmed[trimmed.index(after: equals)...]).trimmingWhitespace()
      guard names.contains(name) else {
        let known = names.sorted().joined(separator: ", ")
        throw .badConfig(
          path: path, line: index + 1, problem: "unknown name '\(name)' (known: \(known))")
      }
      config.values[name] = value
      config.lines[name] = index + 1
    }
    return config
  }
}
