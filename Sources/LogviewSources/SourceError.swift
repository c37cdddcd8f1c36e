import Glibc

/// What can go wrong reading a source; `description` is the one place these are worded.
public enum SourceError: Error, Sendable, Equatable, CustomStringConvertible {
  case cannotOpen(path: String, errno: Int32)
  case isDirectory(path: String)
  case readFailed(path: String, errno: Int32)
  case corruptCompressed(path: String)
  case truncatedCompressed(path: String)
  /// A log store failed: the store client's wording, with the endpoint (`message`) and
  /// without it (`reason`, shown beside the source's name).
  case store(name: String, message: String, reason: String)

  public var description: String {
    switch self {
    case .cannotOpen(let path, _): "cannot open \(path): \(reason)"
    case .isDirectory(let path): "\(path) \(reason)"
    case .readFailed(let path, _), .corruptCompressed(let path), .truncatedCompressed(let path):
      "cannot read \(path): \(reason)"
    case .store(_, let message, _): message
    }
  }

  /// What went wrong, without the path (the explorer shows it beside the source's name).
  public var reason: String {
    switch self {
    case .cannotOpen(_, let code), .readFailed(_, let code): Self.reason(code)
    case .isDirectory: "is a directory, not a log file"
    case .corruptCompressed: "not valid gzip data (the records before the damage were read)"
    case .truncatedCompressed:
      "unexpected end of compressed data (the records before it were read)"
    case .store(_, _, let reason): reason
    }
  }

  static func reason(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text).lowercased()
  }
}
