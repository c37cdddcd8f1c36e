/// Something read in chunks until it ends: a pipe, stdin, or a decompressed .gz file.
public protocol ByteStream: AnyObject {
  var name: String { get }
  /// Reads up to `buffer.count` bytes; 0 means the end.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(SourceError) -> Int
}

extension ByteStream {
  /// Reads everything to the end.
  public func readAll() throws(SourceError) -> [UInt8] {
    var all: [UInt8] = []
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { chunk.deallocate() }
    while true {
      let n = try read(into: chunk)
      if n == 0 { return all }
      all.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
    }
  }
}

extension StreamReader: ByteStream {}
