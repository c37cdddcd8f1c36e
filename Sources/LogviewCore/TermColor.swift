/// The 8 basic terminal colors plus "the terminal's default".
public enum TermColor: UInt8, Sendable, Hashable, CaseIterable {
  case standard = 0  // the terminal's default color
  case black, red, green, yellow, blue, magenta, cyan, white
}
