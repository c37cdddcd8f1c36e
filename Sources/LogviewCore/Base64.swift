/// RFC 4648 base64 with padding: HTTP basic credentials (AsyncHTTPClient keeps its encoder
/// internal) and the explorer's copy to the clipboard (OSC 52).
public enum Base64 {
  private static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  public static func encode(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i < bytes.count {
      let count = min(3, bytes.count - i)
      var group = UInt32(bytes[i]) << 16
      if count > 1 { group |= UInt32(bytes[i + 1]) << 8 }
      if count > 2 { group |= UInt32(bytes[i + 2]) }
      for k in 0..<4 {
        out.append(
          k <= count ? alphabet[Int(group >> (18 - 6 * UInt32(k)) & 63)] : UInt8(ascii: "="))
      }
      i += 3
    }
    return String(decoding: out, as: UTF8.self)
  }
}
