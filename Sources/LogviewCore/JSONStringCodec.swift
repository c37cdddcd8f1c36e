/// Writing JSON strings, and reading their escapes back.
public enum JSONStringCodec {
  /// Appends `bytes` as a quoted JSON string; invalid UTF-8 becomes U+FFFD, control chars,
  /// DEL, C1 and bidi controls escaped (the presenter shows quoted values on a terminal; see
  /// `TextSanitizer`).
  public static func appendQuoted(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    if let base = bytes.baseAddress {
      appendEscaped(base, bytes.count, to: &out)
    }
    out.append(UInt8(ascii: "\""))
  }

  /// Appends `s` as a quoted JSON string.
  public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
    var s = s
    s.withUTF8 { appendQuoted(UnsafeRawBufferPointer($0), to: &out) }
  }

  /// True when `bytes` is entirely well-formed UTF-8 (no overlongs, surrogates or values
  /// above U+10FFFF).
  public static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    UTF8Repair.isValid(bytes)
  }

  /// Appends `bytes` with every invalid UTF-8 subpart replaced by U+FFFD (EF BF BD).
  public static func appendReplacingInvalidUTF8(
    _ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]
  ) {
    UTF8Repair.appendRepairing(bytes, to: &out)
  }

  /// Bytes that need no escaping: printable ASCII other than '"', '\\' and DEL. Runs of them
  /// (and of valid multi-byte UTF-8) are copied in one append.
  private static func appendEscaped(_ base: UnsafeRawPointer, _ end: Int, to out: inout [UInt8]) {
    var runStart = 0
    var i = 0
    while i < end {
      if end &- i >= 8 {
        let w = ByteScan.word(base, i)
        // Below 0x20: (w - 0x20..) & ~w & 0x80.. is exact for bytes < 0x80, and any byte
        // >= 0x80 already sends us to the slow path.
        let special =
          (w & ByteScan.highs) | ((w &- 0x20 &* ByteScan.lows) & ~w & ByteScan.highs)
          | ByteScan.zeroBytes(w, equalTo: 0x22) | ByteScan.zeroBytes(w, equalTo: 0x5C)
          | ByteScan.zeroBytes(w, equalTo: 0x7F)
        if special == 0 {
          i &+= 8
          continue
        }
      }
      let c = ByteScan.byte(base, i)
      if c >= 0x80 {
        let n = UTF8Repair.sequenceLength(base, i, end)
        if n > 0 {
          // Valid JSON either way; escaped, a C1 or bidi control cannot act on a terminal.
          if let scalar = TextSanitizer.invisibleScalar(base, i, n) {
            flush(base, runStart, i, to: &out)
            TextSanitizer.appendUnicodeEscape(scalar, to: &out)
            runStart = i &+ n
          }
          i &+= n
          continue
        }
        flush(base, runStart, i, to: &out)
        UTF8Repair.appendReplacement(to: &out)
        i &+= -n
        runStart = i
        continue
      }
      if c >= 0x20, c != 0x7F, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\") {
        i &+= 1
        continue
      }
      flush(base, runStart, i, to: &out)
      appendEscape(of: c, to: &out)
      i &+= 1
      runStart = i
    }
    flush(base, runStart, end, to: &out)
  }

  @inline(__always)
  private static func flush(
    _ base: UnsafeRawPointer, _ start: Int, _ end: Int, to out: inout [UInt8]
  ) {
    if end > start {
      out.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: end &- start))
    }
  }

  private static func appendEscape(of c: UInt8, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\\"))
    switch c {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(c)
    case 0x0A: out.append(UInt8(ascii: "n"))
    case 0x09: out.append(UInt8(ascii: "t"))
    case 0x0D: out.append(UInt8(ascii: "r"))
    case 0x08: out.append(UInt8(ascii: "b"))
    case 0x0C: out.append(UInt8(ascii: "f"))
    default:
      out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30])
      out.append(hexDigit(c >> 4))
      out.append(hexDigit(c & 0x0F))
    }
  }

  @inline(__always)
  /// A lowercase hex digit for 0...15.
  static func hexDigit(_ v: UInt8) -> UInt8 {
    v < 10 ? 0x30 &+ v : 0x61 &+ v &- 10
  }

  // MARK: - Decoding

  /// Appends the unescaped content of a JSON string (between its quotes). Lone surrogates
  /// and invalid UTF-8 become U+FFFD; a malformed escape is copied as is.
  static func appendUnescaped(_ content: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    guard let base = content.baseAddress else { return }
    let end = content.count
    var i = 0
    while i < end {
      let bs = ByteScan.index(of: UInt8(ascii: "\\"), in: base, from: i, end: end)
      if bs > i {
        UTF8Repair.appendRepairing(
          UnsafeRawBufferPointer(start: base + i, count: bs &- i), to: &out)
      }
      guard bs < end &- 1 else {
        if bs < end { out.append(UInt8(ascii: "\\")) }
        return
      }
      i = bs &+ 2
      switch ByteScan.byte(base, bs &+ 1) {
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "u"):
        guard let unit = hex4(base, bs &+ 2, end) else {
          out.append(UInt8(ascii: "\\"))
          i = bs &+ 1
          continue
        }
        i = bs &+ 6
        var scalar = UInt32(unit)
        if unit >= 0xD800, unit < 0xDC00 {
          // A high surrogate counts only when a low one follows; otherwise U+FFFD.
          if end &- i >= 6, ByteScan.byte(base, i) == UInt8(ascii: "\\"),
            ByteScan.byte(base, i &+ 1) == UInt8(ascii: "u"),
            let low = hex4(base, i &+ 2, end), low >= 0xDC00, low <= 0xDFFF
          {
            scalar = 0x10000 &+ ((scalar &- 0xD800) &<< 10) &+ (UInt32(low) &- 0xDC00)
            i &+= 6
          }
        }
        UTF8Repair.appendScalar(scalar, to: &out)
      default:
        // \" \\ \/ stand for themselves; anything else is not JSON and is kept verbatim.
        let e = ByteScan.byte(base, bs &+ 1)
        if e != UInt8(ascii: "\""), e != UInt8(ascii: "\\"), e != UInt8(ascii: "/") {
          out.append(UInt8(ascii: "\\"))
          i = bs &+ 1
          continue
        }
        out.append(e)
      }
    }
  }

  @inline(__always)
  private static func hex4(_ base: UnsafeRawPointer, _ from: Int, _ end: Int) -> UInt16? {
    guard end &- from >= 4 else { return nil }
    var v: UInt16 = 0
    for k in 0..<4 {
      let c = ByteScan.byte(base, from &+ k)
      let d: UInt8
      if c &- 0x30 < 10 {
        d = c &- 0x30
      } else if (c | 0x20) &- 0x61 < 6 {
        d = (c | 0x20) &- 0x61 &+ 10
      } else {
        return nil
      }
      v = v &<< 4 | UInt16(d)
    }
    return v
  }
}
