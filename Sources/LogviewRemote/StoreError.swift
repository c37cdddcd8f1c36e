import LogviewSources

/// Why a log store could not be read. `description` is the one wording, with secrets
/// already out: endpoints are shown without user-info, bodies are cut short.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A source URL that cannot be used as given.
  case badAddress(String, reason: String)
  /// No connection, a DNS failure, a timeout, a connection that broke.
  case unreachable(endpoint: String, reason: String)
  /// 401 or 403: `hint` names what to set.
  case unauthorized(endpoint: String, status: Int, hint: String)
  /// Any other answer the store gives instead of data (4xx, 5xx after retries).
  case rejected(endpoint: String, status: Int, message: String)
  /// A body that is not what the API documents.
  case malformed(endpoint: String, what: String)
  /// The store has no stream selector to start from; `labels` are the ones it has.
  case noSelector(endpoint: String, labels: [String])
  /// No credentials to sign with (CloudWatch); `hint` names what to set.
  case noCredentials(endpoint: String, hint: String)

  public var description: String {
    switch self {
    case .badAddress(let address, let reason):
      "bad log store address \(address): \(reason)"
    case .unreachable(let endpoint, let reason):
      "cannot reach \(endpoint): \(reason)"
    case .unauthorized(let endpoint, let status, let hint):
      "\(endpoint) refused access (HTTP \(status)): \(hint)"
    case .rejected(let endpoint, let status, let message):
      "\(endpoint) answered HTTP \(status): \(message)"
    case .malformed(let endpoint, let what):
      "\(endpoint) sent an unexpected answer: \(what)"
    case .noSelector(let endpoint, let labels):
      labels.isEmpty
        ? "\(endpoint) needs a stream selector (?selector={app=\"...\"}) and reports no labels"
        : "\(endpoint) needs a stream selector, e.g. ?selector={\(labels[0])=\"...\"}, or a "
          + "filter term on one of its labels: \(labels.joined(separator: ", "))"
    case .noCredentials(let endpoint, let hint):
      "\(endpoint) needs credentials: \(hint)"
    }
  }

  /// The wording without the endpoint, for beside the source's name.
  public var reason: String {
    switch self {
    case .badAddress(_, let reason): reason
    case .unreachable(_, let reason): "cannot reach it: \(reason)"
    case .unauthorized(_, let status, let hint): "access refused (HTTP \(status)): \(hint)"
    case .rejected(_, let status, let message): "HTTP \(status): \(message)"
    case .malformed(_, let what): "unexpected answer: \(what)"
    case .noSelector: description
    case .noCredentials(_, let hint): "needs credentials: \(hint)"
    }
  }

  /// As a source's error.
  func source(_ name: String) -> SourceError {
    .store(name: name, message: description, reason: reason)
  }

  /// A server's text for a message: one line, at most 300 characters (the command line's
  /// message writer escapes what is left of control characters).
  static func excerpt(_ bytes: [UInt8]) -> String {
    let text = String(decoding: bytes.prefix(1200), as: UTF8.self)
      .split(whereSeparator: \.isNewline).joined(separator: " ")
    return text.count > 300 ? String(text.prefix(300)) + "…" : text
  }
}
