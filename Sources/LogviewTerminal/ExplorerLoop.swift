import Glibc
import LogviewSystem
import LogviewUI

/// The explorer on a real terminal: sleeps in poll() on the terminal and the wake pipe (no
/// wake-ups while idle), hands keys, resizes and wake-ups to the ExplorerController and
/// presents the frames it returns. Signals arrive on the pipe (SignalBridge); the exit
/// status says which ended the run: 128 + its number, as a shell reports a process it ended.
@MainActor
public enum ExplorerLoop {
  /// Runs until `q` (0), a signal that would end the process (128 + its number: Ctrl-C 130,
  /// Ctrl-\ 131, SIGTERM 143, SIGUSR1 138...), or a hang-up of the terminal (129).
  public static func run(
    _ controller: ExplorerController, session: TerminalSession, wake: WakePipe
  ) -> Int32 {
    while true {
      let screen = session.screen
      controller.refresh(width: screen.width, height: screen.height)
      if controller.quit { return 0 }
      if let frame = controller.frame(width: screen.width, height: screen.height) {
        screen.present(frame)
      }
      if let copied = controller.takeClipboard() { session.copyToClipboard(copied) }
      let ready = Poller.wait(
        [session.inputDescriptor, wake.readDescriptor], timeoutMilliseconds: controller.timeout)
      var resized = false
      if ready[1] {
        for signal in wake.drain() where signal != 0 {
          switch Int32(signal) {
          case SIGWINCH:
            session.resize()
            resized = true
          default: return 128 + Int32(signal)  // one of SignalBridge.endings
          }
        }
      }
      var keys = session.readKeys()
      if ready[0], keys.isEmpty, hungUp(session.inputDescriptor) {
        // The terminal went away (window closed, ssh dropped): leave instead of spinning.
        return 129
      }
      if keys.contains(.resize) {
        session.resize()
        resized = true
        keys.removeAll { $0 == .resize }
      }
      controller.handle(keys, resized: resized, width: screen.width, height: screen.height)
    }
  }

  /// True when the terminal descriptor reports hang-up or an error.
  static func hungUp(_ descriptor: Int32) -> Bool {
    var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    guard poll(&entry, 1, 0) >= 0 else { return true }
    return entry.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
  }
}
