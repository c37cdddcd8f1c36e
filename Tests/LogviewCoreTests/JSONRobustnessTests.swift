import Testing

@testable import LogviewCore

/// Deterministic pseudo-random bytes (SplitMix64), so failures reproduce.
struct JSONFuzzRandom {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// A slow, obviously-correct recursive reference for the scanner's grammar, used only on
/// short test inputs. Returns the top-level members as (key range, value range, kind).
struct JSONReferenceParser {
  let b: [UInt8]
  var i = 0
  var members: [(Range<Int>, Range<Int>, JSONKind)] = []

  init(_ bytes: [UInt8]) { b = bytes }

  static func scan(_ bytes: [UInt8]) -> [(Range<Int>, Range<Int>, JSONKind)]? {
    let ws: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C]
    var end = bytes.count
    while end > 0, ws.contains(bytes[end - 1]) { end -= 1 }
    var start = 0
    while start < end, ws.contains(bytes[start]) { start += 1 }
    guard start < end, bytes[start] == UInt8(ascii: "{") else { return nil }
    var r = JSONReferenceParser(Array(bytes[..<end]))
    r.i = start
    guard r.value(depth: 0) != nil, r.i == end else { return nil }
    return r.members
  }

  mutating func space() {
    while i < b.count, [0x20, 0x09, 0x0A, 0x0D].contains(b[i]) { i += 1 }
  }

  mutating func lit(_ s: String) -> Bool {
    let u = Array(s.utf8)
    guard b.count - i >= u.count, Array(b[i..<(i + u.count)]) == u else { return false }
    i += u.count
    return true
  }

  /// Content range of a string starting at its opening quote.
  mutating func string() -> Range<Int>? {
    guard i < b.count, b[i] == UInt8(ascii: "\"") else { return nil }
    i += 1
    let start = i
    while i < b.count {
      let c = b[i]
      if c == UInt8(ascii: "\"") {
        i += 1
        return start..<(i - 1)
      }
      if c == UInt8(ascii: "\\") {
        guard i + 1 < b.count else { return nil }
        let e = b[i + 1]
        if Array("\"\\/bfnrt".utf8).contains(e) {
          i += 2
        } else if e == UInt8(ascii: "u") {
          guard i + 6 <= b.count,
            b[(i + 2)..<(i + 6)].allSatisfy({ Array("0123456789abcdefABCDEF".utf8).contains($0) })
          else { return nil }
          i += 6
        } else {
          return nil
        }
      } else {
        i += 1
      }
    }
    return nil
  }

  mutating func digits() -> Int {
    let s = i
    while i < b.count, (0x30...0x39).contains(b[i]) { i += 1 }
    return i - s
  }

  mutating func number() -> Bool {
    if lit("NaN") || lit("Infinity") || lit("-Infinity") { return true }
    if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
    guard i < b.count else { return false }
    if b[i] == UInt8(ascii: "0") {
      i += 1
    } else if digits() == 0 {
      return false
    }
    if i < b.count, b[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() > 0 else { return false }
    }
    if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
      i += 1
      if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else { return false }
    }
    return true
  }

  /// Parses a value at `i`; returns its kind. Depth 0 is the top-level object.
  mutating func value(depth: Int) -> JSONKind? {
    guard depth < 200, i < b.count else { return nil }
    switch b[i] {
    case UInt8(ascii: "{"):
      i += 1
      space()
      if i < b.count, b[i] == UInt8(ascii: "}") {
        i += 1
        return .object
      }
      while true {
        space()
        guard let key = string() else { return nil }
        space()
        guard lit(":") else { return nil }
        space()
        let vs = i
        guard let kind = value(depth: depth + 1) else { return nil }
        if depth == 0 {
          let range = kind == .string ? (vs + 1)..<(i - 1) : vs..<i
          members.append((key, range, kind))
        }
        space()
        if lit(",") { continue }
        return lit("}") ? .object : nil
      }
    case UInt8(ascii: "["):
      i += 1
      space()
      if lit("]") { return .array }
      while true {
        space()
        guard value(depth: depth + 1) != nil else { return nil }
        space()
        if lit(",") { continue }
        return lit("]") ? .array : nil
      }
    case UInt8(ascii: "\""):
      return string() == nil ? nil : .string
    default:
      if lit("true") || lit("false") { return .bool }
      if lit("null") { return .null }
      return number() ? .number : nil
    }
  }
}

@Suite struct JSONRobustnessTests {
  /// Scanner result and members must equal the reference's.
  static func agree(_ bytes: [UInt8], _ scanner: inout JSONObjectScanner) -> Bool {
    let ok = bytes.withUnsafeBytes { scanner.scan($0) }
    guard let ref = JSONReferenceParser.scan(bytes) else { return !ok && scanner.members.isEmpty }
    guard ok, ref.count == scanner.members.count else { return false }
    for (m, r) in zip(scanner.members, ref) {
      guard Int(m.keyStart)..<Int(m.keyEnd) == r.0, Int(m.valueStart)..<Int(m.valueEnd) == r.1,
        m.kind == r.2
      else { return false }
    }
    return true
  }

  static let seeds: [String] = [
    #"{"timestamp":"2024-03-15T10:00:00.123Z","level":"info","durationMs":123,"ok":true}"#,
    #"{"a":[1,2.5e-3,{"b":null,"c":[]}],"d":{"e":"x\"y\\z\u00e9"},"f":-0,"g":NaN}"#,
    #" { "k" : [ true , false , null ] , "n" : -Infinity , "s" : "\ud83d\ude00" } "#,
    #"{"x":{"y":{"z":[[["deep"]]]}},"e":{}}"#,
  ]

  @Test(arguments: 0..<4)
  func randomMutationsAgreeWithReference(seed: Int) {
    var rng = JSONFuzzRandom(state: UInt64(seed) &* 7919)
    var scanner = JSONObjectScanner()
    let alphabet = Array(#"{}[]":,\ u0aeE-+.1NIfnt"#.utf8) + [0x00, 0x80, 0xFF, 0x0A]
    var validCount = 0
    for _ in 0..<1500 {
      var bytes = Array(Self.seeds[rng.below(Self.seeds.count)].utf8)
      for _ in 0..<(1 + rng.below(3)) {
        let at = rng.below(bytes.count + 1)
        switch rng.below(3) {
        case 0 where at < bytes.count: bytes[at] = alphabet[rng.below(alphabet.count)]
        case 1: bytes.insert(alphabet[rng.below(alphabet.count)], at: at)
        default: if at < bytes.count { bytes.remove(at: at) }
        }
      }
      #expect(Self.agree(bytes, &scanner), "\(bytes)")
      if JSONReferenceParser.scan(bytes) != nil { validCount += 1 }
    }
    // The mutations must exercise both outcomes, or the comparison proves little.
    #expect(validCount > 100 && validCount < 1400)
  }

  @Test func everyPrefixOfAValidLineIsRejected() {
    var scanner = JSONObjectScanner()
    for seed in Self.seeds {
      let bytes = Array(seed.utf8)
      let full = bytes.count - (bytes.reversed().firstIndex { $0 != 0x20 } ?? 0)
      for n in 0..<full {
        let ok = bytes.withUnsafeBytes { scanner.scan(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        #expect(!ok, "prefix \(n) of \(seed)")
      }
      #expect(Self.agree(bytes, &scanner))
    }
  }

  @Test func randomGarbageNeverCrashesAndAgrees() {
    var rng = JSONFuzzRandom(state: 42)
    var scanner = JSONObjectScanner()
    var out: [UInt8] = []
    for round in 0..<3000 {
      let n = rng.below(200)
      var bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      if round % 2 == 0, n > 0 { bytes[0] = UInt8(ascii: "{") }
      if !Self.agree(bytes, &scanner) { Issue.record("scanner disagrees on \(bytes)") }
      bytes.withUnsafeBytes { buf in
        // Every accessor on a random kind over garbage: must not trap.
        let kind = JSONKind(rawValue: UInt8(round % 6)) ?? .string
        let v = JSONValue(bytes: buf, kind: kind, hasEscapes: round % 12 < 6)
        _ = v.decodedString()
        out.removeAll(keepingCapacity: true)
        v.appendDecoded(to: &out)
        if kind == .string, !out.withUnsafeBytes({ JSONStringCodec.isValidUTF8($0) }) {
          Issue.record("decoded string is not valid UTF-8: \(bytes)")
        }
        _ = v.number()
        _ = v.int64()
        _ = v.member("a")
        v.forEachMember { _, _ in true }
        v.forEachElement { _ in true }
        out.removeAll(keepingCapacity: true)
        JSONStringCodec.appendQuoted(buf, to: &out)
        LineSplitter.forEachLine(in: buf) { _, _ in }
      }
    }
  }

  @Test func nulBytesInsideAndOutsideStrings() {
    var scanner = JSONObjectScanner()
    let inString: [UInt8] = Array(#"{"a":"x"#.utf8) + [0] + Array(#"y"}"#.utf8)
    let outside: [UInt8] = Array(#"{"a":1"#.utf8) + [0] + Array("}".utf8)
    #expect(inString.withUnsafeBytes { scanner.scan($0) })
    #expect(!outside.withUnsafeBytes { scanner.scan($0) })
    let trailingNul: [UInt8] = Array(#"{"a":1}"#.utf8) + [0]
    #expect(!trailingNul.withUnsafeBytes { scanner.scan($0) })
  }
}
