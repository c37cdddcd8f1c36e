import Glibc
import LogviewCore
import LogviewSystem

/// Where a bundle goes: the Markdown at the path given, the NDJSON beside it (a `.md` ending
/// replaced by `.ndjson`, else `.ndjson` added). Each file is written whole to a temporary
/// file and renamed over its name, so nobody ever reads half of one.
public struct BundleFiles: Sendable, Equatable {
  public let markdownPath: String
  public let ndjsonPath: String
  /// The paths as the user typed them (`~` unexpanded), for messages.
  public let shownMarkdown: String
  public let shownNDJSON: String

  public init(path: String, shownPath: String? = nil) {
    markdownPath = path
    ndjsonPath = Self.ndjsonPath(for: path)
    shownMarkdown = shownPath ?? path
    shownNDJSON = Self.ndjsonPath(for: shownPath ?? path)
  }

  static func ndjsonPath(for path: String) -> String {
    let base = path.hasSuffix(".md") ? String(path.dropLast(3)) : path
    return base + ".ndjson"
  }

  /// The NDJSON file's name without its directory, as the Markdown names it.
  var ndjsonName: String {
    shownNDJSON.split(separator: "/").last.map(String.init) ?? shownNDJSON
  }

  /// The shown path of a file already there, if either is.
  public func existing() -> String? {
    if access(markdownPath, F_OK) == 0 { return shownMarkdown }
    if access(ndjsonPath, F_OK) == 0 { return shownNDJSON }
    return nil
  }

  /// The first of `inputs` that writing would replace (the NDJSON of `--bundle app.md`
  /// is `app.ndjson`, maybe the log read), compared by device and inode.
  public func replaces(anyOf inputs: [String]) -> String? {
    let targets = [markdownPath, ndjsonPath].compactMap(Self.fileID)
    guard !targets.isEmpty else { return nil }
    return inputs.first { input in
      Self.fileID(input).map { id in targets.contains { $0 == id } } ?? false
    }
  }

  private static func fileID(_ path: String) -> (dev_t, ino_t)? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return (info.st_dev, info.st_ino)
  }

  /// Writes the Markdown (times in `zone`), then the NDJSON; returns the bytes written.
  /// Without `replace` a file already at either path is `.exists`, and nothing is written.
  @discardableResult
  public func write(_ bundle: IncidentBundle, zone: TimeZoneRule, replace: Bool)
    throws(FileWriteError) -> Int
  {
    if !replace, let shown = existing() { throw .exists(path: shown) }
    let markdown = BundleMarkdown(bundle, zone: zone, ndjsonName: ndjsonName).render()
    let ndjson = bundle.ndjson()
    try OutputFile.replaceAtomically(
      markdownPath, with: markdown, shownPath: shownMarkdown, mode: 0o644)
    try OutputFile.replaceAtomically(ndjsonPath, with: ndjson, shownPath: shownNDJSON, mode: 0o644)
    return markdown.count + ndjson.count
  }

  /// What the command line and the explorer say once both files are written.
  public func writtenNote(records: Int) -> String {
    "bundle written: \(shownMarkdown) (\(records) record\(records == 1 ? "" : "s"); "
      + "raw lines as NDJSON in \(shownNDJSON))"
  }
}
