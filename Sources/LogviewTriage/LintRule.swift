import LogviewCore

/// The logging lint's rules: each names one way a log falls short of structured-logging
/// practice, how much it weighs in a service's score, and how to fix it.
public enum LintRule: UInt8, CaseIterable, Sendable {
  /// Lines that are neither JSON nor another shape read as fields (logfmt, an access log, a
  /// known prefix before JSON or logfmt).
  case unstructured
  /// Records without a timestamp.
  case missingTime
  /// Timestamps written without a zone (`Z`, an offset, `UTC`): read in `--tz`'s, a guess.
  case missingZone
  /// Timestamps to the second or coarser.
  case coarseTime
  case missingLevel
  case missingService
  /// Records from an HTTP handler (`LintSamples.isRequestScoped`) without a request ID.
  case missingRequestId
  /// Debug and trace records above `debugThreshold` of a service's records.
  case debugVolume
  /// Messages with values folded out of them (numbers, IDs, durations ...) by the templating.
  case variableMessages
  /// Secrets and personal data, one finding per kind (`SensitiveFindings`).
  case sensitiveData
  /// One concept (request ID, user ID, duration ...) under different keys across services.
  case mixedKeys

  /// The rules counted record by record (the others are derived from what was counted).
  static let counted: [LintRule] = [
    .unstructured, .missingTime, .missingZone, .coarseTime, .missingLevel, .missingService,
    .missingRequestId, .debugVolume, .variableMessages,
  ]

  /// Debug and trace records above this share (percent) of a service's are "debug in
  /// production"; below it they are taken as a service's normal detail.
  public static let debugThreshold = 20

  /// The rule's name in JSON and the man page.
  public var name: String {
    switch self {
    case .unstructured: "unstructured"
    case .missingTime: "no-time"
    case .missingZone: "no-zone"
    case .coarseTime: "no-milliseconds"
    case .missingLevel: "no-level"
    case .missingService: "no-service"
    case .missingRequestId: "no-request-id"
    case .debugVolume: "debug-in-production"
    case .variableMessages: "variable-messages"
    case .sensitiveData: "sensitive-data"
    case .mixedKeys: "mixed-keys"
    }
  }

  /// A few words for the text report.
  public var title: String {
    switch self {
    case .unstructured: "unstructured lines"
    case .missingTime: "records without time"
    case .missingZone: "times without zone"
    case .coarseTime: "times without ms"
    case .missingLevel: "records without level"
    case .missingService: "records without service"
    case .missingRequestId: "requests without ID"
    case .debugVolume: "debug in production"
    case .variableMessages: "values in messages"
    case .sensitiveData: "sensitive data"
    case .mixedKeys: "mixed keys"
    }
  }

  public var severity: LintSeverity {
    switch self {
    case .missingTime, .sensitiveData: .error
    case .unstructured, .missingZone, .missingLevel, .missingService, .missingRequestId,
      .mixedKeys:
      .warn
    case .coarseTime, .debugVolume, .variableMessages: .info
    }
  }

  /// Why it matters and how to fix it.
  public var hint: String {
    switch self {
    case .unstructured:
      "log one JSON object per line so every field can be filtered"
    case .missingTime:
      "without a time a record cannot be ordered or merged; write an RFC 3339 timestamp"
    case .missingZone:
      "a time without Z or an offset is read in an assumed zone; write UTC with Z"
    case .coarseTime:
      "whole seconds cannot order a request's steps; write milliseconds"
    case .missingLevel:
      "without a level a record escapes level filters and alerts; write level"
    case .missingService:
      "merged with other logs the record cannot be told apart; write service"
    case .missingRequestId:
      "a request without an ID cannot be followed across services; log the request ID"
    case .debugVolume:
      "debug and trace cost volume and hide the signal; log info and above in production"
    case .variableMessages:
      "keep the message constant and put the values in fields"
    case .sensitiveData:
      "secrets and personal data do not belong in logs; remove or mask them at the source"
    case .mixedKeys:
      "one key per concept lets one query find every service's records"
    }
  }
}
