import Glibc

/// Reads a stream's bytes into a LineBuffer, decompressing when the stream is gzip. The
/// kind is decided from the first two bytes once they are in the buffer, so nothing read to
/// decide is lost: a pipe, `<(cmd)` or a named FIFO can only be read once.
final class StreamReader {
  enum Outcome: Equatable {
    /// Bytes arrived (possibly none after decompression).
    case data
    /// Nothing to read now (non-blocking descriptor).
    case wouldBlock
    case end
    case failed(SourceError)
  }

  private enum Mode {
    case undecided, plain
    case gzip(GzipInflater)
  }

  let name: String
  let fd: Int32
  private var mode: Mode = .undecided
  private let compressed = UnsafeMutableRawBufferPointer.allocate(
    byteCount: 256 << 10, alignment: 16)

  init(name: String, fd: Int32) {
    self.name = name
    self.fd = fd
  }

  deinit { compressed.deallocate() }

  static let gzipMagic: (UInt8, UInt8) = (0x1F, 0x8B)

  /// Reads once into `buffer` (decompressed when gzip).
  func read(into buffer: LineBuffer) -> Outcome {
    switch mode {
    case .plain:
      return outcome(buffer.read(from: fd))
    case .gzip(let inflater):
      return readCompressed(into: buffer, inflater)
    case .undecided:
      let result = outcome(buffer.read(from: fd))
      guard buffer.count >= 2 || result == .end else { return result }
      decide(buffer)
      if case .gzip(let inflater) = mode, result == .end {
        do {
          try inflater.finish()
        } catch {
          return .failed(failure(error))
        }
      }
      return result
    }
  }

  /// The stream's first bytes are in `buffer`: gzip's magic turns them into compressed input.
  private func decide(_ buffer: LineBuffer) {
    let bytes = buffer.bytes
    guard bytes.count >= 2, (bytes[0], bytes[1]) == Self.gzipMagic else {
      mode = .plain
      return
    }
    let inflater = GzipInflater()
    mode = .gzip(inflater)
    let input = Array(bytes)
    buffer.reset()
    let inflated = input.withUnsafeBytes { input in
      do {
        try inflater.inflate(input) { buffer.append($0) }
        return true
      } catch {
        return false
      }
    }
    // Damage is reported on the next read, after what was decompressed.
    if !inflated { mode = .gzip(GzipInflater.broken) }
  }

  private func readCompressed(into buffer: LineBuffer, _ inflater: GzipInflater) -> Outcome {
    let n = Glibc.read(fd, compressed.baseAddress, compressed.count)
    if n < 0 {
      if errno == EINTR { return .data }
      if errno == EAGAIN || errno == EWOULDBLOCK { return .wouldBlock }
      return .failed(.readFailed(path: name, errno: errno))
    }
    do {
      if n == 0 {
        try inflater.finish()
        return .end
      }
      try inflater.inflate(UnsafeRawBufferPointer(rebasing: compressed[0..<n])) {
        buffer.append($0)
      }
    } catch {
      return .failed(failure(error))
    }
    return .data
  }

  private func outcome(_ result: Result<Int?, LineBuffer.ReadError>) -> Outcome {
    switch result {
    case .success(.none): .wouldBlock
    case .success(let n?): n == 0 ? .end : .data
    case .failure(let error): .failed(.readFailed(path: name, errno: error.code))
    }
  }

  private func failure(_ error: GzipInflater.Failure) -> SourceError {
    error == .truncated ? .truncatedCompressed(path: name) : .corruptCompressed(path: name)
  }
}
