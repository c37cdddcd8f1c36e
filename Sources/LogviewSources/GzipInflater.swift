import CZlib

/// zlib's inflate, fed compressed bytes as they arrive: gzip members one after another
/// (concatenated archives), output handed on in pieces.
final class GzipInflater {
  private var stream = z_stream()
  private let output = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
  private var started = false
  /// True between members: the input may end here.
  private var atMemberEnd = true
  private var valid = true
  private var initialized = false

  init() {
    valid = lv_inflate_init(&stream) == Z_OK
    initialized = valid
  }

  private init(broken: Void) {
    valid = false
  }

  /// An inflater that fails at once: for data already found corrupt.
  static var broken: GzipInflater { GzipInflater(broken: ()) }

  deinit {
    if initialized { inflateEnd(&stream) }
    output.deallocate()
  }

  enum Failure: Error {
    case corrupt, truncated
  }

  /// Decompresses `input`, calling `body` with each piece of output.
  func inflate(_ input: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void)
    throws(Failure)
  {
    guard valid else { throw .corrupt }
    guard let base = input.baseAddress, !input.isEmpty else { return }
    stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
    stream.avail_in = uInt(input.count)
    while true {
      if atMemberEnd, started {
        // Another member follows (concatenated .gz files).
        inflateReset(&stream)
      }
      started = true
      atMemberEnd = false
      stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
      stream.avail_out = uInt(output.count)
      let status = CZlib.inflate(&stream, Z_NO_FLUSH)
      let produced = output.count - Int(stream.avail_out)
      if produced > 0 { body(UnsafeRawBufferPointer(rebasing: output[0..<produced])) }
      switch status {
      case Z_STREAM_END:
        atMemberEnd = true
        if stream.avail_in == 0 { return }
      case Z_OK:
        if stream.avail_in == 0 && stream.avail_out > 0 { return }
      case Z_BUF_ERROR:
        // No progress possible: all input consumed, more is needed.
        return
      default:
        throw .corrupt
      }
    }
  }

  /// The input ended: fails when it stopped inside a member.
  func finish() throws(Failure) {
    guard valid else { throw .corrupt }
    if started && !atMemberEnd { throw .truncated }
  }
}
