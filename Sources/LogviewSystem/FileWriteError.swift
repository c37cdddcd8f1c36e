import Glibc

/// What can go wrong writing a file of the user's (a saved view, a history file);
/// `description` is the one place these are worded. Paths are shown as the user typed them.
public enum FileWriteError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file is there and replacing it was not asked for.
  case exists(path: String)
  case cannotCreate(path: String, errno: Int32)
  case writeFailed(path: String, errno: Int32)

  public var description: String {
    switch self {
    case .exists(let path): "\(path) exists"
    case .cannotCreate(let path, let code): "cannot write \(path): \(Self.reason(code))"
    case .writeFailed(let path, let code): "writing \(path) failed: \(Self.reason(code))"
    }
  }

  static func reason(_ code: Int32) -> String {
    switch code {
    case ENOENT: return "no such directory"
    case EISDIR: return "is a directory"
    default:
      guard let text = strerror(code) else { return "error \(code)" }
      return String(cString: text).lowercased()
    }
  }
}
