/// The sorted record indices of a filtered view, in chunks of 65,536: appending copies only
/// the last chunk and the chunk table, never every match, even while a reader holds an
/// earlier snapshot (a plain array is copied whole on each append once shared).
public struct MatchList: Sendable, Equatable {
  static let shift = 16
  static let chunkSize = 1 << shift

  private var chunks: [[Int]] = []
  public private(set) var count = 0

  public init() {}

  public init(_ indices: [Int]) { append(contentsOf: indices) }

  @inline(__always)
  public subscript(position: Int) -> Int {
    chunks[position >> Self.shift][position & (Self.chunkSize - 1)]
  }

  public mutating func append(contentsOf indices: [Int]) {
    var rest = indices[...]
    while !rest.isEmpty {
      if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
        chunks.append([])
        chunks[chunks.count - 1].reserveCapacity(min(Self.chunkSize, rest.count))
      }
      let room = Self.chunkSize - chunks[chunks.count - 1].count
      chunks[chunks.count - 1].append(contentsOf: rest.prefix(room))
      rest = rest.dropFirst(room)
    }
    count += indices.count
  }

  /// Forgets the first `n` whole chunks (n × 65,536 entries).
  mutating func removeFirstChunks(_ n: Int) {
    let n = min(n, chunks.count)
    count -= chunks[..<n].reduce(0) { $0 + $1.count }
    chunks.removeFirst(n)
  }

  /// Every entry as one array (tests, small results).
  public var array: [Int] { chunks.flatMap { $0 } }
}
