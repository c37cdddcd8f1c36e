import Glibc

/// The one partial-line buffer: bytes read from a source (a stream, a followed file, a
/// decompressed archive) wait here until they form complete lines, which are handed on; the
/// partial last line stays (moved to the front) until its newline arrives. Reads go straight
/// into the buffer after the kept tail, so nothing is copied twice.
public final class LineBuffer {
  static let readSize = 1 << 20
  private static let initialCapacity = 2 << 20

  private var storage: UnsafeMutableRawPointer
  private var capacity: Int
  /// Bytes held: a partial line (no newline in it) followed by newly added bytes.
  private(set) var count = 0
  /// Bytes before this offset hold no newline (the kept partial line).
  private var scanned = 0

  public init() {
    capacity = Self.initialCapacity
    storage = .allocate(byteCount: capacity, alignment: 16)
  }

  deinit { storage.deallocate() }

  private func reserve(_ extra: Int) {
    guard capacity - count < extra else { return }
    let grown = max(capacity * 2, count + extra)
    let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
    bigger.copyMemory(from: storage, byteCount: count)
    storage.deallocate()
    storage = bigger
    capacity = grown
  }

  /// The bytes held.
  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: count) }

  /// Reads once from `fd` (up to `readSize`; at `offset` with pread when given). Returns the
  /// byte count, 0 at end of stream, nil when nothing is available yet (non-blocking
  /// descriptor) or the errno on failure.
  func read(from fd: Int32, at offset: Int64? = nil) -> Result<Int?, ReadError> {
    reserve(Self.readSize)
    while true {
      let room = min(Self.readSize, capacity - count)
      let n =
        offset.map { pread(fd, storage + count, room, off_t($0)) }
        ?? Glibc.read(fd, storage + count, room)
      if n >= 0 {
        count += n
        return .success(n)
      }
      if errno == EINTR { continue }
      if errno == EAGAIN || errno == EWOULDBLOCK { return .success(nil) }
      return .failure(ReadError(code: errno))
    }
  }

  struct ReadError: Error {
    let code: Int32
  }

  public func append(_ bytes: UnsafeRawBufferPointer) {
    guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
    reserve(bytes.count)
    (storage + count).copyMemory(from: from, byteCount: bytes.count)
    count += bytes.count
  }

  /// Passes every complete line held (through the last newline) to `body` and keeps the rest.
  public func takeCompleteLines(_ body: (UnsafeRawBufferPointer) -> Void) {
    let bytes = storage.assumingMemoryBound(to: UInt8.self)
    var i = count - 1
    while i >= scanned, bytes[i] != 0x0A { i -= 1 }
    guard i >= scanned else {
      scanned = count
      return
    }
    body(UnsafeRawBufferPointer(start: storage, count: i + 1))
    let rest = count - (i + 1)
    if rest > 0 { storage.copyMemory(from: storage + i + 1, byteCount: rest) }
    count = rest
    scanned = rest
    shrinkIfIdle()
  }

  /// Passes whatever is held (a last line without newline) to `body` and empties the buffer.
  public func takeRest(_ body: (UnsafeRawBufferPointer) -> Void) {
    if count > 0 { body(UnsafeRawBufferPointer(start: storage, count: count)) }
    reset()
  }

  func reset() {
    count = 0
    scanned = 0
    shrinkIfIdle()
  }

  /// After one huge line, give its memory back.
  private func shrinkIfIdle() {
    guard capacity > 4 * Self.initialCapacity, count < Self.initialCapacity else { return }
    let smaller = UnsafeMutableRawPointer.allocate(byteCount: Self.initialCapacity, alignment: 16)
    smaller.copyMemory(from: storage, byteCount: count)
    storage.deallocate()
    storage = smaller
    capacity = Self.initialCapacity
  }
}
