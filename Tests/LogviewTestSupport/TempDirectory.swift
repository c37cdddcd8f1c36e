import Foundation

/// A scratch directory, removed with everything in it when the value goes away.
public final class TempDirectory {
  public let path: String

  public init(_ prefix: String = "logview-test") {
    var template = Array("\(NSTemporaryDirectory())/\(prefix)-XXXXXX".utf8CString)
    path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  public func file(_ name: String) -> String { path + "/" + name }
}
