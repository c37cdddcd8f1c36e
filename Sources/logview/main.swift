import Foundation
import Glibc
import LogviewCLI

exit(
  LogviewMain.run(
    Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
