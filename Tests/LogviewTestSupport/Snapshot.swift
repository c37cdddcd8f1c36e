import Foundation
import Testing

/// Committed expectations (render snapshots, golden output) compared with what a test
/// produced. One switch re-records them all: RECORD_SNAPSHOTS=1 swift test. A test that
/// records fails, so a recording run can never pass for a green one: review the diff, then
/// run again without the switch.
public enum Snapshot {
  public static var recording: Bool {
    ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  }

  /// Compares `actual` with the file at `relativePath` (from the repository root).
  public static func expect(
    _ actual: String, matches relativePath: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let file = RepoRoot.url.appendingPathComponent(relativePath)
    if recording {
      do {
        try FileManager.default.createDirectory(
          at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: file, atomically: true, encoding: .utf8)
        Issue.record(
          "recorded \(relativePath); review the diff and run again without RECORD_SNAPSHOTS",
          sourceLocation: sourceLocation)
      } catch {
        Issue.record("cannot record \(relativePath): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
      Issue.record(
        "no snapshot \(relativePath): record it with RECORD_SNAPSHOTS=1",
        sourceLocation: sourceLocation)
      return
    }
    #expect(
      actual == expected,
      "\(relativePath) differs: \(firstDifference(actual, expected)); RECORD_SNAPSHOTS=1 re-records it",
      sourceLocation: sourceLocation)
  }

  /// "line N: got ... want ..." for the first line that differs.
  static func firstDifference(_ actual: String, _ expected: String) -> String {
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, e.count) {
      let got = i < a.count ? String(a[i]) : "(nothing)"
      let want = i < e.count ? String(e[i]) : "(nothing)"
      if got != want { return "line \(i + 1): got \"\(got)\", want \"\(want)\"" }
    }
    return "same lines"
  }
}
