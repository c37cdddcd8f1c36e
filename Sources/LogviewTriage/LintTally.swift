/// Where a finding's first record is: the source as named on the command line (`-` for
/// standard input) and the line its record starts on.
public struct LintRef: Equatable, Sendable {
  public var source: [UInt8]
  public var line: Int

  public init(source: [UInt8], line: Int) {
    self.source = source
    self.line = line
  }

  /// `file:line`.
  public var text: String { String(decoding: source, as: UTF8.self) + ":\(line)" }
}

/// How many records a rule caught, and the first of them. Pieces are merged in input order,
/// so the first kept is the input's first.
public struct LintTally: Equatable, Sendable {
  public private(set) var count = 0
  public private(set) var first: LintRef?

  public init() {}

  @inline(__always)
  mutating func add(_ source: [UInt8], _ line: Int) {
    count += 1
    if first == nil { first = LintRef(source: source, line: line) }
  }

  /// Adds a later piece's tally.
  mutating func merge(_ other: LintTally) {
    count += other.count
    if first == nil { first = other.first }
  }
}
