import Foundation
import Testing

/// Whatever bytes come in: no crash, no hang, no lost line, and valid JSON out.
@Suite struct RobustnessTests {
  /// Deterministic xorshift bytes, so a failure reproduces.
  static func garbage(seed: UInt64, count: Int) -> [UInt8] {
    var state = seed
    var out: [UInt8] = []
    out.reserveCapacity(count)
    while out.count < count {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      out.append(UInt8(truncatingIfNeeded: state))
    }
    return out
  }

  static let inputs: [(String, [UInt8])] = [
    ("random bytes", garbage(seed: 42, count: 200_000)),
    (
      "random bytes with many newlines",
      garbage(seed: 7, count: 100_000).map { $0 % 9 == 0 ? 0x0A : $0 }
    ),
    (
      "invalid UTF-8 and NUL in JSON",
      Array(#"{"level":"error","msg":"a\#u{0}b"}"#.utf8) + [
        0x0A, 0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D, 0x0A,
      ]
    ),
    (
      "deep nesting",
      Array(
        (String(repeating: "[", count: 100_000) + "\n" + #"{"a":"#
          + String(repeating: "{\"a\":", count: 50_000) + "1"
          + String(repeating: "}", count: 50_001) + "\n").utf8)
    ),
    (
      "truncated JSON without newline",
      Array(#"{"level":"info","msg":"ok"}"#.utf8) + [0x0A]
        + Array(#"{"level":"error","msg":"cut"#.utf8)
    ),
    (
      "CR, BOM, empty lines",
      [0xEF, 0xBB, 0xBF] + Array("{\"msg\":\"a\"}\r\n\r\n\n  \n{\"msg\":\"b\"}\r\n".utf8)
    ),
    ("lone continuation lines", Array("  indented first\n\tat frame\n}\n".utf8)),
  ]

  @Test(arguments: inputs)
  func survivesAndKeepsEveryLine(_ name: String, _ bytes: [UInt8]) throws {
    let path = NSTemporaryDirectory() + "logview-robust-\(UUID().uuidString).log"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }

    // Raw output is the input byte for byte: a BOM kept, no newline added at the end.
    let raw = RunHarness.run(["-o", "raw", path])
    #expect(raw.status == 0, "\(name): \(raw.stderr)")
    #expect(raw.stdout == bytes, "\(name): raw output differs from the input")

    let normalized = RunHarness.run(["-o", "normalized", path])
    #expect(normalized.status == 0)
    for line in normalized.stdout.split(separator: 0x0A) {
      let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
      #expect(
        object?.keys.sorted() == [
          "json", "level", "line", "message", "requestId", "service", "source", "timestamp",
        ])
    }

    let pretty = RunHarness.run(["--color", "never", path])
    #expect(pretty.status == 0)
    // Nothing that could drive the terminal reaches it.
    #expect(!pretty.stdout.contains(0x1B))
    #expect(!pretty.stdout.contains(0x00))
  }
}
