import Foundation

/// The repository's root and its Fixtures, for tests that read committed files.
public enum RepoRoot {
  public static let url: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  public static var path: String { url.path }

  /// A file under Fixtures/ by its relative path ("incident/inventory.log").
  public static func fixture(_ relative: String) -> String {
    url.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
  }
}
