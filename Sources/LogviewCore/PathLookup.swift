/// Finds a value by dotted path inside a JSON object where each step may be a nested object
/// or a flat dotted key: "a.b.c" matches {"a.b.c":…}, {"a":{"b.c":…}}, {"a.b":{"c":…}} and
/// {"a":{"b":{"c":…}}}; at each object the longest key wins (a flat dotted key before a
/// nested path), the next longest tried when the rest is not found below it, and of
/// duplicate keys the last.
///
/// Linear in the path and the record: each object's members are read once, and a key is
/// compared with the path's bytes where it would start (never a joined prefix built per
/// length, which made a path of n components cost n² per record); past `deepLevels` nested
/// objects, containers are skipped by their ends found once (`JSONContainerEnds`). No
/// recursion: the keys still to try wait on a list, so a deep path cannot exhaust the stack.
enum PathLookup {
  /// Below this many levels, members are listed by walking each value (the common case: no
  /// table to build); deeper, through the ends of the containers.
  static let deepLevels = 16

  /// Calls its argument with each member (key, value) of an object, in document order.
  typealias Members = ((_ key: JSONValue, _ value: JSONValue) -> Void) -> Void

  /// A key that spells the path up to a dot: the rest starts at `next`, inside `value`.
  private struct Step {
    var next: Int
    var value: JSONValue
    /// How many objects down `value` is.
    var depth: Int
  }

  static func find(_ path: UnsafeRawBufferPointer, in object: JSONValue) -> JSONValue? {
    guard object.kind == .object else { return nil }
    return find(path) { body in
      object.forEachMember { key, value in
        body(key, value)
        return true
      }
    }
  }

  /// The same, starting from an object whose members `members` lists (a record's top level,
  /// whose members its scan already recorded).
  static func find(_ path: UnsafeRawBufferPointer, members top: Members) -> JSONValue? {
    // Keys still to try, the most preferred last; allocated only when an object has two.
    var pending: [Step] = []
    var level = Level(path: path, start: 0, base: 0, depth: 0)
    var ends: JSONContainerEnds?
    top { level.offer($0, $1, &pending) }
    while true {
      if let whole = level.finish(&pending) { return whole }
      let step: Step
      if let only = level.only {
        step = only
      } else if let next = pending.popLast() {
        step = next
      } else {
        return nil
      }
      level = Level(path: path, start: step.next, base: pending.count, depth: step.depth)
      guard step.value.kind == .object else { continue }
      if step.depth < Self.deepLevels {
        step.value.forEachMember { key, value in
          level.offer(key, value, &pending)
          return true
        }
        continue
      }
      // Deep: the ends of this object's containers, found once for everything below it.
      if ends?.covers(step.value) != true { ends = JSONContainerEnds(step.value.bytes) }
      ends?.forEachMember(of: step.value) { level.offer($0, $1, &pending) }
    }
  }

  /// One object's members against the path from `start`: the member whose key spells all
  /// of the rest (`whole`), else the one key that begins it (`only`), else (two or more)
  /// those keys pushed on `pending` from `base`, shortest first, the last duplicate of each.
  private struct Level {
    let path: UnsafeRawBufferPointer
    let start: Int
    let base: Int
    let depth: Int
    var whole: JSONValue?
    var only: Step?

    init(path: UnsafeRawBufferPointer, start: Int, base: Int, depth: Int) {
      self.path = path
      self.start = start
      self.base = base
      self.depth = depth
    }

    mutating func offer(_ key: JSONValue, _ value: JSONValue, _ pending: inout [Step]) {
      guard let end = keyEnd(key, in: path, at: start) else { return }
      if end == path.count {
        whole = value
        return
      }
      let step = Step(next: end + 1, value: value, depth: depth + 1)
      if base == pending.count, only == nil || only?.next == step.next {
        only = step
        return
      }
      if let first = only { pending.append(first) }
      only = nil
      pending.append(step)
    }

    /// The whole match if any (dropping the keys pushed); else the keys pushed put in order.
    func finish(_ pending: inout [Step]) -> JSONValue? {
      guard base < pending.count else { return whole }
      if whole != nil {
        pending.removeSubrange(base...)
        return whole
      }
      let sorted = pending[base...].enumerated().sorted {
        ($0.element.next, $0.offset) < ($1.element.next, $1.offset)
      }
      pending.removeSubrange(base...)
      for (index, entry) in sorted.enumerated()
      where index + 1 == sorted.count || sorted[index + 1].element.next != entry.element.next {
        pending.append(entry.element)
      }
      return nil
    }
  }

  /// Where `key` (decoded) ends in `path` when it equals the path's bytes from `start` up to
  /// a dot or the end; nil otherwise.
  @inline(__always)
  static func keyEnd(_ key: JSONValue, in path: UnsafeRawBufferPointer, at start: Int) -> Int? {
    guard key.hasEscapes else { return keyEnd(key.bytes, in: path, at: start) }
    var decoded: [UInt8] = []
    JSONStringCodec.appendUnescaped(key.bytes, to: &decoded)
    return decoded.withUnsafeBytes { keyEnd($0, in: path, at: start) }
  }

  @inline(__always)
  static func keyEnd(
    _ key: UnsafeRawBufferPointer, in path: UnsafeRawBufferPointer, at start: Int
  ) -> Int? {
    let end = start &+ key.count
    guard end <= path.count, end == path.count || path[end] == UInt8(ascii: "."),
      key.isEmpty || ByteScan.equal(key, UnsafeRawBufferPointer(rebasing: path[start..<end]))
    else { return nil }
    return end
  }
}
