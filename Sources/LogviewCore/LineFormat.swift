/// A user-defined text format (the configuration's `format = REGEX` lines): a pattern whose
/// named groups are the fields of the lines it matches. Defined here, implemented with the
/// filter's regular expressions (LogviewQuery), so normalization can try it without a
/// regular-expression engine of its own.
public protocol LineFormat: Sendable {
  /// When `line` matches, calls `field` with each named group that took part (its field
  /// name and its text) and returns true.
  func read(
    _ line: UnsafeRawBufferPointer,
    _ field: (_ name: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) -> Void
  ) -> Bool
}
