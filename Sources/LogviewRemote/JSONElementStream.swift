/// Reads a JSON answer as it arrives in pieces and hands over each element of one array in
/// it (the one at `path`, object keys from the top, e.g. `hits.hits`) as soon as the element
/// is complete, so that a page is parsed while it streams and never held whole. Everything
/// outside that array is kept in `rest` (the answer with the array emptied), to be read once
/// the answer has ended.
struct JSONElementStream {
  private struct Frame {
    let isObject: Bool
    /// The key whose value this container is (nil in an array, or at the top).
    let key: [UInt8]?
  }

  private let path: [[UInt8]]
  private var frames: [Frame] = []
  /// The answer outside the target array's elements.
  private(set) var rest: [UInt8] = []
  /// The depth of the target array while inside it.
  private var target: Int?
  /// The target array was seen; the top-level value has ended.
  private(set) var found = false
  private(set) var complete = false

  private var inString = false
  private var escaped = false
  /// In an object before a key; reading a key; the last key read.
  private var expectingKey = false
  private var readingKey = false
  private var key: [UInt8] = []
  private var lastKey: [UInt8]?

  /// The element being read: what came of it in earlier pieces (it is copied only when it
  /// spans pieces), where it starts in this one, and whether it is an object or array.
  private var element: [UInt8] = []
  private var elementFrom = 0
  private var inElement = false
  private var elementIsContainer = false

  init(path: [String]) {
    self.path = path.map { Array($0.utf8) }
  }

  /// Reads `bytes`; `take` gets each element completed in them. False once `take` refused
  /// one (the rest is not read).
  mutating func feed(_ bytes: UnsafeRawBufferPointer, take: (UnsafeRawBufferPointer) -> Bool)
    -> Bool
  {
    var i = 0
    elementFrom = 0
    defer {
      if inElement { element.append(contentsOf: bytes[elementFrom...]) }
    }
    while i < bytes.count {
      let byte = bytes[i]
      i += 1
      if inString {
        if !escaped, !readingKey, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
          // Most of an answer is string content: copy the run up to the next quote or
          // backslash at once.
          var end = i
          while end < bytes.count, bytes[end] != UInt8(ascii: "\""),
            bytes[end] != UInt8(ascii: "\\")
          {
            end += 1
          }
          route(UnsafeRawBufferPointer(rebasing: bytes[(i - 1)..<end]))
          i = end
          continue
        }
        string(byte)
        continue
      }
      if inElement, !elementIsContainer, frames.count == target,
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]")
      {
        // A number, string or literal element ends at the separator after it.
        guard finishElement(bytes, end: i - 1, take) else { return false }
      }
      if let target, frames.count == target, !inElement {
        // Between elements: separators are dropped; the array's end goes to `rest`.
        if byte <= 0x20 || byte == UInt8(ascii: ",") { continue }
        if byte != UInt8(ascii: "]") {
          inElement = true
          elementFrom = i - 1
          elementIsContainer = byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")
        }
      }
      route(byte)
      guard structural(byte, bytes, end: i, take) else { return false }
    }
    return true
  }

  private mutating func string(_ byte: UInt8) {
    route(byte)
    if escaped {
      escaped = false
    } else if byte == UInt8(ascii: "\\") {
      escaped = true
    } else if byte == UInt8(ascii: "\"") {
      inString = false
      if readingKey {
        readingKey = false
        lastKey = key
      }
      return
    }
    if readingKey { key.append(byte) }
  }

  /// Brackets, quotes and separators outside strings; false when `take` refused an element.
  private mutating func structural(
    _ byte: UInt8, _ bytes: UnsafeRawBufferPointer, end: Int,
    _ take: (UnsafeRawBufferPointer) -> Bool
  ) -> Bool {
    switch byte {
    case UInt8(ascii: "\""):
      inString = true
      readingKey = expectingKey && !inElement
      if readingKey { key.removeAll(keepingCapacity: true) }
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      let isObject = byte == UInt8(ascii: "{")
      frames.append(Frame(isObject: isObject, key: frames.last?.isObject == true ? lastKey : nil))
      expectingKey = isObject
      if !isObject, target == nil, !inElement, frames.count == path.count + 1,
        frames.dropFirst().map(\.key) == path.map { Optional($0) }
      {
        target = frames.count
        found = true
      }
    case UInt8(ascii: "}"), UInt8(ascii: "]"):
      guard !frames.isEmpty else { return true }
      if frames.count == target { target = nil }
      frames.removeLast()
      expectingKey = false
      if inElement, elementIsContainer, frames.count == target {
        return finishElement(bytes, end: end, take)
      }
      if frames.isEmpty { complete = true }
    case UInt8(ascii: ":"):
      expectingKey = false
    case UInt8(ascii: ","):
      expectingKey = frames.last?.isObject == true
    default:
      break
    }
    return true
  }

  /// Bytes outside the target array's elements go to `rest` (an element's are taken by
  /// range when it ends).
  private mutating func route(_ byte: UInt8) {
    if !inElement { rest.append(byte) }
  }

  private mutating func route(_ run: UnsafeRawBufferPointer) {
    if !inElement { rest.append(contentsOf: run) }
  }

  /// Hands over the element ending at `end` (exclusive) in `bytes`, without the whitespace
  /// after it.
  private mutating func finishElement(
    _ bytes: UnsafeRawBufferPointer, end: Int, _ take: (UnsafeRawBufferPointer) -> Bool
  ) -> Bool {
    inElement = false
    var piece = UnsafeRawBufferPointer(rebasing: bytes[elementFrom..<max(elementFrom, end)])
    if element.isEmpty {
      while let last = piece.last, last <= 0x20 {
        piece = UnsafeRawBufferPointer(rebasing: piece.dropLast())
      }
      return take(piece)
    }
    element.append(contentsOf: piece)
    while let last = element.last, last <= 0x20 { element.removeLast() }
    let keep = element.withUnsafeBytes(take)
    element.removeAll(keepingCapacity: true)
    return keep
  }
}
