import LogviewQuery
import LogviewSources
import LogviewSystem

/// What every store source of a run shares: the window, the filter (pushed down where
/// exact), -f, and the environment (credentials, LOKI_ADDR).
public struct StoreOptions: Sendable {
  public var filter: Filter
  /// --since / --until, nanoseconds; without --since a store reads the last hour.
  public var since: Int64?
  public var until: Int64?
  public var now: Int64
  public var follow: Bool
  public var environment: [String: String]
  /// --request: the ID every record read must contain.
  public var requestId: String?
  /// --ca-file: certificates trusted for TLS besides the system's.
  public var caFile: String?
  /// --timeout: how long one request may take.
  public var timeoutNanos = StoreOptions.defaultTimeoutNanos

  public init(
    filter: Filter, since: Int64?, until: Int64?, now: Int64, follow: Bool,
    environment: [String: String], requestId: String? = nil, caFile: String? = nil
  ) {
    self.caFile = caFile
    self.filter = filter
    self.requestId = requestId
    self.since = since
    self.until = until
    self.now = now
    self.follow = follow
    self.environment = environment
  }

  /// A store source without --since reads this far back.
  public static let defaultWindowNanos: Int64 = 3_600_000_000_000
  public static let defaultTimeoutNanos: Int64 = 30_000_000_000
}

/// Log stores named as sources (`loki://...`): the opener the command line hands to
/// SourceOpener.
public enum StoreSources {
  /// True when `path` names a log store rather than a file.
  public static func names(_ path: String) -> Bool { StoreAddress.isStore(path) }

  /// The address as messages show it: user-info masked.
  public static func masked(_ path: String) -> String { StoreAddress.masked(path) }

  /// The source for a store address; contacts the store when the query needs its labels
  /// or field types. Nil when `path` is not a store address.
  public static func open(_ path: String, options: StoreOptions) throws(SourceError)
    -> LogSource?
  {
    guard names(path) else { return nil }
    do throws(StoreError) {
      let address = try StoreAddress(path, environment: options.environment)
      if let file = options.caFile, FileContents.read(file, limit: 1 << 20) == nil {
        throw .badAddress(address.display, reason: "cannot read the CA file \(file)")
      }
      switch address.kind {
      case .loki: return try LokiSource.open(address, options: options)
      case .journal: return JournalSource.open(address, options: options)
      case .es: return try ElasticSource.open(address, options: options)
      case .cloudwatch: return try CloudWatchSource.open(address, options: options)
      }
    } catch {
      throw error.source(StoreAddress.masked(path))
    }
  }

  /// --since to --until; without --since, the hour before --until (or now).
  static func window(_ options: StoreOptions) -> (start: Int64, end: Int64) {
    let end = options.until ?? options.now
    return (options.since ?? end - StoreOptions.defaultWindowNanos, end)
  }

  /// What a run sends to a store and what stays local (--explain); nil for a source that is
  /// not a store.
  public static func explain(_ source: LogSource) -> String? {
    (source as? any WindowedStore)?.explanation
  }

  /// The --explain line: what was sent, the terms the store evaluates, what stays local.
  static func explanation(
    _ name: String, sent: String, store: String, pushed: [StoreTerm], othersLocal: Bool
  ) -> String {
    let terms = pushed.map(\.description).joined(separator: ", ")
    return "\(name): \(sent)" + (terms.isEmpty ? "" : "; in \(store): \(terms)")
      + (othersLocal ? "; the rest of the filter is evaluated by logview" : "")
      + "; every record is checked against the whole filter by logview"
  }
}
