/// The kind of a JSON value.
public enum JSONKind: UInt8, Sendable {
  case string, number, object, array, bool, null
}
