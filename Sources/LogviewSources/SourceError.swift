import Glibc

/// What can go wrong reading a source; `description` is the one place these are worded.
public enum SourceError: Error, Sendable, Equatable, CustomStringConvertible {
  case cannotOpen(path: String, errno: Int32)
  case isDirectory(path: String)
  case readFailed(path: String, errno: Int32)
  case corruptCompressed(path: String)

  public var description: String {
    switch self {
    case .cannotOpen(let path, let code):
      "cannot open \(path): \(Self.reason(code))"
    case .isDirectory(let path):
      "\(path) is a directory, not a log file"
    case .readFailed(let path, let code):
      "cannot read \(path): \(Self.reason(code))"
    case .corruptCompressed(let path):
      "cannot read \(path): not valid gzip data (the records before the damage were read)"
    }
  }

  static func reason(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text).lowercased()
  }
}
