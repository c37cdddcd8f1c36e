import ArgumentParser

/// The command line, as swift-argument-parser sees it. Validation beyond syntax happens in
/// RunSettings so that every problem is worded in one place (LogviewError).
struct LogviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logview",
    abstract: "Explore JSON logs: filter, correlate by request ID, pretty-print.",
    discussion: """
      Reads JSON-lines logs (one object per line; other lines are kept as text) from files or \
      standard input. When standard output is not a terminal (or with --no-tui) the records \
      that pass the filter are printed and logview exits: 0 when records matched, 1 when none \
      did, 2 on a usage error. See logview(1) for the filter language.
      """,
    version: LogviewVersion.current
  )

  // Unconditional: a filter may start with '-' ("-q -timeout", "-q '-1'").
  @Option(
    name: [.short, .long], parsing: .unconditional,
    help: "Filter expression, e.g. 'level>=error service=payment'.")
  var query: String?

  @Option(help: "Only records at or after TIME (15m, 2h, 1d, 2024-03-15T10:00:00Z, 10:42).")
  var since: String?

  @Option(help: "Only records before TIME.")
  var until: String?

  @Option(name: .customLong("request"), help: "Every record sharing request ID, time-ordered.")
  var requestId: String?

  @Option(
    help:
      "With --request: write the request's incident bundle to PATH (Markdown: summary, timeline, raw lines) and its raw lines as NDJSON beside it (.md replaced by .ndjson), secrets masked."
  )
  var bundle: String?

  @Flag(name: .customLong("no-redact"), help: "Write --bundle's records as read, secrets unmasked.")
  var noRedact = false

  @Flag(name: [.short, .long], help: "Keep reading files as they grow (like tail -F).")
  var follow = false

  @Option(help: "Zone for shown times and zone-less timestamps: UTC, local, Europe/Paris, +02:00.")
  var tz: String?

  @Option(help: "auto, always or never (auto: when stdout is a terminal and NO_COLOR is unset).")
  var color: String?

  @Flag(help: "Print only the number of matching records.")
  var count = false

  @Option(
    help:
      "Print a report on the matching records instead of them: histogram (records per time bucket by level), latency (duration quantiles per service and route), lint (structured-logging practice per service, with a score) or patterns (records grouped by message template); -o json for one JSON object per line."
  )
  var report: String?

  @Option(
    help:
      "Bucket width of --report histogram: 1s, 5s, 10s, 30s, 1m, 5m, 10m, 30m, 1h, 3h, 6h, 12h or 1d (default: the narrowest that fits in 60 rows)."
  )
  var bucket: String?

  @Option(help: "Patterns --report patterns shows (default 20 as text, all as JSON; 0: all).")
  var top: String?

  @Flag(
    name: .customLong("errors-first"),
    help: "--report patterns: the patterns with the most error and fatal records first.")
  var errorsFirst = false

  @Option(
    name: [.short, .long],
    help:
      "pretty (default), raw, json (each record's fields plus the normalized ones under _logview) or normalized."
  )
  var output: String?

  @Flag(
    help:
      "Mask secrets and personal data (keys, tokens, passwords, cards, emails, phones) in every output as [REDACTED:KIND]."
  )
  var redact = false

  @Flag(name: .customLong("no-tui"), help: "Headless output even when stdout is a terminal.")
  var noTUI = false

  @Option(
    name: .customLong("max-memory"),
    help:
      "Memory the explorer's index and piped input may use (default: a quarter of RAM, at least 1G); past half of it input spills to a temporary file, past all of it the oldest records go."
  )
  var maxMemory: String?

  @Option(
    name: .customLong("keep-last"),
    help:
      "Explorer keeps only the newest N records; older ones are dropped (counted in the status line)."
  )
  var keepLast: String?

  @Option(
    name: .customLong("key"),
    help: "FIELD=NAME[,NAME...]: extra keys for timestamp, level, message, request or service.")
  var keys: [String] = []

  @Flag(
    help:
      "Print, for each source, the query sent to it and what logview evaluates itself; then exit.")
  var explain = false

  @Option(help: "How long a log store may take over one request, like 10s (default 30s).")
  var timeout: String?

  @Option(
    name: .customLong("ca-file"),
    help: "PEM certificates to trust for log stores over TLS, besides the system's.")
  var caFile: String?

  @Option(help: "Configuration file (default $XDG_CONFIG_HOME/logview/config).")
  var config: String?

  @Argument(
    help: """
      Log files; '-' is standard input (the default when it is not a terminal); a log store as \
      loki://HOST:PORT?selector={app="x"} (loki: alone uses LOKI_ADDR), es://HOST:PORT/INDEX, \
      journal://HOST:PORT or cloudwatch://REGION/GROUP (SCHEME+https:// for TLS), read over \
      --since/--until, else the last hour.
      """)
  var files: [String] = []
}

enum LogviewVersion {
  static let current = "0.1.0"
}
