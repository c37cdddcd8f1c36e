import Glibc
import LogviewCLI
import LogviewSystem

exit(
  LogviewMain.run(
    Array(CommandLine.arguments.dropFirst()), environment: ProcessEnvironment.current()))
