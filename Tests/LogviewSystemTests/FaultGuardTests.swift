import Foundation
import Glibc
import Testing

@testable import LogviewSystem

/// A crash while the explorer's screen is up: the terminal comes back first, one line says
/// what happened, and the Swift backtracer writes nothing on the terminal (only to a file
/// SWIFT_BACKTRACE names). Each case crashes a child process (an exit test); the child reads
/// SWIFT_BACKTRACE at its start, from the environment this process hands down.
@Suite(.serialized)
struct FaultGuardTests {
  static let marker = "<left curses>"

  /// Runs `body` with SWIFT_BACKTRACE set for the children it starts.
  static func withBacktrace<T>(_ setting: String, _ body: () async throws -> T) async rethrows
    -> T
  {
    setenv("SWIFT_BACKTRACE", setting, 1)
    defer { unsetenv("SWIFT_BACKTRACE") }
    return try await body()
  }

  static func text(_ bytes: [UInt8]?) -> String { String(decoding: bytes ?? [], as: UTF8.self) }

  /// What the Swift backtracer prints when it reports a crash.
  static func hasBacktrace(_ text: String) -> Bool {
    text.contains("Backtracing") || text.contains("Thread 0") || text.contains("crashed:")
  }

  /// A child that arms the terminal restore, then crashes, with SWIFT_BACKTRACE=`setting`.
  static func crashArmed(_ setting: String) async -> ExitTest.Result? {
    await withBacktrace(setting) {
      await #expect(
        processExitsWith: .signal(SIGSEGV),
        observing: [\.standardOutputContent, \.standardErrorContent]
      ) {
        FaultGuard.armTerminalRestore(
          descriptor: STDOUT_FILENO, modes: nil, sequence: Array(FaultGuardTests.marker.utf8))
        UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
      }
    }
  }

  @Test func crashWhileArmedRestoresTheTerminalAndKeepsTheBacktracerOff() async {
    let result = await Self.crashArmed("enable=yes,interactive=no,color=no")
    #expect(Self.text(result?.standardOutputContent) == Self.marker)
    let errors = Self.text(result?.standardErrorContent)
    #expect(errors == "logview: crashed (SIGSEGV)\n", "stderr: \(errors)")
  }

  @Test func crashWhileArmedWritesTheBacktraceToTheFileSwiftBacktraceNames() async throws {
    let file = NSTemporaryDirectory() + "logview-crash-\(UUID().uuidString).txt"
    defer { unlink(file) }
    let result = await Self.crashArmed("enable=yes,cache=no,output-to=\(file)")
    #expect(Self.text(result?.standardOutputContent) == Self.marker)
    let errors = Self.text(result?.standardErrorContent)
    #expect(errors.hasPrefix("logview: crashed (SIGSEGV); backtrace in \(file)\n"), "\(errors)")
    let report = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    #expect(Self.hasBacktrace(report), "report: \(report)")
  }

  /// Without a terminal to restore (headless output) a crash is the backtracer's, as usual.
  @Test func crashWithoutATerminalGoesToTheBacktracer() async {
    let result = await Self.withBacktrace("enable=yes,interactive=no,color=no") {
      await #expect(
        processExitsWith: .signal(SIGSEGV), observing: [\.standardErrorContent]
      ) {
        FaultGuard.install()
        UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
      }
    }
    let errors = Self.text(result?.standardErrorContent)
    #expect(Self.hasBacktrace(errors), "stderr: \(errors)")
    #expect(!errors.contains("logview: crashed"))
  }

  /// sigqueue(2) from another process carries its pid too: not a crash, so no note and no
  /// backtrace, only the terminal restored and the default action.
  @Test func faultSignalQueuedByAnotherProcessIsNotACrash() async {
    let result = await Self.withBacktrace("enable=yes,interactive=no,color=no") {
      await #expect(
        processExitsWith: .signal(SIGSEGV),
        observing: [\.standardOutputContent, \.standardErrorContent]
      ) {
        FaultGuard.armTerminalRestore(
          descriptor: STDOUT_FILENO, modes: nil, sequence: Array(FaultGuardTests.marker.utf8))
        var arguments: [UnsafeMutablePointer<CChar>?] = []
        for word in ["kill", "-s", "SEGV", "-q", "1", String(getpid())] {
          arguments.append(strdup(word))
        }
        var pid: pid_t = 0
        _ = posix_spawn(&pid, "/bin/kill", nil, nil, arguments + [nil], environ)
        sleep(10)
      }
    }
    #expect(Self.text(result?.standardOutputContent) == Self.marker)
    // (Not empty: the test library's child writes a few bytes of its own there.)
    let errors = Self.text(result?.standardErrorContent)
    #expect(!errors.contains("logview: crashed") && !Self.hasBacktrace(errors), "\(errors)")
  }

  static let settings: [(String?, String?)] = [
    (nil, nil),
    ("interactive=no", nil),
    ("output-to=/var/tmp/crash.txt", "/var/tmp/crash.txt"),
    ("interactive=no,output-to=/var/tmp/crashes", "/var/tmp/crashes"),
    ("output-to=stderr", nil),
    ("output-to=STDOUT", nil),
    ("output-to=auto", nil),
    ("enable=no,output-to=/var/tmp/crash.txt", nil),
    ("Output-To=/a=b", "/a=b"),
  ]

  @Test(arguments: settings)
  func backtraceFileComesFromOutputTo(setting: String?, file: String?) {
    #expect(FaultGuard.backtraceFile(setting) == file)
  }

  @Test func crashNoteNamesTheSignalAndTheFile() {
    #expect(
      FaultGuard.crashNote(signal: "SIGILL", backtraceFile: nil) == "logview: crashed (SIGILL)\n")
    #expect(
      FaultGuard.crashNote(signal: "SIGBUS", backtraceFile: "/tmp/b")
        == "logview: crashed (SIGBUS); backtrace in /tmp/b\n")
  }
}
