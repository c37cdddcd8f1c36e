import LogviewCore
import Testing

@testable import LogviewStore

/// The 23-byte index: line numbers counted from checkpoints and millisecond time deltas.
struct CompactIndexTests {
  /// Two sources interleaved in uneven appends, past several checkpoint intervals, with
  /// tracebacks and blank lines: every record's line is where its first line really is.
  @Test(arguments: [1, 2, 7, 64])
  func linesMatchTheInputPastCheckpoints(_ perAppend: Int) {
    let log = LiveFixture.log(2)
    var nextLine = [1, 1]
    var expected: [Int] = []
    var n = 0
    while n < 3 * LineCheckpoints.interval {
      for source in 0..<2 {
        var text = ""
        for _ in 0..<perAppend {
          expected.append(nextLine[source])
          switch n % 5 {
          case 0:
            text += "2024-03-15 10:00:00,000 ERROR boom \(n)\n  at f (a.js:1)\n  at g (b.js:2)\n"
            nextLine[source] += 3
          case 1: text += "{\"msg\":\"m\(n)\"}\n\n\n"; nextLine[source] += 3
          default: text += "{\"msg\":\"m\(n)\"}\n"; nextLine[source] += 1
          }
          n += 1
        }
        LiveFixture.append(log, text, source: source)
      }
    }
    let bySource = (0..<log.count).map { Int(log.record(at: $0).source) }
    var lines = [[Int]](repeating: [], count: 2)
    for i in 0..<log.count { lines[bySource[i]].append(log.line(at: i)) }
    var wanted = [[Int]](repeating: [], count: 2)
    var k = 0
    while k < expected.count {
      for source in 0..<2 {
        wanted[source] += expected[k..<min(expected.count, k + perAppend)]
        k += perAppend
      }
    }
    #expect(lines == wanted)
    #expect(log.line(at: log.count) == 0)
  }

  /// A traceback cut by a read boundary grows the published record; the next record's line
  /// still counts the grown lines.
  @Test func linesAfterAnExtendedRecord() {
    let log = LiveFixture.log()
    LiveFixture.append(log, "{\"msg\":\"a\"}\nError: x\n")
    LiveFixture.append(log, "  at f\n  at g\n{\"msg\":\"b\"}\n")
    #expect(
      LiveFixture.texts(log) == ["{\"msg\":\"a\"}", "Error: x\n  at f\n  at g", "{\"msg\":\"b\"}"])
    #expect((0..<3).map { log.line(at: $0) } == [1, 2, 5])
  }

  @Test func mappedLinesMatchCopiedLines() {
    let text = (0..<5000).map { i in
      i % 9 == 0 ? "Error: \(i)\n  at f\n\n" : LiveFixture.json("info", i)
    }.joined()
    let owner = ByteOwner(text)
    let mapped = LiveFixture.log(pieceSize: 4096)
    mapped.appendMapped(owner.view, owner: owner, source: 0)
    let copied = LiveFixture.log()
    LiveFixture.append(copied, text)
    #expect(mapped.count == copied.count)
    #expect((0..<mapped.count).map(mapped.line(at:)) == (0..<copied.count).map(copied.line(at:)))
    #expect(
      mapped.line(at: mapped.count - 1) == text.split(
        separator: "\n", omittingEmptySubsequences: false
      ).count - 1)
  }

  /// Times are kept to the millisecond; a page whose times span more than about 24 days keeps
  /// full times from then on. Untimed records carry their source's previous time.
  @Test func timestampsToTheMillisecondAndWidePages() {
    let log = LiveFixture.log()
    let stamps = [
      "2026-03-01T10:00:00.123456789Z", "2026-03-01T10:00:00.124999Z", "2026-03-01T09:59:59.9999Z",
      "2026-03-01T10:05:00Z", "2026-06-01T10:00:00.5Z", "2026-06-01T10:00:00.000001Z",
    ]
    var text = "{\"msg\":\"before any time\"}\n"
    for (i, ts) in stamps.enumerated() { text += LiveFixture.json("info", i, ts: ts) }
    text += "{\"msg\":\"untimed\"}\n"
    LiveFixture.append(log, text)
    let exact = stamps.map { stamp in
      Array(stamp.utf8).withUnsafeBytes { TimestampParser.parse($0, naiveZone: .utc) ?? 0 }
    }
    let ms: Int64 = 1_000_000
    #expect(log.record(at: 0).timestamp == nil)
    for i in 0..<4 {
      let t = exact[i]
      #expect(log.record(at: i + 1).timestamp == t - ((t % ms) + ms) % ms)
    }
    // From the out-of-range time on, the page holds exact times.
    #expect(log.record(at: 5).timestamp == exact[4])
    #expect(log.record(at: 6).timestamp == exact[5])
    #expect(log.record(at: 7).timestamp == nil)
    #expect(log.pages.page(of: 7).timestamp(at: 7) == exact[5])
    #expect(log.pages.page(of: 0).timestamp(at: 0) == Int64.min)
  }
}
