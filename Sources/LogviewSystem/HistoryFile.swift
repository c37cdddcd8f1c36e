/// One history of the explorer's prompts (filters, searches) kept across runs: a text file
/// in the state directory, one entry a line, oldest first, each entry once, at most `limit`.
/// Written whole through a temporary file and a rename, so a crash or a second logview
/// writing at the same time leaves one complete version.
public struct HistoryFile: Sendable {
  public static let limit = 500
  public let directory: String
  public let path: String

  public init(directory: String, name: String) {
    self.directory = directory
    path = directory + "/" + name
  }

  /// The entries, oldest first; empty when there is no file yet or it cannot be read.
  public func load() -> [String] {
    guard let bytes = FileContents.read(path, limit: 4 << 20) else { return [] }
    let lines = bytes.split(separator: UInt8(ascii: "\n")).map {
      String(decoding: $0, as: UTF8.self)
    }
    return Self.bounded(lines)
  }

  /// Adds `entry` as the newest (moving an earlier copy to the end) and writes the file,
  /// merged with what another logview may have written meanwhile.
  public func remember(_ entry: String) throws(FileWriteError) {
    guard Self.storable(entry) else { return }
    let entries = Self.bounded(load() + [entry])
    let code = UserPaths.makeDirectories(directory)
    guard code == 0 else { throw .cannotCreate(path: directory, errno: code) }
    var bytes: [UInt8] = []
    for entry in entries {
      bytes += entry.utf8
      bytes.append(UInt8(ascii: "\n"))
    }
    try OutputFile.replaceAtomically(path, with: bytes)
  }

  /// Each entry once, at its newest place, and only the newest `limit`.
  public static func bounded(_ entries: [String]) -> [String] {
    var seen = Set<String>()
    var newestFirst: [String] = []
    for entry in entries.reversed() where storable(entry) && seen.insert(entry).inserted {
      newestFirst.append(entry)
      if newestFirst.count == limit { break }
    }
    return newestFirst.reversed()
  }

  /// An entry fits on one line of the file.
  static func storable(_ entry: String) -> Bool {
    !entry.isEmpty && !entry.utf8.contains(UInt8(ascii: "\n"))
      && !entry.utf8.contains(UInt8(ascii: "\r"))
  }
}
