import Glibc

/// The one opener: decides each input's kind from what the path is (fstat), never by
/// reading bytes it would then lose. Every path is opened before anything is read, so an
/// unreadable file fails the run before any output.
public enum SourceOpener {
  /// `follow`: regular files are followed after they are read (the explorer always; headless
  /// with -f). `awaitMissing` (-f): a path that does not exist yet is followed from its
  /// creation instead of being an error. A file named twice (by the same or another path)
  /// is read once.
  ///
  /// `stores` turns a path that names a log store (`loki://...`) into its source; it
  /// returns nil for any other path.
  public static func open(
    _ paths: [String], follow: Bool, awaitMissing: Bool, stores: StoreOpener? = nil
  ) throws(SourceError) -> [LogSource] {
    var sources: [LogSource] = []
    var seen = Set<FileIdentity>()
    var awaited = Set<String>()
    for path in paths {
      if let stores, let store = try stores(path) {
        sources.append(store)
        continue
      }
      if path != "-", awaitMissing, access(path, F_OK) != 0, errno == ENOENT {
        if awaited.insert(path).inserted {
          sources.append(FileSource(name: path, file: nil, follow: true))
        }
        continue
      }
      let fd = path == "-" ? STDIN_FILENO : Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
      guard fd >= 0 else { throw .cannotOpen(path: path, errno: errno) }
      do {
        guard let source = try open(fd, path: path, follow: follow, seen: &seen) else {
          if path != "-" { close(fd) }
          continue
        }
        sources.append(source)
      } catch {
        if path != "-" { close(fd) }
        throw error
      }
    }
    return sources
  }

  /// The source for an open descriptor; nil when its file was opened already.
  private static func open(
    _ fd: Int32, path: String, follow: Bool, seen: inout Set<FileIdentity>
  ) throws(SourceError) -> LogSource? {
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .cannotOpen(path: path, errno: errno) }
    guard seen.insert(FileIdentity(info)).inserted else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFDIR:
      throw .isDirectory(path: path)
    case S_IFREG where !startsWithGzipMagic(fd):
      // Mapped from the current offset: `logview < file` after a partial read stays right.
      guard let file = try MappedFile.map(fd, name: path) else {
        throw .cannotOpen(path: path, errno: EINVAL)
      }
      if path != "-" { close(fd) }
      // Standard input has no path to follow by.
      return FileSource(name: path, file: file, follow: follow && path != "-")
    case S_IFREG:
      return StreamSource(name: path, fd: fd, ownsDescriptor: path != "-", isArchive: true)
    default:
      // A pipe, FIFO, terminal or socket. The FIFO was opened without blocking, so a writer
      // that has not come yet cannot hang the start (poll waits for it).
      return StreamSource(name: path, fd: fd, ownsDescriptor: path != "-", isArchive: false)
    }
  }

  /// A regular file's first two bytes (at its current offset) are gzip's magic; read with
  /// pread, so nothing is consumed.
  private static func startsWithGzipMagic(_ fd: Int32) -> Bool {
    let offset = lseek(fd, 0, SEEK_CUR)
    var magic: (UInt8, UInt8) = (0, 0)
    let n = withUnsafeMutableBytes(of: &magic) { pread(fd, $0.baseAddress, 2, max(0, offset)) }
    return n == 2 && magic == StreamReader.gzipMagic
  }
}

/// Makes the source for a path that names a log store; nil for any other path. The remote
/// clients live above this target, so the command line hands their opener in.
public typealias StoreOpener = @Sendable (String) throws(SourceError) -> LogSource?

/// Device and inode: the same file under two names is one file.
struct FileIdentity: Hashable {
  let device: UInt64
  let inode: UInt64

  init(_ info: stat) {
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
  }
}
