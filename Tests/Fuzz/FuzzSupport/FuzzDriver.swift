import Glibc

#if FUZZING
  import CFuzzer
#endif

/// libFuzzer's entry point: one input, 0 to go on.
public typealias FuzzEntry = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// The main of every fuzz target. Built with `-DFUZZING` and `-sanitize=fuzzer` (see
/// Tests/Fuzz/run.sh) it hands the command line to libFuzzer; a plain build (`swift build`,
/// `swift test`) makes a replayer instead, which runs the files and directories named on the
/// command line through the entry once each: a crash input is reproduced without sanitizers.
public enum FuzzDriver {
  public static func run(_ entry: FuzzEntry) -> Never {
    #if FUZZING
      var argc = CommandLine.argc
      var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
      exit(LLVMFuzzerRunDriver(&argc, &argv, entry))
    #else
      var count = 0
      for path in CommandLine.arguments.dropFirst() {
        for file in files(at: path) {
          guard let bytes = read(file) else {
            printError("cannot read \(file)")
            exit(2)
          }
          _ = bytes.withUnsafeBufferPointer { entry($0.baseAddress, $0.count) }
          count += 1
        }
      }
      print("replayed \(count) inputs")
      exit(0)
    #endif
  }

  /// `path` itself, or the files directly in it when it is a directory.
  static func files(at path: String) -> [String] {
    guard let dir = opendir(path) else { return [path] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) {
        String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
      }
      if entry.pointee.d_type == UInt8(DT_REG) { names.append(path + "/" + name) }
    }
    return names.sorted()
  }

  static func read(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      guard n >= 0 else { return nil }
      if n == 0 { return out }
      out.append(contentsOf: chunk[0..<n])
    }
  }
}

/// A property the fuzzed code promises: reported with what was seen, then a crash, so
/// libFuzzer keeps the input (a plain `precondition` drops its message in release builds).
public func fuzzExpect(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String
) {
  guard !condition() else { return }
  printError("fuzz property failed: \(message())")
  abort()
}

/// A line on standard error (Glibc's `stderr` is a global Swift 6 will not share).
func printError(_ message: String) {
  var line = message + "\n"
  line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}
