/// Something read in chunks until it ends: a pipe, stdin, or a decompressed .gz file.
public protocol ByteStream: AnyObject {
  var name: String { get }
  /// Reads up to `buffer.count` bytes; 0 means the end.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(SourceError) -> Int
}

extension StreamReader: ByteStream {}
