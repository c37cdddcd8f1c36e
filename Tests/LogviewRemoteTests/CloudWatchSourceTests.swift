import Foundation
import LogviewSources
import LogviewSystem
import LogviewTestSupport
import Synchronization
import Testing

@testable import LogviewRemote

/// CloudWatchSource against a store in memory: paging, the window, -f.
struct CloudWatchSourceTests {
  /// A log group whose events the test adds as it goes; FilterLogEvents over them, pages of
  /// `pageSize` (empty pages first when `emptyPages`), failures to give first.
  final class FakeGroup: Sendable {
    struct State {
      var events: [CloudWatchEvent] = []
      var requests: [CloudWatchClient.Request] = []
      var failures = 0
    }
    let state = Mutex(State())
    let pageSize: Int
    let emptyPages: Int

    init(pageSize: Int = 3, emptyPages: Int = 0) {
      self.pageSize = pageSize
      self.emptyPages = emptyPages
    }

    func add(_ events: [CloudWatchEvent]) { state.withLock { $0.events += events } }

    func fetch(_ request: CloudWatchClient.Request) throws(StoreError) -> CloudWatchPage {
      try state.withLock { state throws(StoreError) in
        state.requests.append(request)
        if state.failures > 0 {
          state.failures -= 1
          throw .unreachable(endpoint: "fake", reason: "connection reset")
        }
        let matching = state.events.filter {
          $0.timestamp >= request.startTime && $0.timestamp <= request.endTime ?? .max
        }
        // Tokens: "e<k>" are empty pages before the events, "p<n>" the page starting at n.
        let token = request.nextToken ?? (emptyPages > 0 ? "e0" : "p0")
        if token.hasPrefix("e"), let k = Int(token.dropFirst()) {
          return CloudWatchPage(events: [], nextToken: k + 1 < emptyPages ? "e\(k + 1)" : "p0")
        }
        let start = Int(token.dropFirst()) ?? 0
        let end = min(start + pageSize, matching.count)
        return CloudWatchPage(
          events: Array(matching[min(start, end)..<end]),
          nextToken: end < matching.count ? "p\(end)" : nil)
      }
    }
  }

  final class CollectingFeed: SourceFeed, @unchecked Sendable {
    let text = Mutex("")
    func appendMapped(_ region: SourceRegion, source: Int) -> Bool { false }
    func append(_ lines: UnsafeRawBufferPointer, source: Int) -> Bool {
      text.withLock { $0 += String(decoding: lines, as: UTF8.self) }
      return true
    }
    func appendMerged(_ regions: [(region: SourceRegion, source: Int)]) -> Bool { false }
    func restart(source: Int) {}
    func waiting(source: Int, _ waiting: Bool) {}
    func finish(source: Int, error: SourceError?) {}
    var ids: [String] {
      text.withLock { $0 }.split(separator: "\n").compactMap { (line: Substring) -> String? in
        guard let range = line.firstRange(of: #""eventId":""#) else { return nil }
        return String(line[range.upperBound...].prefix { $0 != "\"" })
      }
    }
  }

  static func event(_ ms: Int64, _ id: String, stream: String = "web-1", _ message: String = "m")
    -> CloudWatchEvent
  {
    CloudWatchEvent(timestamp: ms, eventId: id, logStreamName: stream, message: Array(message.utf8))
  }

  static func source(
    _ group: FakeGroup, start: Int64, end: Int64, prefix: String? = nil, follow: Bool = false
  )
    -> CloudWatchSource
  {
    CloudWatchSource(
      name: "cloudwatch://us-east-1/g", group: "g", streamPrefix: prefix,
      query: CloudWatchQuery(filterPattern: nil, pushed: [], othersLocal: false),
      window: (start * 1_000_000, end * 1_000_000), follow: follow, overlapMilliseconds: 50,
      fetch: { request, _ throws(StoreError) in try group.fetch(request) })
  }

  static func read(_ source: CloudWatchSource) -> (feed: CollectingFeed, error: SourceError?) {
    let feed = CollectingFeed()
    let outcome = source.readWindow(stop: WakePipe()) { feed.append($0, source: 0) }
    return (feed, outcome?.error)
  }

  @Test(arguments: [0, 1, 4])
  func pagesToTheLastTokenThroughEmptyPages(_ emptyPages: Int) {
    let group = FakeGroup(pageSize: 3, emptyPages: emptyPages)
    group.add((0..<10).map { Self.event(1000 + Int64($0), "id\($0)") })
    let (feed, error) = Self.read(Self.source(group, start: 1000, end: 2000))
    #expect(error == nil)
    #expect(feed.ids == (0..<10).map { "id\($0)" })
    #expect(group.state.withLock { $0.requests.count } == emptyPages + 4)
  }

  @Test func theWindowAndTheStreamPrefixHoldWhateverTheServerSends() {
    let group = FakeGroup(pageSize: 100)
    group.add([
      Self.event(999, "before"), Self.event(1000, "first"),
      Self.event(1500, "other", stream: "db-1"),
      Self.event(1999, "last"), Self.event(2000, "after"),
    ])
    // A server that ignores the times and the prefix asked for.
    let lenient = CloudWatchSource(
      name: "n", group: "g", streamPrefix: "web-",
      query: CloudWatchQuery(filterPattern: nil, pushed: [], othersLocal: false),
      window: (1_000 * 1_000_000, 2_000 * 1_000_000), follow: false,
      fetch: { _, _ throws(StoreError) in
        group.state.withLock { CloudWatchPage(events: $0.events, nextToken: nil) }
      })
    let (feed, _) = Self.read(lenient)
    #expect(feed.ids == ["first", "last"])
    // [start, end) in nanoseconds is [startTime, endTime] in milliseconds.
    #expect(lenient.startTime == 1000)
    #expect(lenient.endTime == 1999)
  }

  @Test func eachEventIsARecordWithItsMetadata() {
    let group = FakeGroup()
    group.add([
      Self.event(1500, "42", "disk \"full\""), Self.event(1501, "43", #"{"level":"warn"}"#),
    ])
    let (feed, _) = Self.read(Self.source(group, start: 1000, end: 2000))
    #expect(
      feed.text.withLock { $0 }
        == #"{"observedTimeUnixNano":"1500000000","logStreamName":"web-1","eventId":"42","logGroupName":"g","message":"disk \"full\""}"#
        + "\n"
        + #"{"observedTimeUnixNano":"1501000000","logStreamName":"web-1","eventId":"43","logGroupName":"g","level":"warn"}"#
        + "\n")
  }

  @Test func theSameTokenTwiceIsAnErrorNotALoop() {
    let source = CloudWatchSource(
      name: "cloudwatch://us-east-1/g", group: "g", streamPrefix: nil,
      query: CloudWatchQuery(filterPattern: nil, pushed: [], othersLocal: false),
      window: (0, 1_000_000_000), follow: false,
      fetch: { _, _ throws(StoreError) in CloudWatchPage(events: [], nextToken: "again") })
    let (_, error) = Self.read(source)
    #expect(
      error?.description.contains("the same nextToken twice") == true,
      "\(String(describing: error))")
  }

  /// Follow: events added later, one of them late (older than the newest, within the
  /// overlap), the same instant shared; failures retried. Each shown once.
  @Test func followShowsEachNewEventOnce() {
    let group = FakeGroup(pageSize: 2)
    group.add([Self.event(1000, "a"), Self.event(1000, "b")])
    let source = Self.source(group, start: 900, end: 1001, follow: true)
    source.pollMilliseconds = 10
    let feed = CollectingFeed()
    let stop = WakePipe()
    _ = source.readWindow(stop: stop) { feed.append($0, source: 0) }
    let thread = BackgroundThread { source.follow(0, into: feed, stop: stop) }
    defer {
      stop.wake()
      thread.join()
    }
    group.add([Self.event(1000, "c"), Self.event(1005, "d")])
    #expect(waitUntil { feed.ids.count >= 4 })
    group.state.withLock { $0.failures = 2 }
    group.add([Self.event(1003, "late"), Self.event(1010, "e")])
    #expect(waitUntil { feed.ids.count >= 6 })
    Thread.sleep(forTimeInterval: 0.1)
    #expect(feed.ids == ["a", "b", "c", "d", "late", "e"])
  }

  @Test func theCursorForgetsOnlyWhatNoPollAsksForAgain() {
    var cursor = RecentDeliveries(overlap: 10)
    for i in 0..<3000 { _ = cursor.accept(id: "id\(i)", millis: Int64(i)) }
    #expect(cursor.remembered < 2100)
    let again = cursor.accept(id: "id2995", millis: 2995)
    #expect(!again)
    #expect(cursor.resumeTime(fallback: 0, floor: 0) == 2989)
    #expect(RecentDeliveries(overlap: 10).resumeTime(fallback: 500, floor: 495) == 495)
  }

  /// Address, group, stream prefix (nil, nil: an error, whose fragment is the third).
  static let addresses: [(String, String?, String?)] = [
    ("cloudwatch://us-east-1//aws/lambda/fn", "/aws/lambda/fn", nil),
    ("cloudwatch://us-east-1/aws/lambda/fn/", "aws/lambda/fn", nil),
    ("cloudwatch://us-east-1/%2Faws%2Flambda%2Ffn?stream=2024%2F03", "/aws/lambda/fn", "2024/03"),
    ("cloudwatch://eu-west-3/app?stream=", "app", nil),
    ("cloudwatch://us-east-1", nil, "no log group"),
    ("cloudwatch://us-east-1/", nil, "no log group"),
    ("cloudwatch://US_EAST/app", nil, "is not an AWS region"),
    ("cloudwatch://key:secret@us-east-1/app", nil, "not the address"),
    ("cloudwatch://us-east-1/app?selector=x", nil, "unknown parameter selector"),
  ]

  @Test(arguments: addresses)
  func theGroupIsThePathWithOneSlashDropped(_ text: String, _ group: String?, _ other: String?)
    throws
  {
    let address = try StoreAddress(text, environment: [:])
    do {
      let (found, prefix) = try CloudWatchSource.target(address)
      #expect(found == group)
      #expect(prefix == other)
    } catch {
      #expect(group == nil, "\(error)")
      #expect(error.description.contains(other ?? "-"), "\(error)")
      #expect(!error.description.contains("secret"))
    }
  }
}
