import LogviewSources
import LogviewSystem

/// How a store source loads for a start merged by time: what its reader delivers goes to a
/// SpoolWriter (a private temporary file), mapped once the window is read.
enum StoreSpool {
  /// `read` delivers bytes and returns the error that cut the window short, or nil when
  /// stopped (then so is this).
  static func load(
    name: String, owner: AnyObject,
    read: (_ deliver: (UnsafeRawBufferPointer) -> Bool) -> SourceError??
  ) -> (region: SourceRegion, error: SourceError?)? {
    let empty = SourceRegion(bytes: UnsafeRawBufferPointer(start: nil, count: 0), owner: owner)
    let spool: SpoolWriter
    do {
      spool = try SpoolWriter(name: name)
    } catch {
      return (empty, error)
    }
    var writeError: SourceError?
    guard
      let failure = read({ bytes in
        do throws(SourceError) {
          try spool.write(bytes)
          return true
        } catch {
          writeError = error
          return false
        }
      })
    else { return nil }
    do {
      let file = try spool.finish()
      return (SourceRegion(bytes: file.bytes, owner: file), writeError ?? failure)
    } catch {
      return (empty, error)
    }
  }
}
