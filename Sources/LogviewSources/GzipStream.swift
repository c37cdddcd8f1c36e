import CZlib
import Glibc

/// A gzip file decompressed as it is read (zlib), including files of several gzip members
/// (concatenated archives). Corrupt data ends the stream with a read error naming the file.
public final class GzipStream: ByteStream, @unchecked Sendable {
  public let name: String
  private let input: StreamReader
  private var stream = z_stream()
  private let inputBuffer = UnsafeMutableRawBufferPointer.allocate(
    byteCount: 256 << 10, alignment: 16)
  private var inputEnded = false
  private var finished = false

  /// True when the file starts with the gzip magic bytes.
  public static func isGzip(path: String) -> Bool {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var magic: (UInt8, UInt8) = (0, 0)
    return withUnsafeMutableBytes(of: &magic) { Glibc.read(fd, $0.baseAddress, 2) } == 2
      && magic == (0x1F, 0x8B)
  }

  public init(path: String) throws(SourceError) {
    name = path
    input = try StreamReader.open(path)
    guard lv_inflate_init(&stream) == Z_OK else {
      inputBuffer.deallocate()
      throw .readFailed(path: path, errno: ENOMEM)
    }
  }

  deinit {
    inflateEnd(&stream)
    inputBuffer.deallocate()
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SourceError) -> Int {
    guard let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
    while !finished {
      if stream.avail_in == 0 && !inputEnded {
        let n = try input.read(into: inputBuffer)
        if n == 0 {
          inputEnded = true
        } else {
          stream.next_in = inputBuffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
          stream.avail_in = uInt(n)
        }
      }
      stream.next_out = out.assumingMemoryBound(to: Bytef.self)
      stream.avail_out = uInt(buffer.count)
      let status = inflate(&stream, Z_NO_FLUSH)
      let produced = buffer.count - Int(stream.avail_out)
      switch status {
      case Z_STREAM_END:
        // Another member may follow (concatenated .gz files).
        if stream.avail_in > 0 || !inputEnded {
          inflateReset(&stream)
        } else {
          finished = true
        }
      case Z_OK:
        break
      case Z_BUF_ERROR where inputEnded:
        // Truncated archive: keep what was decompressed, then end.
        finished = true
      case Z_BUF_ERROR:
        break
      default:
        throw .corruptCompressed(path: name)
      }
      if produced > 0 { return produced }
      if inputEnded && stream.avail_in == 0 && status != Z_OK { finished = true }
    }
    return 0
  }
}
