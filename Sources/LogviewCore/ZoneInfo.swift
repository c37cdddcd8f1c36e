import Glibc
import LogviewSystem

/// A zone from a compiled zone file (TZif, RFC 8536) of the system's zoneinfo directory, or
/// from a bare POSIX rule: UTC offsets between transitions, then the file's footer rule.
/// Anything malformed makes the initializers return nil rather than guess.
struct ZoneInfo: Sendable {
  /// The IANA name, or whatever named the zone ("local", a TZ value).
  let identifier: String
  /// Transition instants in UTC seconds, strictly ascending.
  private let transitions: [Int64]
  /// The offset in force from each transition on.
  private let offsetsAfter: [Int]
  /// The offset before the first transition.
  private let initialOffset: Int
  /// The rule after the last transition (all the time if there are no transitions).
  private let footer: PosixZoneRule?

  /// Real files are a few kilobytes; anything bigger is not a zone file.
  static let maxFileSize = 1 << 20
  /// Offsets beyond this are corrupt data (RFC 8536 allows up to 25:59:59).

  /// A zone that only follows a POSIX rule (a TZ value such as "EST5EDT,M3.2.0,M11.1.0").
  init(rule: PosixZoneRule, identifier: String) {
    self.identifier = identifier
    transitions = []
    offsetsAfter = []
    initialOffset = rule.standardOffset
    footer = rule
  }

  /// Parses TZif data: v1 (32-bit times), or v2 and later, whose 64-bit block and footer are
  /// used.
  init?(tzif bytes: [UInt8], identifier: String) {
    guard bytes.count <= Self.maxFileSize else { return nil }
    var reader = Reader(bytes: bytes)
    guard let first = Header(&reader) else { return nil }
    var header = first
    var timeSize = 4
    if first.version != 0 {
      guard reader.skip(first.bodySize(timeSize: 4)), let second = Header(&reader) else {
        return nil
      }
      header = second
      timeSize = 8
    }
    guard let body = Body(&reader, header: header, timeSize: timeSize) else { return nil }
    var footer: PosixZoneRule?
    if header.version != 0 {
      guard let text = reader.footer() else { return nil }
      if !text.isEmpty {
        guard let rule = PosixZoneRule(bytes: text) else { return nil }
        footer = rule
      }
    }
    self.identifier = identifier
    transitions = body.transitions
    offsetsAfter = body.offsetsAfter
    initialOffset = body.initialOffset
    self.footer = footer
  }

  /// Offset east of UTC in seconds at the given UTC instant.
  func offset(atUTC seconds: Int64) -> Int {
    // low = how many transitions are at or before `seconds`.
    var low = 0
    var high = transitions.count
    while low < high {
      let middle = low + (high - low) / 2
      if transitions[middle] <= seconds {
        low = middle + 1
      } else {
        high = middle
      }
    }
    // The footer covers instants after the last transition (RFC 8536 section 3.3).
    if let footer, low == transitions.count, low == 0 || seconds > transitions[low - 1] {
      return footer.offset(atUTC: seconds)
    }
    return low == 0 ? initialOffset : offsetsAfter[low - 1]
  }

  /// The fixed-size header that starts each data block.
  private struct Header {
    let version: UInt8
    let isUTCCount, isStandardCount, leapCount, timeCount, typeCount, charCount: Int

    init?(_ reader: inout Reader) {
      guard let magic = reader.take(4), magic.elementsEqual("TZif".utf8),
        let version = reader.take(1)?.first, version == 0 || version >= UInt8(ascii: "2"),
        reader.skip(15)
      else { return nil }
      var counts: [Int] = []
      for _ in 0..<6 {
        guard let count = reader.integer(size: 4), count >= 0 else { return nil }
        counts.append(Int(count))
      }
      self.version = version
      (isUTCCount, isStandardCount, leapCount) = (counts[0], counts[1], counts[2])
      (timeCount, typeCount, charCount) = (counts[3], counts[4], counts[5])
      // Type indices are single bytes; the indicator arrays are per type or absent.
      guard (1...256).contains(typeCount), [0, typeCount].contains(isUTCCount),
        [0, typeCount].contains(isStandardCount)
      else { return nil }
    }

    /// Bytes of the data block after this header; counts are below 2^32, so no overflow.
    func bodySize(timeSize: Int) -> Int {
      timeCount * (timeSize + 1) + typeCount * 6 + charCount + leapCount * (timeSize + 4)
        + isStandardCount + isUTCCount
    }
  }

  /// The parts of a data block the lookups need; abbreviations and leap seconds are skipped.
  private struct Body {
    var transitions: [Int64] = []
    var offsetsAfter: [Int] = []
    var initialOffset = 0

    init?(_ reader: inout Reader, header: Header, timeSize: Int) {
      // Checked up front so absurd counts fail before any allocation.
      guard header.bodySize(timeSize: timeSize) <= reader.remaining else { return nil }
      transitions.reserveCapacity(header.timeCount)
      for _ in 0..<header.timeCount {
        guard let time = reader.integer(size: timeSize) else { return nil }
        if let last = transitions.last, time <= last { return nil }
        transitions.append(time)
      }
      guard let typeIndices = reader.take(header.timeCount) else { return nil }
      var offsets: [Int] = []
      var isDaylight: [Bool] = []
      for _ in 0..<header.typeCount {
        guard let offset = reader.integer(size: 4), abs(offset) <= ZoneOffsetCache.maxOffset,
          let flags = reader.take(2), let dst = flags.first, dst <= 1
        else { return nil }
        offsets.append(Int(offset))
        isDaylight.append(dst == 1)
      }
      for index in typeIndices {
        guard Int(index) < offsets.count else { return nil }
        offsetsAfter.append(offsets[Int(index)])
      }
      // The first standard-time type, as glibc and CPython choose; zic makes it type 0.
      let initialType = isDaylight.firstIndex(of: false) ?? 0
      initialOffset = offsets[initialType]
      let rest = header.charCount + header.leapCount * (timeSize + 4)
      guard reader.skip(rest + header.isStandardCount + header.isUTCCount) else { return nil }
    }
  }

  /// Bounds-checked big-endian reads; every read past the end returns nil.
  private struct Reader {
    let bytes: [UInt8]
    var position = 0

    var remaining: Int { bytes.count - position }

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
      guard count >= 0, count <= remaining else { return nil }
      defer { position += count }
      return bytes[position..<position + count]
    }

    mutating func skip(_ count: Int) -> Bool { take(count) != nil }

    /// A signed big-endian integer of 4 or 8 bytes.
    mutating func integer(size: Int) -> Int64? {
      guard let raw = take(size) else { return nil }
      var value: UInt64 = 0
      for byte in raw { value = value << 8 | UInt64(byte) }
      return size == 4
        ? Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: value))) : Int64(bitPattern: value)
    }

    /// The v2+ footer: the text between two newlines (empty when there is no rule).
    mutating func footer() -> [UInt8]? {
      guard let open = take(1), open.first == UInt8(ascii: "\n") else { return nil }
      let rest = bytes[position...]
      guard let close = rest.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
      defer { position = close + 1 }
      return Array(bytes[position..<close])
    }
  }
}

extension ZoneInfo {
  /// TZDIR when set, else the usual place.
  static var directory: String {
    guard let value = getenv("TZDIR"), value.pointee != 0 else { return "/usr/share/zoneinfo" }
    return String(cString: value)
  }

  /// An IANA zone ("Europe/Paris") from the zoneinfo directory; nil when unknown. Absolute
  /// names and ".." components are refused so a name cannot reach outside the directory.
  static func named(_ name: String, in directory: String = directory) -> ZoneInfo? {
    let components = name.split(separator: "/", omittingEmptySubsequences: false)
    guard !name.isEmpty, !name.hasPrefix("/"), !name.utf8.contains(0),
      !components.contains("..")
    else { return nil }
    guard let bytes = FileContents.read(directory + "/" + name, limit: maxFileSize) else {
      return nil
    }
    return ZoneInfo(tzif: bytes, identifier: name)
  }

  /// The machine's zone: TZ when set, else /etc/localtime; nil means UTC.
  static func local() -> ZoneInfo? {
    local(tz: getenv("TZ").map { String(cString: $0) }, directory: directory)
  }

  /// `local()` with the environment passed in. A TZ of ":/path", ":Name" or "Name" names a
  /// zone file; failing that, it is read as a POSIX rule. Empty or unusable means UTC (nil),
  /// as in glibc.
  static func local(
    tz: String?, directory: String, localtime: String = "/etc/localtime"
  ) -> ZoneInfo? {
    guard let tz else {
      guard let bytes = FileContents.read(localtime, limit: maxFileSize) else { return nil }
      let name = linkedName(localtime, directory: directory)
      return ZoneInfo(tzif: bytes, identifier: name ?? "local")
    }
    let spec = tz.hasPrefix(":") ? String(tz.dropFirst()) : tz
    guard !spec.isEmpty, !spec.utf8.contains(0) else { return nil }
    if spec.hasPrefix("/") {
      let name = nameInDirectory(spec, directory: directory) ?? spec
      if let bytes = FileContents.read(spec, limit: maxFileSize),
        let zone = ZoneInfo(tzif: bytes, identifier: name)
      {
        return zone
      }
    } else if let zone = named(spec, in: directory) {
      return zone
    }
    return PosixZoneRule(spec).map { ZoneInfo(rule: $0, identifier: spec) }
  }

  /// The IANA name a symlink such as /etc/localtime points at, if it points into a zoneinfo
  /// directory.
  private static func linkedName(_ path: String, directory: String) -> String? {
    var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX))
    let count = buffer.withUnsafeMutableBytes { raw -> Int in
      guard let base = raw.baseAddress else { return -1 }
      return readlink(path, base.assumingMemoryBound(to: CChar.self), raw.count)
    }
    guard count > 0, count < buffer.count else { return nil }
    return nameInDirectory(String(decoding: buffer[0..<count], as: UTF8.self), directory: directory)
  }

  /// "Europe/Paris" for a path under `directory` or under any ".../zoneinfo/".
  private static func nameInDirectory(_ path: String, directory: String) -> String? {
    let prefix = directory.hasSuffix("/") ? directory : directory + "/"
    if path.hasPrefix(prefix), path.utf8.count > prefix.utf8.count {
      return String(path.dropFirst(prefix.count))
    }
    let parts = path.split(separator: "/")
    guard let at = parts.lastIndex(of: "zoneinfo"), at + 1 < parts.count else { return nil }
    return parts[(at + 1)...].joined(separator: "/")
  }
}
