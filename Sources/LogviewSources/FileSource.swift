import Glibc
import LogviewCore
import LogviewSystem

/// A regular file, mapped: indexed or scanned in place, then (when followed) tailed by the
/// one FollowLoop from where the mapping ended, also across rotation. A followed file that
/// does not exist yet has no mapping and is awaited.
final class FileSource: LogSource, @unchecked Sendable {
  let name: String
  let file: MappedFile?
  let follow: Bool

  init(name: String, file: MappedFile?, follow: Bool) {
    self.name = name
    self.file = file
    self.follow = follow
  }

  var isLoadable: Bool { file != nil }

  /// What is read in place: the whole file, or through its last newline when followed (a
  /// partial last line is read whole by the follower once its newline arrives).
  var region: SourceRegion {
    guard let file else {
      return SourceRegion(bytes: UnsafeRawBufferPointer(start: nil, count: 0), owner: self)
    }
    let end =
      follow ? ByteScan.lastIndex(of: 0x0A, in: file.bytes).map { $0 + 1 } ?? 0 : file.bytes.count
    return SourceRegion(bytes: UnsafeRawBufferPointer(rebasing: file.bytes[0..<end]), owner: file)
  }

  var growsAfterLoad: Bool { follow }

  func load(stop: WakePipe) -> (region: SourceRegion, error: SourceError?)? { (region, nil) }

  func run(_ index: Int, into feed: SourceFeed, after loaded: SourceRegion?, stop: WakePipe) {
    let read = loaded ?? region
    if loaded == nil, !feed.appendMapped(read, source: index) { return }
    guard follow else {
      feed.finish(source: index, error: nil)
      return
    }
    let follower =
      file.map {
        FileFollower(
          path: $0.path, descriptor: $0.takeDescriptor(), offset: Int64(read.bytes.count))
      } ?? FileFollower(awaiting: name)
    if !follower.isOpen { feed.waiting(source: index, true) }
    FollowLoop(follower: follower, index: index, feed: feed).run(stop: stop)
  }
}
