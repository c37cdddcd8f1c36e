import Glibc

/// Reads a stream's bytes into a LineBuffer, decompressing when the stream is gzip. The
/// kind is decided from the first two bytes once they are in the buffer, so nothing read to
/// decide is lost: a pipe, `<(cmd)` or a named FIFO can only be read once.
final class StreamReader {
  enum Outcome: Equatable {
    /// Bytes arrived (possibly none after decompression).
    case data
    /// Nothing to read now (non-blocking descriptor), or too little yet to tell the kind.
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
  /// Bytes read while the kind is undecided, at the start of `compressed`.
  private var held = 0
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
      return readFirst(into: buffer)
    }
  }

  /// Until two bytes tell the kind, bytes are held here, not in `buffer`: a caller could
  /// consume a lone first byte before the check saw the second.
  private func readFirst(into buffer: LineBuffer) -> Outcome {
    let n: Int
    switch readRaw(into: UnsafeMutableRawBufferPointer(rebasing: compressed[held...])) {
    case .bytes(let count): n = count
    case .stop(let outcome): return outcome
    }
    held += n
    guard held >= 2 || n == 0 else { return .wouldBlock }
    let first = UnsafeRawBufferPointer(rebasing: compressed[0..<held])
    held = 0
    guard first.count >= 2, (first[0], first[1]) == Self.gzipMagic else {
      mode = .plain
      buffer.append(first)
      return n == 0 ? .end : .data
    }
    let inflater = GzipInflater()
    mode = .gzip(inflater)
    do {
      try inflater.inflate(first) { buffer.append($0) }
    } catch {
      // Damage is reported on the next read, after what was decompressed.
      mode = .gzip(GzipInflater.broken)
      return .data
    }
    guard n == 0 else { return .data }
    do {
      try inflater.finish()
    } catch {
      return .failed(failure(error))
    }
    return .end
  }

  private func readCompressed(into buffer: LineBuffer, _ inflater: GzipInflater) -> Outcome {
    let n: Int
    switch readRaw(into: compressed) {
    case .bytes(let count): n = count
    case .stop(let outcome): return outcome
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

  /// One read(2) into `space`: the count (0 at the end), or what to tell the caller.
  private func readRaw(into space: UnsafeMutableRawBufferPointer) -> RawRead {
    let n = Glibc.read(fd, space.baseAddress, space.count)
    guard n < 0 else { return .bytes(n) }
    if errno == EINTR { return .stop(.data) }
    if errno == EAGAIN || errno == EWOULDBLOCK { return .stop(.wouldBlock) }
    return .stop(.failed(.readFailed(path: name, errno: errno)))
  }

  private enum RawRead {
    case bytes(Int)
    case stop(Outcome)
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
