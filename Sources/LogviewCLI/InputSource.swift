import LogviewSources

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One named input: a memory-mapped regular file, or a stream (stdin, a FIFO) that is read
/// incrementally, or in full when records must be merged across sources.
final class InputSource {
  let name: String
  let nameBytes: [UInt8]
  let mapped: MappedFile?
  let stream: ByteStream?
  /// A stream's bytes once read in full (merge mode), kept alive for formatting.
  private(set) var contents: [UInt8] = []

  init(name: String, mapped: MappedFile?, stream: ByteStream?) {
    self.name = name
    self.nameBytes = Array(name.utf8)
    self.mapped = mapped
    self.stream = stream
  }

  /// Opens every path first, so an unreadable file fails the run before any output.
  static func open(_ paths: [String]) throws(LogviewError) -> [InputSource] {
    var sources: [InputSource] = []
    for path in paths {
      if path == "-" {
        // `logview < file` is a file: map it and use every core, like a named file.
        let mapped = try? MappedFile.map(STDIN_FILENO, name: "-")
        sources.append(
          InputSource(
            name: "-", mapped: mapped ?? nil,
            stream: mapped == nil ? StreamReader.standardInput() : nil))
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
    guard let stream else { return }
    do {
      contents = try stream.readAll()
    } catch {
      throw .source(error)
    }
  }

  /// The whole input when it is in memory (mapped, or a stream read in full).
  func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
    if let mapped { return body(mapped.bytes) }
    return contents.withUnsafeBytes(body)
  }
}
