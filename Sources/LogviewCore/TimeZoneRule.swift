import Synchronization

/// How wall-clock times map to UTC: fixed UTC, a fixed offset, the machine's local zone,
/// or a named IANA zone. Cheap to copy (an offset or one shared reference) and safe to use
/// from several threads at once.
public struct TimeZoneRule: Sendable, Equatable {
  enum Storage: Sendable {
    case fixed(Int)
    case zone(ZoneOffsetCache)
  }

  let storage: Storage

  public static let utc = TimeZoneRule()

  public init() { storage = .fixed(0) }

  /// A fixed offset east of UTC, in seconds (at most 26 hours either way).
  public init?(offsetSeconds: Int) {
    guard abs(offsetSeconds) <= ZoneOffsetCache.maxOffset else { return nil }
    storage = .fixed(offsetSeconds)
  }

  /// "UTC", "local", an IANA name ("Europe/Paris") or a fixed offset ("+02:00", "-0530",
  /// "+02", "UTC+2"); nil if unknown.
  public init?(name: String) {
    let trimmed = name.trimmingWhitespace()
    let lower = trimmed.lowercased()
    if Self.utcNames.contains(lower) {
      storage = .fixed(0)
      return
    }
    if let offset = Self.parseFixedOffset(Array(trimmed.utf8)) {
      storage = .fixed(offset)
      return
    }
    let zone: ZoneInfo
    if lower == "local" {
      // No usable local zone means UTC, as in the C library.
      guard let local = ZoneInfo.local() else {
        storage = .fixed(0)
        return
      }
      zone = local
    } else if let named = ZoneInfo.named(trimmed) {
      zone = named
    } else {
      return nil
    }
    if Self.utcNames.contains(zone.identifier.lowercased()) {
      storage = .fixed(0)
    } else {
      storage = .zone(ZoneOffsetCache(zone))
    }
  }

  /// "UTC", a fixed offset like "+02:00", or the IANA identifier.
  public var identifier: String {
    switch storage {
    case .fixed(let offset): offset == 0 ? "UTC" : Self.formatOffset(offset)
    case .zone(let cache): cache.zone.identifier
    }
  }

  /// True for UTC and fixed offsets (no DST lookups needed).
  public var isFixed: Bool {
    if case .fixed = storage { return true }
    return false
  }

  /// Offset east of UTC in seconds at the given UTC instant.
  @inline(__always)
  public func offsetSeconds(atUTC nanos: Int64) -> Int {
    switch storage {
    case .fixed(let offset): offset
    case .zone(let cache): cache.offset(atUTC: nanos)
    }
  }

  /// Offset to apply to a naive wall-clock time (given as if it were UTC) to get UTC:
  /// `utc = wall - offset`. In a DST gap the offset before the gap is used (the time moves
  /// forward); in an overlap, either occurrence may be chosen (whichever the zone data
  /// resolves to first).
  @inline(__always)
  public func offsetSeconds(forWallClock nanos: Int64) -> Int {
    switch storage {
    case .fixed(let offset): offset
    case .zone(let cache): cache.offset(forWallClock: nanos)
    }
  }

  public static func == (lhs: TimeZoneRule, rhs: TimeZoneRule) -> Bool {
    switch (lhs.storage, rhs.storage) {
    case (.fixed(let a), .fixed(let b)): a == b
    case (.zone(let a), .zone(let b)): a === b || a.zone.identifier == b.zone.identifier
    default: false
    }
  }

  static let utcNames: Set<String> = [
    "utc", "z", "gmt", "etc/utc", "etc/gmt", "etc/universal", "etc/zulu", "universal", "zulu",
    "uct", "etc/uct", "gmt0", "etc/gmt0", "etc/gmt+0", "etc/gmt-0",
  ]

  /// "+02:00", "-0530", "+02", optionally after "UTC"/"GMT" ("UTC+2", "GMT-05:30").
  static func parseFixedOffset(_ bytes: [UInt8]) -> Int? {
    var i = 0
    if bytes.count > 3 {
      let prefix = String(decoding: bytes[0..<3], as: UTF8.self).lowercased()
      if prefix == "utc" || prefix == "gmt" { i = 3 }
    }
    guard i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") else {
      return nil
    }
    let negative = bytes[i] == UInt8(ascii: "-")
    i += 1
    var digits: [Int] = []
    var sawColon = false
    while i < bytes.count {
      let b = bytes[i]
      if b >= 0x30 && b <= 0x39 {
        digits.append(Int(b - 0x30))
      } else if b == UInt8(ascii: ":") && !sawColon && digits.count == 2 {
        sawColon = true
      } else {
        return nil
      }
      i += 1
    }
    let hours: Int
    var minutes = 0
    switch digits.count {
    case 1 where !sawColon: hours = digits[0]
    case 2 where !sawColon: hours = digits[0] * 10 + digits[1]
    case 4:
      hours = digits[0] * 10 + digits[1]
      minutes = digits[2] * 10 + digits[3]
    default: return nil
    }
    guard hours <= 23, minutes <= 59 else { return nil }
    let seconds = hours * 3600 + minutes * 60
    return negative ? -seconds : seconds
  }

  /// "+05:30", "-08:00", "+00:00".
  public static func formatOffset(_ offset: Int) -> String {
    let sign = offset < 0 ? "-" : "+"
    let magnitude = abs(offset)
    let h = magnitude / 3600
    let m = (magnitude % 3600) / 60
    return sign + (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
  }
}

/// Offsets of a DST-observing zone, cached per hour so per-record lookups are a few loads.
/// The zone data is only searched on a cache miss. An hour is cached only when its start and
/// end give the same answer, so transitions at odd minutes (Lord Howe, historic LMT) stay exact.
final class ZoneOffsetCache: Sendable {
  static let maxOffset = 26 * 3600
  static let slotCount = 64
  static let nanosPerHour: Int64 = 3_600_000_000_000

  let zone: ZoneInfo
  /// Last hit of each kind, read lock-free: (hour bucket << 32) | validBit | biased offset.
  private let lastUTC = Atomic<UInt64>(0)
  private let lastWall = Atomic<UInt64>(0)
  /// Direct-mapped second level, UTC-hour slots then wall-hour slots.
  private let table = Mutex<[UInt64]>(Array(repeating: 0, count: 2 * ZoneOffsetCache.slotCount))

  init(_ zone: ZoneInfo) { self.zone = zone }

  func offset(atUTC nanos: Int64) -> Int {
    let bucket = CivilCalendar.floorDivMod(nanos, Self.nanosPerHour).quotient
    if let hit = Self.decode(lastUTC.load(ordering: .relaxed), bucket: bucket) { return hit }
    return lookup(bucket: bucket, wall: false) ?? utcOffset(seconds: Self.seconds(nanos))
  }

  func offset(forWallClock nanos: Int64) -> Int {
    let bucket = CivilCalendar.floorDivMod(nanos, Self.nanosPerHour).quotient
    if let hit = Self.decode(lastWall.load(ordering: .relaxed), bucket: bucket) { return hit }
    return lookup(bucket: bucket, wall: true) ?? wallOffset(seconds: Self.seconds(nanos))
  }

  /// The cached or freshly computed offset for a whole hour; nil when the hour holds a
  /// transition (the caller then asks the zone data for the exact instant).
  private func lookup(bucket: Int64, wall: Bool) -> Int? {
    let slot =
      Int(UInt64(bitPattern: bucket) % UInt64(Self.slotCount)) + (wall ? Self.slotCount : 0)
    let entry: UInt64? = table.withLock { slots in
      if Self.decode(slots[slot], bucket: bucket) != nil { return slots[slot] }
      let start = bucket * 3600
      let first = wall ? wallOffset(seconds: start) : utcOffset(seconds: start)
      let last = wall ? wallOffset(seconds: start + 3599) : utcOffset(seconds: start + 3599)
      guard first == last, let encoded = Self.encode(bucket: bucket, offset: first) else {
        return nil
      }
      slots[slot] = encoded
      return encoded
    }
    guard let entry else { return nil }
    if wall {
      lastWall.store(entry, ordering: .relaxed)
    } else {
      lastUTC.store(entry, ordering: .relaxed)
    }
    return Self.decode(entry, bucket: bucket)
  }

  private func utcOffset(seconds: Int64) -> Int {
    zone.offset(atUTC: seconds)
  }

  /// Solves utc + offset(utc) == wall by fixed-point iteration.
  private func wallOffset(seconds wall: Int64) -> Int {
    let first = utcOffset(seconds: wall)
    let second = utcOffset(seconds: wall - Int64(first))
    if second == first { return first }
    let third = utcOffset(seconds: wall - Int64(second))
    // third == second: a consistent answer. Otherwise the time is in a DST gap: use the
    // offset in force before it, which moves the time forward past the gap.
    return third == second ? second : min(first, second)
  }

  @inline(__always)
  private static func seconds(_ nanos: Int64) -> Int64 {
    CivilCalendar.floorDivMod(nanos, CivilCalendar.nanosPerSecond).quotient
  }

  private static let validBit: UInt64 = 0x8000_0000
  private static let bias = 0x40000

  private static func encode(bucket: Int64, offset: Int) -> UInt64? {
    guard let b = Int32(exactly: bucket), abs(offset) <= maxOffset else { return nil }
    return UInt64(UInt32(bitPattern: b)) << 32 | validBit | UInt64(offset + bias)
  }

  @inline(__always)
  private static func decode(_ entry: UInt64, bucket: Int64) -> Int? {
    guard entry & validBit != 0, Int64(Int32(bitPattern: UInt32(entry >> 32))) == bucket else {
      return nil
    }
    return Int(entry & 0x7FFF_FFFF) - bias
  }
}
