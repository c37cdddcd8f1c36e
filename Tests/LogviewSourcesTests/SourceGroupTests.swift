import Dispatch
import Foundation
import LogviewCore
import LogviewStore
import LogviewTestSupport
import Synchronization
import Testing

@testable import LogviewSources

/// Counts onAppend calls and lets a test wait (with a timeout) for a condition they signal.
final class AppendWaiter: @unchecked Sendable {
  private let signal = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var calls = 0

  func fire() {
    lock.withLock { calls += 1 }
    signal.signal()
  }

  var count: Int { lock.withLock { calls } }

  /// Waits up to 5 s, woken by each onAppend, until `condition` holds.
  func wait(until condition: () -> Bool) -> Bool {
    let deadline = DispatchTime.now() + .seconds(5)
    while !condition() {
      if signal.wait(timeout: deadline) == .timedOut { return condition() }
    }
    return true
  }
}

@Suite struct SourceGroupTests {
  static func texts(_ log: LiveLog) -> [String] {
    (0..<log.count).map { i in
      log.withText(at: i) { text, _ in String(decoding: text, as: UTF8.self) }
    }
  }

  static func write(_ fd: Int32, _ text: String) {
    let bytes = Array(text.utf8)
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
      guard n > 0 else { return }
      done += n
    }
  }

  static func log() -> LiveLog { LiveLog(options: NormalizerOptions(), sources: ["in"]) }

  /// Opens `paths` with the one opener and starts them into `log`, as the explorer does.
  static func start(
    _ paths: [String], log: LiveLog, follow: Bool, awaitMissing: Bool = false,
    _ start: SourceGroup.Start = .separate, onAppend: @escaping @Sendable () -> Void
  ) throws -> SourceGroup {
    let sources = try SourceOpener.open(paths, follow: follow, awaitMissing: awaitMissing)
    let group = SourceGroup(sources)
    group.start(into: LiveLogFeed(log: log, onAppend: onAppend), start)
    return group
  }

  /// Pieces written one after another; after each, the records complete so far must appear.
  static let pieceCases: [[(String, Int)]] = [
    [
      ("{\"level\":\"info\",\"n\":1}\n{\"lev", 1), ("el\":\"error\",\"n\":2}\n", 2),
      ("tail without newline", 2),
    ],
    [
      ("{\"level\":\"info\",\"n\":1}\n{\"level\":\"error\",\"n\":2}\ntail", 2),
      (" without newline", 2),
    ],
    [
      ("{\"level\":\"info\",\"n\":1}", 0), ("\n{\"level\":\"error\",\"n\":2}", 1),
      ("\ntail without newline", 2),
    ],
  ]
  static let expectedTexts = [
    "{\"level\":\"info\",\"n\":1}", "{\"level\":\"error\",\"n\":2}", "tail without newline",
  ]

  /// Feeds `pieces` into `writeFd` and checks the records as a stream reader sees them.
  static func feed(_ pieces: [(String, Int)], path: String, writeFd: () -> Int32) {
    let log = Self.log()
    let waiter = AppendWaiter()
    guard let reader = try? start([path], log: log, follow: false, onAppend: { waiter.fire() })
    else {
      Issue.record("the source did not start")
      return
    }
    let fd = writeFd()
    guard fd >= 0 else {
      Issue.record("nothing to write to")
      return
    }
    for (piece, complete) in pieces {
      write(fd, piece)
      #expect(waiter.wait { log.count >= complete })
    }
    close(fd)
    #expect(waiter.wait { log.sources.first?.finished == true })
    #expect(texts(log) == expectedTexts)
    #expect((0..<log.count).map { log.line(at: $0) } == [1, 2, 3])
    #expect(log.record(at: 1).level == .error)
    #expect(log.sources.first?.error == nil)
    reader.stop()
  }

  @Test(arguments: 0..<3)
  func fifoFedInPieces(_ which: Int) {
    let dir = TempDirectory()
    let path = dir.file("in.fifo")
    #expect(mkfifo(path, 0o600) == 0)
    Self.feed(Self.pieceCases[which], path: path) { openFIFOForWriting(path) }
  }

  /// An anonymous pipe reached by its /dev/fd path: what `cmd | logview` looks like.
  @Test func pipeFedInPieces() {
    var fds: [Int32] = [-1, -1]
    #expect(fds.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) } == 0)
    Self.feed(Self.pieceCases[0], path: "/dev/fd/\(fds[0])") { fds[1] }
    close(fds[0])
  }

  @Test func mergedFilesLoadByTimeThenFollowEach() throws {
    let dir = TempDirectory()
    let a = dir.file("a.log")
    let b = dir.file("b.log")
    #expect(
      FileManager.default.createFile(
        atPath: a, contents: Data("{\"time\":1,\"msg\":\"a1\"}\n{\"time\":3,\"msg\":\"a2\"}\n".utf8)
      ))
    #expect(
      FileManager.default.createFile(
        atPath: b, contents: Data("{\"time\":2,\"msg\":\"b1\"}\n".utf8)))
    let log = LiveLog(options: NormalizerOptions(), sources: [a, b])
    let waiter = AppendWaiter()
    let group = try Self.start([a, b], log: log, follow: true, .mergeLoadable) { waiter.fire() }
    defer { group.stop() }
    #expect(waiter.wait { log.count == 3 })
    #expect(
      Self.texts(log).map { $0.contains("a1") ? "a1" : $0.contains("b1") ? "b1" : "a2" } == [
        "a1", "b1", "a2",
      ])
    // Each file is then followed: appended lines arrive after the merged load.
    let handle = try #require(FileHandle(forWritingAtPath: b))
    handle.seekToEndOfFile()
    handle.write(Data("{\"time\":4,\"msg\":\"b2\"}\n".utf8))
    try handle.close()
    #expect(waiter.wait { log.count == 4 })
    #expect(Self.texts(log).last?.contains("b2") == true)
    #expect(log.record(at: 3).source == 1)
    #expect(log.line(at: 3) == 2)
  }

  /// A rotated archive beside its live file: one timeline by time; the archive (with a last
  /// line lacking its newline) is not followed, the live file is.
  @Test func mergedArchiveAndLiveFile() throws {
    let dir = TempDirectory()
    let plain = dir.file("app.log.1")
    let archive = plain + ".gz"
    let live = dir.file("app.log")
    #expect(
      FileManager.default.createFile(
        atPath: plain,
        contents: Data("{\"time\":1,\"msg\":\"old1\"}\n{\"time\":3,\"msg\":\"old3\"}".utf8)))
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    gzip.arguments = ["gzip", plain]
    try gzip.run()
    gzip.waitUntilExit()
    #expect(FileManager.default.fileExists(atPath: archive))
    #expect(
      FileManager.default.createFile(
        atPath: live,
        contents: Data("{\"time\":2,\"msg\":\"new2\"}\n{\"time\":4,\"msg\":\"new4\"}\n".utf8)))
    let log = LiveLog(options: NormalizerOptions(), sources: [archive, live])
    let waiter = AppendWaiter()
    let group = try Self.start([archive, live], log: log, follow: true, .mergeLoadable) {
      waiter.fire()
    }
    defer { group.stop() }
    #expect(waiter.wait { log.count == 4 && log.sources[0].finished })
    #expect(
      Self.texts(log).map { String($0.dropFirst(17).prefix(4)) } == [
        "old1", "new2", "old3", "new4",
      ])
    #expect(!log.sources[1].finished)
    let handle = try #require(FileHandle(forWritingAtPath: live))
    handle.seekToEndOfFile()
    handle.write(Data("{\"time\":5,\"msg\":\"new5\"}\n".utf8))
    try handle.close()
    #expect(waiter.wait { log.count == 5 })
    #expect(log.record(at: 4).source == 1)
  }

  /// -f on a file that does not exist yet: nothing until it appears, then all of it.
  @Test func awaitedFileIsReadOnceCreated() throws {
    let dir = TempDirectory()
    let path = dir.file("later.log")
    let log = Self.log()
    let waiter = AppendWaiter()
    #expect(throws: SourceError.self) {
      _ = try Self.start([path], log: log, follow: true) {}
    }
    let reader = try Self.start([path], log: log, follow: true, awaitMissing: true) {
      waiter.fire()
    }
    defer { reader.stop() }
    #expect(waiter.wait { log.sources[0].waiting })
    #expect(log.count == 0)
    #expect(FileManager.default.createFile(atPath: path, contents: Data("b1\nb2\n".utf8)))
    #expect(waiter.wait { log.count == 2 })
    #expect(!log.sources[0].waiting)
    #expect(Self.texts(log) == ["b1", "b2"])
  }

  /// A followed file grows (a partial last line waits for its end), then rotates by rename;
  /// the new file's lines count from 1. `drained`: the appended lines were read before the
  /// rename. Without it, lines written just before the rename and the new file's first line
  /// must still come at once, not after the 2 s safety wake-up (the old file is drained
  /// first, and nothing further stirs inotify for the switch).
  @Test(arguments: [true, false])
  func followedFileGrowsAndRotates(drained: Bool) throws {
    let dir = TempDirectory()
    let path = dir.file("app.log")
    #expect(FileManager.default.createFile(atPath: path, contents: Data("a1\na2\npart".utf8)))
    let log = Self.log()
    let waiter = AppendWaiter()
    let reader = try Self.start([path], log: log, follow: true) { waiter.fire() }
    defer { reader.stop() }
    #expect(waiter.wait { log.count == 2 })
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data("ial\nb1\n".utf8))
    try handle.close()
    if drained { #expect(waiter.wait { log.count == 4 }) }
    let start = DispatchTime.now()
    #expect(rename(path, path + ".1") == 0)
    #expect(FileManager.default.createFile(atPath: path, contents: Data("c1\n".utf8)))
    #expect(waiter.wait { log.count == 5 })
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    #expect(seconds < 1, "took \(seconds) s, read \(Self.texts(log))")
    #expect(Self.texts(log) == ["a1", "a2", "partial", "b1", "c1"])
    #expect(log.line(at: 4) == 1)
    #expect(log.line(at: 3) == 4)
    #expect(log.sources.first?.finished == false)
  }

  @Test func regularFileWithoutFollowFinishes() throws {
    let dir = TempDirectory()
    let path = dir.file("done.log")
    #expect(FileManager.default.createFile(atPath: path, contents: Data("x\ny\nlast".utf8)))
    let log = Self.log()
    let waiter = AppendWaiter()
    let reader = try Self.start([path], log: log, follow: false) { waiter.fire() }
    #expect(waiter.wait { log.sources.first?.finished == true })
    #expect(Self.texts(log) == ["x", "y", "last"])
    #expect(waiter.count >= 1)
    reader.stop()
  }

  /// (file name in the scratch directory, "" for the directory itself) -> expected error
  static func openError(_ name: String, _ path: String) -> SourceError {
    name.isEmpty ? .isDirectory(path: path) : .cannotOpen(path: path, errno: ENOENT)
  }

  @Test(arguments: ["missing.log", ""])
  func openErrorsAreThrown(_ name: String) {
    let dir = TempDirectory()
    let path = name.isEmpty ? dir.path : dir.file(name)
    #expect(throws: Self.openError(name, path)) {
      _ = try Self.start([path], log: Self.log(), follow: false) {}
    }
  }

  /// A FIFO nobody writes to: the reader waits without blocking stop().
  /// A merged start spools a stream to its end before merging; stopping must not wait for
  /// an end that never comes (the spool waited on the stream alone).
  @Test func stopWhileSpoolingAStreamForAMergedStart() throws {
    var fds: [Int32] = [-1, -1]
    #expect(fds.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) } == 0)
    defer {
      close(fds[0])
      if fds[1] >= 0 { close(fds[1]) }
    }
    Self.write(fds[1], "first\n")
    let log = Self.log()
    let group = try Self.start(["/dev/fd/\(fds[0])"], log: log, follow: false, .mergeAll) {}
    Thread.sleep(forTimeInterval: 0.1)
    let done = Mutex(false)
    let stopping = BackgroundThread {
      group.stop()
      done.withLock { $0 = true }
    }
    #expect(waitUntil(seconds: 2) { done.withLock { $0 } }, "stop() waited for the stream")
    // Ends the stream, so a stop that waits for it still returns.
    close(fds[1])
    fds[1] = -1
    stopping.join()
    #expect(log.count == 0)
  }

  @Test func stopWhileWaitingForInput() throws {
    let dir = TempDirectory()
    let path = dir.file("idle.fifo")
    #expect(mkfifo(path, 0o600) == 0)
    let log = Self.log()
    let reader = try Self.start([path], log: log, follow: false) {}
    reader.stop()
    #expect(log.count == 0)
    #expect(log.sources.first?.finished == false)
  }
}

/// The explorer's path (SourceGroup into the LiveLog) through the same fast rotating writer
/// as headless -f: nothing lost, nothing repeated, in order.
@Suite struct FollowStressIntoLogTests {
  @Test func explorerFollowLosesAndRepeatsNothing() throws {
    let dir = TempDirectory("logview-stress")
    let path = dir.file("app.log")
    let writer = RotatingWriter(path: path)
    writer.write(250, perSecond: 20_000)
    let log = SourceGroupTests.log()
    let group = try SourceGroupTests.start([path], log: log, follow: true) {}
    defer { group.stop() }
    #expect(waitUntil { log.count == 250 })
    let total = writer.rotateAndWrite { n in _ = waitUntil(seconds: 10) { log.count >= n } }
    #expect(waitUntil(seconds: 20) { log.count >= total })
    // A line repeated after the last one would come soon after it.
    Thread.sleep(forTimeInterval: 0.3)
    let lines = SourceGroupTests.texts(log)
    #expect(
      lines == RotatingWriter.expected(total), "\(RotatingWriter.difference(lines, total))")
  }
}
