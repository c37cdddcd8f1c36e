import Foundation
import LogviewTestSupport
import Testing

/// Large inputs jump from one occurrence of a required string to the next (a request ID, a
/// verbatim value) instead of reading every record. The records found, their line numbers
/// and raw bytes must be exactly those of a full scan: the same filter widened by an `or`
/// that requires nothing is read record by record.
@Suite struct AnchoredScanTests {
  /// About 600 KB: tracebacks after matching and other records, a value spelled with a JSON
  /// escape, the anchor inside another record's continuation lines, a BOM first.
  static func input() -> [UInt8] {
    var text = "\u{FEFF}"
    for i in 0..<3_000 {
      let service = i % 7 == 0 ? "payment-service" : "checkout"
      text +=
        #"{"ts":"2024-03-15T10:00:\#(String(format: "%02d", i % 60))Z","level":"info","service":"\#(service)","requestId":"req_\#(i % 50)","n":\#(i),"msg":"padding the line out a little more"}"#
        + "\n"
      if i % 11 == 0 {
        text +=
          "Traceback (most recent call last):\n  File \"x.py\", line \(i)\n    payment-service\n"
      }
      if i % 97 == 0 {
        text +=
          #"{"level":"warn","service":"payment\u002dservice","n":\#(i),"msg":"escaped"}"# + "\n"
      }
    }
    return Array(text.utf8)
  }

  static let options: [[String]] = [
    ["-o", "normalized"], ["-o", "raw"], ["--count"], ["--color", "never"],
  ]

  @Test(arguments: options)
  func sameRecordsAsAFullScan(_ options: [String]) throws {
    let dir = TempDirectory("logview-anchor")
    let path = dir.file("big.log")
    try Data(Self.input()).write(to: URL(fileURLWithPath: path))
    let anchored = RunHarness.run(options + ["-q", "service=payment-service", path])
    let full = RunHarness.run(
      options + ["-q", "service=payment-service or service=no-such-service", path])
    #expect(anchored.status == 0)
    #expect(anchored.stdout == full.stdout)
    #expect(anchored.stdoutText.count > 1000 || options == ["--count"])
  }

  /// --request reads only records holding the ID verbatim: the same records as a full scan
  /// for that request ID, in time order (stable: the input's times wrap around, so the
  /// order differs from the file's), each with its continuation lines.
  @Test func requestFindsWhatAFullScanFinds() throws {
    let dir = TempDirectory("logview-anchor")
    let path = dir.file("big.log")
    try Data(Self.input()).write(to: URL(fileURLWithPath: path))
    let request = RunHarness.run(["--request", "req_7", "-o", "raw", path])
    let full = RunHarness.run(["-q", "rid=req_7 or rid=no-such-request", "-o", "raw", path])
    #expect(request.status == 0)
    let inFileOrder = Self.records(full.stdoutText)
    let byTime = inFileOrder.enumerated().sorted {
      ($0.element.prefix(30), $0.offset) < ($1.element.prefix(30), $1.offset)
    }.map(\.element)
    #expect(byTime != inFileOrder, "the input should need sorting")
    #expect(Self.records(request.stdoutText) == byTime)
    #expect(request.stdoutText.contains("Traceback"))
  }

  /// Raw output cut into records: a line starting with '{' starts one.
  static func records(_ text: String) -> [String] {
    var records: [String] = []
    for line in text.split(separator: "\n") {
      if line.hasPrefix("{") || records.isEmpty {
        records.append(String(line))
      } else {
        records[records.count - 1] += "\n" + line
      }
    }
    return records
  }
}
