import Foundation
import Glibc
import LogviewCLI

/// Runs logview in-process with stdout and stderr captured in temporary files.
enum RunHarness {
  struct Outcome {
    var status: Int32
    var stdout: [UInt8]
    var stderr: String
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
  }

  /// `stdoutPath`: write the output there instead of a capture file (e.g. /dev/full).
  static func run(
    _ arguments: [String], environment: [String: String] = [:], stdoutPath: String? = nil
  ) -> Outcome {
    let outPath = NSTemporaryDirectory() + "logview-out-\(UUID().uuidString)"
    let errPath = NSTemporaryDirectory() + "logview-err-\(UUID().uuidString)"
    let out =
      stdoutPath.map { open($0, O_WRONLY) } ?? open(outPath, O_RDWR | O_CREAT | O_TRUNC, 0o600)
    let err = open(errPath, O_RDWR | O_CREAT | O_TRUNC, 0o600)
    defer {
      close(out)
      close(err)
      unlink(outPath)
      unlink(errPath)
    }
    // No config file from the machine running the tests.
    var env = [
      "XDG_CONFIG_HOME": "/nonexistent-logview-test", "LOGVIEW_NOW": "2024-03-15T12:00:00Z",
    ]
    env.merge(environment) { _, new in new }
    let status = LogviewMain.run(
      arguments, environment: env,
      io: .init(stdout: out, stderr: err, stdinIsTerminal: true, stdoutIsTerminal: false))
    let stdout = (try? Data(contentsOf: URL(fileURLWithPath: outPath))).map { [UInt8]($0) } ?? []
    let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return Outcome(status: status, stdout: stdout, stderr: stderr)
  }
}
