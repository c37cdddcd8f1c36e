/// Whether the terminal can show colors; the UI picks level styles accordingly.
public enum ColorMode: Sendable, Equatable {
  case colors, mono
}
