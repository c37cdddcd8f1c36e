/// The 32-bit hash stored per record for its request ID: lets the filter engine, the
/// request view and --request find a request's records without reading them.
public enum RequestIdHash {
  /// FNV-1a, never 0 (0 means "no request ID").
  @inlinable
  public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var h: UInt32 = 0x811c_9dc5
    for byte in bytes { h = (h ^ UInt32(byte)) &* 0x0100_0193 }
    return h == 0 ? 1 : h
  }

  public static func of(_ text: String) -> UInt32 {
    Array(text.utf8).withUnsafeBytes { of($0) }
  }
}
