import Foundation

/// A log writer that rotates its file every way logrotate and friends do, while writing
/// fast: rename and create, copy and truncate, delete and create again, in turn. Each line
/// is `{"n":N}` with N counting from 1, so a follower's output can be checked for lines lost
/// or repeated.
public final class RotatingWriter {
  public enum Rotation: CaseIterable, Sendable {
    case renameAndCreate, copyTruncate, deleteAndCreate
  }

  public let path: String
  private var fd: Int32 = -1
  private var written = 0
  private var rotations = 0

  public init(path: String) {
    self.path = path
    reopen()
  }

  deinit { if fd >= 0 { close(fd) } }

  public static func line(_ n: Int) -> String { #"{"n":\#(n)}"# }

  /// Lines 1...n, one per line, as a follower should print them.
  public static func expected(_ n: Int) -> [String] { (1...n).map(line) }

  public var linesWritten: Int { written }

  /// Writes `count` lines at about `perSecond` lines a second (in bursts of 50).
  public func write(_ count: Int, perSecond: Int) {
    var left = count
    while left > 0 {
      let burst = min(50, left)
      var text = ""
      for _ in 0..<burst {
        written += 1
        text += Self.line(written) + "\n"
      }
      let bytes = Array(text.utf8)
      _ = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
      left -= burst
      usleep(useconds_t(1_000_000 * burst / max(1, perSecond)))
    }
  }

  /// Rotates the file. A copy-truncate takes as long as a copy does; the truncation comes
  /// `settle` seconds after the last line (a real copy of a large file takes that long).
  public func rotate(_ rotation: Rotation, settle: Double = 0.02) {
    rotations += 1
    let old = "\(path).\(rotations)"
    switch rotation {
    case .renameAndCreate:
      rename(path, old)
      reopen()
    case .copyTruncate:
      try? FileManager.default.copyItem(atPath: path, toPath: old)
      Thread.sleep(forTimeInterval: settle)
      truncate(path, 0)
    case .deleteAndCreate:
      unlink(path)
      reopen()
    }
  }

  /// The stress both followers are put through: `rotations` rotations of every kind in turn,
  /// each followed by `linesPerPhase` lines at 20,000 lines a second. Returns the lines
  /// written in all.
  ///
  /// `readUpTo(n)` waits until the follower has read the first n lines; it is called before
  /// each copy-truncate. Lines a follower has not read when the file is truncated are gone
  /// from it (in the copy only), for every follower (tail -F too); a real copy of a large file
  /// gives it the time to read them, which a loaded test machine may not.
  public func rotateAndWrite(
    rotations: Int = 16, linesPerPhase: Int = 250, readUpTo: (Int) -> Void = { _ in }
  ) -> Int {
    for phase in 0..<rotations {
      let rotation = Rotation.allCases[phase % Rotation.allCases.count]
      if rotation == .copyTruncate { readUpTo(written) }
      rotate(rotation)
      write(linesPerPhase, perSecond: 20_000)
    }
    return written
  }

  /// What went missing or came twice in a follower's `lines`, for a failure message.
  public static func difference(_ lines: [String], _ total: Int) -> String {
    let expected = Self.expected(total)
    let missing = Set(expected).subtracting(lines).count
    let repeated = lines.count - Set(lines).count
    return "\(lines.count) lines for \(total): \(missing) missing, \(repeated) repeated"
  }

  private func reopen() {
    if fd >= 0 { close(fd) }
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
  }
}
