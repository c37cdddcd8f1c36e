import Glibc
import LogviewCore
import LogviewSources

/// One named input: a memory-mapped regular file, or a stream (stdin, a FIFO) that is read
/// incrementally, or in full when records must be merged across sources.
final class InputSource {
  let name: String
  let nameBytes: [UInt8]
  let mapped: MappedFile?
  let stream: ByteStream?
  /// A stream's bytes once read in full (merge mode): a private temporary file, mapped, so
  /// a large archive or pipe costs page cache rather than memory.
  private(set) var spooled: MappedFile?

  /// A file that did not exist yet when logview started (-f waits for it).
  var awaited: Bool { mapped == nil && stream == nil }
  /// Follow mode: a partial last line of a mapped file is left for the follower, which reads
  /// it whole once its newline arrives.
  private(set) var completeLength: Int?

  init(name: String, mapped: MappedFile?, stream: ByteStream?) {
    self.name = name
    self.nameBytes = Array(name.utf8)
    self.mapped = mapped
    self.stream = stream
  }

  /// Opens every path first, so an unreadable file fails the run before any output. With
  /// `awaitMissing` (-f), a path that does not exist yet is an empty source to follow.
  static func open(_ paths: [String], awaitMissing: Bool = false) throws(LogviewError)
    -> [InputSource]
  {
    var sources: [InputSource] = []
    for path in paths {
      if path == "-" {
        // `logview < file` is a file: map it and use every core, like a named file.
        let mapped = try? MappedFile.map(STDIN_FILENO, name: "-")
        sources.append(
          InputSource(
            name: "-", mapped: mapped,
            stream: mapped == nil ? StreamReader.standardInput() : nil))
        continue
      }
      if awaitMissing, access(path, F_OK) != 0, errno == ENOENT {
        sources.append(InputSource(name: path, mapped: nil, stream: nil))
        continue
      }
      do {
        if GzipStream.isGzip(path: path) {
          // Compressed: decompressed as it is read (not followed: archives do not grow).
          sources.append(InputSource(name: path, mapped: nil, stream: try GzipStream(path: path)))
        } else if let file = try MappedFile.open(path) {
          sources.append(InputSource(name: path, mapped: file, stream: nil))
        } else {
          sources.append(InputSource(name: path, mapped: nil, stream: try StreamReader.open(path)))
        }
      } catch {
        throw .source(error)
      }
    }
    return sources
  }

  func readStreamFully() throws(LogviewError) {
    guard let stream, spooled == nil else { return }
    let copy: (file: MappedFile, error: SourceError?)
    do {
      copy = try SpooledFile.spool(stream, name: name)
    } catch {
      throw .source(error)
    }
    if let error = copy.error { throw .source(error) }
    spooled = copy.file
  }

  /// Leaves a mapped file's partial last line to follow mode.
  func holdBackPartialLine() {
    guard let bytes = mapped?.bytes else { return }
    completeLength = ByteScan.lastIndex(of: 0x0A, in: bytes).map { $0 + 1 } ?? 0
  }

  /// The whole input when it is in memory (mapped, or a stream read in full), without a
  /// partial last line held back for follow mode.
  func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
    let bytes = (mapped ?? spooled)?.bytes ?? UnsafeRawBufferPointer(start: nil, count: 0)
    return body(
      UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, completeLength ?? bytes.count)]))
  }
}
