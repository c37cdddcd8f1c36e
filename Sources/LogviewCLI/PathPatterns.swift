import Glibc
import LogviewRemote

/// File arguments that are glob patterns the shell did not expand (quoted, or from a
/// configuration): `logview -f 'logs/*.log'` reads every file matching, in name order.
enum PathPatterns {
  /// Each argument, or the files its pattern matches; an existing file named like a pattern
  /// is taken as it is. Throws when a pattern matches nothing.
  static func expand(_ paths: [String]) throws(LogviewError) -> [String] {
    var out: [String] = []
    for path in paths {
      guard path != "-", !StoreSources.names(path), isPattern(path), access(path, F_OK) != 0
      else {
        out.append(path)
        continue
      }
      let matches = self.matches(path)
      guard !matches.isEmpty else { throw .noMatch(pattern: path) }
      out += matches
    }
    return out
  }

  static func isPattern(_ path: String) -> Bool {
    path.contains { $0 == "*" || $0 == "?" || $0 == "[" }
  }

  static func matches(_ pattern: String) -> [String] {
    var found = glob_t()
    defer { globfree(&found) }
    guard glob(pattern, 0, nil, &found) == 0 else { return [] }
    return (0..<Int(found.gl_pathc)).compactMap { i in
      found.gl_pathv[i].map { String(cString: $0) }
    }
  }
}
