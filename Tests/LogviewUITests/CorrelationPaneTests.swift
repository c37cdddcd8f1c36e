import LogviewCore
import LogviewStore
import Testing

@testable import LogviewUI

@Suite struct CorrelationPaneTests {
  /// The duration column reads units from the key and value: zap's `elapsed` is seconds (it
  /// used to show "1.203921ms"), Go duration strings are read as written.
  @Test func durationsCarryTheirUnits() throws {
    let lines = [
      #"{"ts":1710496800.0,"level":"info","logger":"api","msg":"start","request_id":"r1","elapsed":1.203921}"#,
      #"{"ts":1710496800.5,"level":"info","logger":"db","msg":"query","request_id":"r1","latency":"350ms"}"#,
      #"{"ts":1710496801.0,"level":"error","logger":"api","msg":"done","request_id":"r1","durationMs":2400}"#,
    ]
    let log = LiveLog(options: NormalizerOptions(), sources: ["zap.log"])
    Array((lines.joined(separator: "\n") + "\n").utf8).withUnsafeBytes {
      _ = log.append($0, source: 0)
    }
    let data = ViewData(
      log: log, options: NormalizerOptions(),
      snapshot: FilteredSnapshot(
        matches: [0, 1, 2], scanned: 3, total: 3, complete: true, generation: 1))
    var buffer = CellBuffer(width: 100, height: 8)
    CorrelationPane.render(
      into: &buffer, rect: Rect(x: 0, y: 0, width: 100, height: 8),
      correlation: CorrelationState(
        requestId: "r1", records: log.indices(requestId: "r1"), data: data),
      data: data, horizontalOffset: 0, palette: Palette(colors: false))
    let rows = buffer.lines()
    #expect(rows[3].hasSuffix("start  1.204 s"), "\(rows)")
    #expect(rows[4].hasPrefix("+500 ms") && rows[4].hasSuffix("query  350 ms"), "\(rows)")
    #expect(rows[5].hasPrefix("+1 s") && rows[5].hasSuffix("done  2.4 s"), "\(rows)")
  }
}
