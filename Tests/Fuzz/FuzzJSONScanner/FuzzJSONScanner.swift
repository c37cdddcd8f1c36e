import FuzzSupport
import LogviewCore

/// One line through JSONObjectScanner. When it is accepted: the members lie inside the object
/// in order, JSONSkip (the lazy walker nested values use) finds the same members, every value
/// can be walked, decoded and read as a number, and every decoded string is valid UTF-8 that
/// quotes back to a string scanning to the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONScanner(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: data, count: size)
  guard JSONScannerFuzz.scanner.scan(bytes) else { return 0 }
  let range = JSONScannerFuzz.scanner.objectRange
  fuzzExpect(range.lowerBound >= 0 && range.upperBound <= size, "object range \(range)")
  let object = JSONValue(
    bytes: UnsafeRawBufferPointer(rebasing: bytes[range]), kind: .object, hasEscapes: false)
  let members = Array(JSONScannerFuzz.scanner.members)
  JSONScannerFuzz.checkSpans(members, in: range)
  JSONScannerFuzz.compareWithSkip(members, object: object, in: bytes)
  for member in members {
    JSONScannerFuzz.walk(member.key(in: bytes), depth: 0)
    JSONScannerFuzz.walk(member.value(in: bytes), depth: 0)
  }
  return 0
}

enum JSONScannerFuzz {
  nonisolated(unsafe) static var scanner = JSONObjectScanner()
  nonisolated(unsafe) static var requoter = JSONObjectScanner()
  /// The walk stops here: the harness recurses, the scanner does not.
  static let maxDepth = 48

  static func checkSpans(_ members: [JSONMemberSpan], in range: Range<Int>) {
    var last = range.lowerBound
    for m in members {
      let ordered =
        Int(m.keyStart) > last && m.keyStart <= m.keyEnd && m.keyEnd < m.valueStart
        && m.valueStart <= m.valueEnd && Int(m.valueEnd) < range.upperBound
      fuzzExpect(ordered, "member span \(m) after \(last) in \(range)")
      last = Int(m.valueEnd)
    }
  }

  /// The scanner's members against JSONSkip's walk of the same object.
  static func compareWithSkip(
    _ members: [JSONMemberSpan], object: JSONValue, in bytes: UnsafeRawBufferPointer
  ) {
    var index = 0
    object.forEachMember { key, value in
      fuzzExpect(index < members.count, "JSONSkip found more than \(members.count) members")
      let m = members[index]
      fuzzExpect(
        key.bytes.elementsEqual(m.key(in: bytes).bytes) && key.hasEscapes == m.keyHasEscapes,
        "key \(index) differs")
      let scanned = m.value(in: bytes)
      fuzzExpect(
        value.bytes.elementsEqual(scanned.bytes) && value.kind == scanned.kind
          && (value.kind != .string || value.hasEscapes == scanned.hasEscapes),
        "value \(index) differs: \(value.kind) vs \(scanned.kind)")
      index += 1
      return true
    }
    fuzzExpect(index == members.count, "JSONSkip found \(index) of \(members.count) members")
  }

  /// Reads `value` every way callers do, then its members or elements.
  static func walk(_ value: JSONValue, depth: Int) {
    _ = value.number()
    _ = value.int64()
    _ = value.decodedString()
    var decoded: [UInt8] = []
    value.appendDecoded(to: &decoded)
    if value.kind == .string {
      decoded.withUnsafeBytes { checkString($0, of: value) }
    }
    guard depth < maxDepth else { return }
    value.forEachMember { key, inner in
      walk(key, depth: depth + 1)
      walk(inner, depth: depth + 1)
      return true
    }
    value.forEachElement { element in
      walk(element, depth: depth + 1)
      return true
    }
  }

  /// A decoded string: valid UTF-8, equal to itself through `equals` and `withDecodedBytes`,
  /// and quoted back into a line the scanner accepts with the same decoded bytes.
  static func checkString(_ decoded: UnsafeRawBufferPointer, of value: JSONValue) {
    fuzzExpect(JSONStringCodec.isValidUTF8(decoded), "decoded string is not UTF-8")
    // Without escapes `equals` compares the raw bytes, invalid UTF-8 included (no repair on
    // the filter's hot path): the decoded text equals only when the raw bytes are valid.
    if value.hasEscapes || JSONStringCodec.isValidUTF8(value.bytes) {
      fuzzExpect(value.equals(decoded), "equals(decoded) is false")
    } else {
      fuzzExpect(value.equals(value.bytes), "equals(raw bytes) is false")
    }
    value.withDecodedBytes { again in
      fuzzExpect(again.elementsEqual(decoded), "withDecodedBytes differs")
    }
    var line: [UInt8] = Array("{\"k\":".utf8)
    JSONStringCodec.appendQuoted(decoded, to: &line)
    line.append(UInt8(ascii: "}"))
    line.withUnsafeBytes { buffer in
      fuzzExpect(requoter.scan(buffer), "requoted string rejected")
      var back: [UInt8] = []
      requoter.members[0].value(in: buffer).appendDecoded(to: &back)
      fuzzExpect(back.elementsEqual(decoded), "requoted string decodes differently")
    }
  }
}

@main enum Main {
  static func main() { FuzzDriver.run(fuzzJSONScanner) }
}
