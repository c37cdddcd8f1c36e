/// Converting JSON number tokens. The whole input must be one token, else nil.
enum JSONNumber {
  /// Exact powers of ten representable in a Double (the fast path's limit).
  private static let exactPowers: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// A JSON number, or (when `allowNonFinite`) NaN, Infinity, -Infinity.
  static func double(_ token: UnsafeRawBufferPointer, allowNonFinite: Bool) -> Double? {
    guard let base = token.baseAddress, !token.isEmpty else { return nil }
    let end = token.count
    if let special = nonFinite(token) { return allowNonFinite ? special : nil }
    guard JSONObjectScanner.scanNumber(base, 0, end) == end else { return nil }
    // The grammar is checked; gather up to 19 significant digits for the exact fast path.
    var i = 0
    let negative = ByteScan.byte(base, 0) == UInt8(ascii: "-")
    if negative { i = 1 }
    var mantissa: UInt64 = 0
    var digits = 0
    var exponent = 0
    var inFraction = false
    while i < end {
      let c = ByteScan.byte(base, i)
      if JSONObjectScanner.isDigit(c) {
        if mantissa != 0 || c != 0x30 { digits &+= 1 }
        mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
        if inFraction { exponent &-= 1 }
      } else if c == UInt8(ascii: ".") {
        inFraction = true
      } else {
        break
      }
      i &+= 1
    }
    if i < end {
      // Exponent part: 'e' [sign] digits; large values go to the slow path.
      i &+= 1
      var expNegative = false
      let s = ByteScan.byte(base, i)
      if s == UInt8(ascii: "-") || s == UInt8(ascii: "+") {
        expNegative = s == UInt8(ascii: "-")
        i &+= 1
      }
      var e = 0
      while i < end, e < 100_000 {
        e = e &* 10 &+ Int(ByteScan.byte(base, i) &- 0x30)
        i &+= 1
      }
      exponent &+= expNegative ? -e : e
    }
    if digits <= 19, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
      var value = Double(mantissa)
      if exponent < 0 {
        value /= exactPowers[-exponent]
      } else {
        value *= exactPowers[exponent]
      }
      return negative ? -value : value
    }
    // Correctly rounded conversion for the rare long or extreme tokens.
    return Double(String(decoding: token, as: UTF8.self))
  }

  /// Integral values that fit in Int64; floats with an integral value (1.0, 1e3) too.
  static func int64(_ token: UnsafeRawBufferPointer, allowNonFinite: Bool) -> Int64? {
    guard let base = token.baseAddress, !token.isEmpty else { return nil }
    let end = token.count
    var i = 0
    let negative = ByteScan.byte(base, 0) == UInt8(ascii: "-")
    if negative { i = 1 }
    var value: Int64 = 0
    var sawDigit = false
    while i < end, JSONObjectScanner.isDigit(ByteScan.byte(base, i)) {
      let d = Int64(ByteScan.byte(base, i) &- 0x30)
      // Accumulate negatively so Int64.min fits.
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (v, o2) = m.subtractingReportingOverflow(d)
      guard !o1, !o2 else { return nil }
      value = v
      sawDigit = true
      i &+= 1
    }
    if i == end, sawDigit {
      // Reject what the grammar forbids (leading zeros) so int64 and double agree.
      guard JSONObjectScanner.scanNumber(base, 0, end) == end else { return nil }
      if negative { return value }
      return value == Int64.min ? nil : -value
    }
    guard let d = double(token, allowNonFinite: allowNonFinite), d.rounded(.towardZero) == d,
      d >= -9.223_372_036_854_775_808e18, d < 9.223_372_036_854_775_808e18
    else { return nil }
    return Int64(d)
  }

  private static func nonFinite(_ token: UnsafeRawBufferPointer) -> Double? {
    switch token.count {
    case 3 where ByteScan.equal(token, UnsafeRawBufferPointer(staticString: "NaN")):
      return .nan
    case 8 where ByteScan.equal(token, UnsafeRawBufferPointer(staticString: "Infinity")):
      return .infinity
    case 9 where ByteScan.equal(token, UnsafeRawBufferPointer(staticString: "-Infinity")):
      return -.infinity
    default:
      return nil
    }
  }
}

extension UnsafeRawBufferPointer {
  fileprivate init(staticString s: StaticString) {
    self.init(start: s.utf8Start, count: s.utf8CodeUnitCount)
  }
}
