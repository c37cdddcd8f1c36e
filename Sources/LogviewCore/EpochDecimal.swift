/// A decimal number as ± mantissa × 10^exponent, scanned from bytes without Double so epoch
/// values keep every digit (1710496800123456789 stays exact, 1710496800.123 is exactly .123).
struct EpochDecimal {
  var negative: Bool
  /// At most 19 significant digits; further integer digits raise `exponent`, further
  /// fraction digits are dropped (below a nanosecond for any epoch unit).
  var mantissa: UInt64
  var exponent: Int
  /// Number of digits in `mantissa` (0 when it is zero).
  var digitCount: Int

  /// Digits before the decimal point of |value| (<= 0 for values below 1).
  var integerDigits: Int { mantissa == 0 ? 0 : digitCount + exponent }

  /// `[+-]digits[.digits][(e|E)[+-]digits]`, surrounding whitespace allowed; nil otherwise.
  static func scan(_ p: UnsafeRawBufferPointer) -> EpochDecimal? {
    var i = 0
    var end = p.count
    while i < end, ASCIIKind.isSpace(p[i]) { i += 1 }
    while end > i, ASCIIKind.isSpace(p[end - 1]) { end -= 1 }
    guard i < end else { return nil }
    var result = EpochDecimal(negative: false, mantissa: 0, exponent: 0, digitCount: 0)
    if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
      result.negative = p[i] == UInt8(ascii: "-")
      i += 1
    }
    var sawDigit = false
    var inFraction = false
    while i < end {
      let b = p[i]
      if ASCIIKind.isDigit(b) {
        sawDigit = true
        result.push(b &- 0x30, inFraction: inFraction)
      } else if b == UInt8(ascii: "."), !inFraction {
        inFraction = true
      } else {
        break
      }
      i += 1
    }
    guard sawDigit else { return nil }
    if i < end, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
      i += 1
      var negativeExponent = false
      if i < end, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
        negativeExponent = p[i] == UInt8(ascii: "-")
        i += 1
      }
      var value = 0
      var sawExponentDigit = false
      while i < end, ASCIIKind.isDigit(p[i]) {
        value = min(value * 10 + Int(p[i] &- 0x30), 100_000)  // clamped: any more is out of range
        sawExponentDigit = true
        i += 1
      }
      guard sawExponentDigit else { return nil }
      result.exponent += negativeExponent ? -value : value
    }
    guard i == end else { return nil }
    return result
  }

  @inline(__always)
  private mutating func push(_ digit: UInt8, inFraction: Bool) {
    if digitCount == 0 && digit == 0 {
      // Leading zeros are not significant; in the fraction they still shift the scale.
      if inFraction { exponent -= 1 }
      return
    }
    if digitCount < 19 {
      mantissa = mantissa * 10 + UInt64(digit)
      digitCount += 1
      if inFraction { exponent -= 1 }
    } else if !inFraction {
      exponent += 1
    }
  }

  /// value × unit as Int64 nanoseconds, truncated toward zero; nil when out of range.
  func scaled(by unit: Int64) -> Int64? {
    guard unit > 0 else { return nil }
    if mantissa == 0 { return 0 }
    let limit: UInt128 = negative ? UInt128(Int64.max) + 1 : UInt128(Int64.max)
    var value = UInt128(mantissa) * UInt128(UInt64(unit))
    if exponent >= 0 {
      for _ in 0..<exponent {
        guard value <= limit else { return nil }
        value *= 10
      }
    } else {
      let shift = -exponent
      guard shift <= 38 else { return 0 }
      var divisor: UInt128 = 1
      for _ in 0..<shift { divisor *= 10 }
      value /= divisor
    }
    guard value <= limit else { return nil }
    if negative {
      return value == limit ? Int64.min : -Int64(value)
    }
    return Int64(value)
  }
}
