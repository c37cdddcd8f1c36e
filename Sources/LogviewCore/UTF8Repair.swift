/// UTF-8 validation and repair. Invalid input is replaced per "maximal subpart" (one U+FFFD
/// for each lead byte plus the continuation bytes that were still valid), the same policy
/// as Swift's `String(decoding:as:)`, so both views of a line agree.
enum UTF8Repair {
  static let replacement: (UInt8, UInt8, UInt8) = (0xEF, 0xBF, 0xBD)

  /// Length of the valid sequence starting at `i` (`i < end`, byte at `i` >= 0x80), or
  /// the negated length of the invalid maximal subpart to replace.
  @inline(__always)
  static func sequenceLength(_ base: UnsafeRawPointer, _ i: Int, _ end: Int) -> Int {
    let lead = ByteScan.byte(base, i)
    var need: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: need = 1
    case 0xE0:
      need = 2
      low = 0xA0
    case 0xE1...0xEC, 0xEE, 0xEF: need = 2
    case 0xED:
      need = 2
      high = 0x9F  // no surrogates
    case 0xF0:
      need = 3
      low = 0x90
    case 0xF1...0xF3: need = 3
    case 0xF4:
      need = 3
      high = 0x8F  // nothing above U+10FFFF
    default: return -1
    }
    var j = i &+ 1
    while need > 0 {
      guard j < end else { return -(j &- i) }
      let c = ByteScan.byte(base, j)
      guard c >= low, c <= high else { return -(j &- i) }
      low = 0x80
      high = 0xBF
      j &+= 1
      need &-= 1
    }
    return j &- i
  }

  static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    return firstInvalid(base, from: 0, end: bytes.count) == bytes.count
  }

  /// Appends `bytes` with each invalid subpart replaced by U+FFFD.
  static func appendRepairing(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    guard let base = bytes.baseAddress else { return }
    let end = bytes.count
    var i = 0
    while i < end {
      let bad = firstInvalid(base, from: i, end: end)
      out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<bad]))
      guard bad < end else { return }
      appendReplacement(to: &out)
      i = bad &- sequenceLength(base, bad, end)
    }
  }

  /// Index of the first invalid subpart at or after `from`, or `end`; ASCII eight bytes at
  /// a time.
  @inline(__always)
  static func firstInvalid(_ base: UnsafeRawPointer, from: Int, end: Int) -> Int {
    var i = from
    while i < end {
      if end &- i >= 8, ByteScan.word(base, i) & ByteScan.highs == 0 {
        i &+= 8
        continue
      }
      if ByteScan.byte(base, i) < 0x80 {
        i &+= 1
        continue
      }
      let n = sequenceLength(base, i, end)
      guard n > 0 else { return i }
      i &+= n
    }
    return end
  }

  @inline(__always)
  static func appendReplacement(to out: inout [UInt8]) {
    out.append(replacement.0)
    out.append(replacement.1)
    out.append(replacement.2)
  }

  /// Appends the UTF-8 encoding of `scalar`; surrogates and out-of-range values become U+FFFD.
  static func appendScalar(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      out.append(UInt8(truncatingIfNeeded: scalar))
    case 0x80..<0x800:
      out.append(0xC0 | UInt8(truncatingIfNeeded: scalar >> 6))
      out.append(0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F))
    case 0xD800...0xDFFF:
      appendReplacement(to: &out)
    case 0x800..<0x10000:
      out.append(0xE0 | UInt8(truncatingIfNeeded: scalar >> 12))
      out.append(0x80 | UInt8(truncatingIfNeeded: (scalar >> 6) & 0x3F))
      out.append(0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F))
    case 0x10000...0x10FFFF:
      out.append(0xF0 | UInt8(truncatingIfNeeded: scalar >> 18))
      out.append(0x80 | UInt8(truncatingIfNeeded: (scalar >> 12) & 0x3F))
      out.append(0x80 | UInt8(truncatingIfNeeded: (scalar >> 6) & 0x3F))
      out.append(0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F))
    default:
      appendReplacement(to: &out)
    }
  }
}
