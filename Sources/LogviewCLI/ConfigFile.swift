import LogviewCore

/// The configuration file: "name = value" lines, '#' comments. Values are kept as text and
/// validated by RunSettings exactly like the matching command-line options. `format` may be
/// repeated, and its value is the rest of the line as written ('#' included: it is a pattern).
struct ConfigFile: Equatable {
  /// A `format = REGEX` line: a user-defined text format.
  struct Format: Equatable {
    var pattern: String
    var line: Int
  }

  var values: [String: String] = [:]
  /// Line number of each name, for error messages.
  var lines: [String: Int] = [:]
  var formats: [Format] = []
  /// Where it was read from, for error messages.
  var path = ""

  static let names: Set<String> = [
    "tz", "color", "output", "max-memory", "keep-last", "timestamp-keys", "level-keys",
    "message-keys",
    "request-keys",
    "service-keys", "format", "wrap", "hide-fields", "redact",
  ]

  static func parse(_ text: String, path: String) throws(LogviewError) -> ConfigFile {
    var config = ConfigFile()
    config.path = path
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
      if name == "format", let raw = rawLine.firstIndex(of: "=") {
        let pattern = String(rawLine[rawLine.index(after: raw)...]).trimmingWhitespace()
        config.formats.append(Format(pattern: pattern, line: index + 1))
        continue
      }
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
