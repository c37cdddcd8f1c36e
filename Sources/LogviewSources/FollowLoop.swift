import LogviewSystem

/// The one follow loop, like `tail -F`: woken by inotify (FileWatch; polling where that is
/// missing), it reads what was appended, hands complete lines on, and starts over when the
/// file is truncated, rotated or re-created, until stopped. The explorer and headless `-f`
/// both follow through it.
struct FollowLoop {
  let follower: FileFollower
  let index: Int
  let feed: SourceFeed
  /// Bytes read and not yet a complete line.
  let pending = LineBuffer()
  /// Without inotify, how often to look.
  static let pollMilliseconds = 150
  /// With inotify, a safety net for events that never come (network filesystems).
  static let idleMilliseconds = 2_000
  /// Bytes read before complete lines are handed on.
  static let readLimit = 8 << 20

  func run(stop: WakePipe) {
    let watch = FileWatch(path: follower.path)
    let idle = watch.fd >= 0 ? Self.idleMilliseconds : Self.pollMilliseconds
    var more = true
    while true {
      // After data or a switch more may be waiting: look again without sleeping.
      if stop.wait(for: watch.fd, milliseconds: more ? 0 : idle).woken { return }
      watch.drain()
      more = false
      if follower.checkTruncation() {
        guard startOver() else { return }
      }
      if follower.read(into: pending, limit: Self.readLimit) > 0 {
        more = true
        guard handOnCompleteLines() else { return }
        continue
      }
      // The old file is read to its end: now switch if the path names another file.
      if follower.switchIfReplaced() {
        guard startOver() else { return }
        watch.watchFile()
        more = true
      }
    }
  }

  private func handOnCompleteLines() -> Bool {
    var keepGoing = true
    pending.takeCompleteLines { keepGoing = feed.append($0, source: index) }
    return keepGoing
  }

  /// The file was truncated or replaced: a partial last line of the old one is still a line,
  /// then the source starts over.
  private func startOver() -> Bool {
    var keepGoing = true
    pending.takeRest { keepGoing = feed.append($0, source: index) }
    feed.restart(source: index)
    feed.waiting(source: index, false)
    return keepGoing
  }
}
