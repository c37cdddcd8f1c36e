import Glibc

/// A CRI container log line (containerd, CRI-O): `TIME STREAM TAG CONTENT`, the time in
/// RFC 3339, the stream `stdout` or `stderr`, the tag `F` (full) or `P` (partial: the content
/// goes on in the next line). Told by a few bytes, for the record splitter, which runs on
/// every line: a line after a `P` line continues it, and a line's content decides whether it
/// continues a stack trace as the content alone would; and for the prefix reader.
enum CRILine {
  /// Where the stream word and the content start, and whether the line is partial; nil for
  /// other lines.
  @inline(__always)
  static func content(_ line: UnsafeRawBufferPointer)
    -> (streamStart: Int, start: Int, isPartial: Bool)?
  {
    guard line.count >= 29, line[10] == UInt8(ascii: "T"), line[4] == UInt8(ascii: "-"),
      let base = line.baseAddress, let space = memchr(base + 19, 0x20, min(line.count, 40) - 19)
    else { return nil }
    let i = UnsafeRawPointer(space) - base + 1
    guard i + 8 <= line.count,
      LinePrefixReader.equals(UnsafeRawBufferPointer(rebasing: line[i..<(i + 6)]), "stdout")
        || LinePrefixReader.equals(UnsafeRawBufferPointer(rebasing: line[i..<(i + 6)]), "stderr"),
      line[i + 6] == UInt8(ascii: " "),
      line[i + 7] == UInt8(ascii: "F") || line[i + 7] == UInt8(ascii: "P"),
      i + 8 == line.count || line[i + 8] == UInt8(ascii: " ")
    else { return nil }
    return (i, min(i + 9, line.count), line[i + 7] == UInt8(ascii: "P"))
  }
}
