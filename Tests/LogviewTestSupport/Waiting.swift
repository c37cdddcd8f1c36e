import Foundation

/// Polls `condition` every 10 ms until it holds or `seconds` pass; returns whether it held.
/// For tests that watch another thread or process make progress.
public func waitUntil(seconds: Double = 10, _ condition: () -> Bool) -> Bool {
  let deadline = Date().addingTimeInterval(seconds)
  while !condition() {
    if Date() >= deadline { return condition() }
    Thread.sleep(forTimeInterval: 0.01)
  }
  return true
}

/// Opens a FIFO for writing once a reader has it open, or returns -1 after `seconds`: a plain
/// blocking open would hang the test run when the reader never comes, the very failure a
/// FIFO test guards against.
public func openFIFOForWriting(_ path: String, seconds: Double = 10) -> Int32 {
  var fd: Int32 = -1
  // Without a reader, a non-blocking open for writing fails with ENXIO.
  guard
    waitUntil(
      seconds: seconds,
      {
        fd = open(path, O_WRONLY | O_NONBLOCK); return fd >= 0
      })
  else { return -1 }
  _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
  return fd
}
