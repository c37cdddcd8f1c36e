import LogviewBundle
import LogviewCore
import LogviewPipeline
import LogviewQuery
import LogviewRemote
import LogviewSources
import LogviewStore
import LogviewSystem

/// Everything a run needs, resolved from the command line, the configuration file and the
/// environment; all validation errors surface here, before any input is read.
struct RunSettings {
  var paths: [String]
  var matcher: RecordMatcher
  var normalizer: NormalizerOptions
  var output: OutputFormat
  var color: Bool
  var countOnly: Bool
  /// --report: a report printed instead of the records.
  var report: HeadlessReport?
  /// --bundle: the request's incident bundle written instead of its records.
  var bundle: BundleFiles?
  var bundleRedaction = BundleRedaction.standard
  var follow: Bool
  var zone: TimeZoneRule
  /// Full-screen explorer: stdout is a terminal and nothing asked for plain output.
  var interactive: Bool
  /// The filter as the explorer's bar shows it: the query plus any --since/--until.
  var interactiveFilter: String
  /// --max-memory: what the explorer's index and copied input may hold (see MemoryBudget).
  var memoryBudget = MemoryBudget.systemDefault
  /// --keep-last: records the explorer keeps (nil: all).
  var keepLast: Int?
  /// LOGVIEW_TRACE: where the explorer writes timing events for the benchmark.
  var tracePath: String?
  /// When logview started (CLOCK_REALTIME nanoseconds), for the trace.
  var startedAt: Int64 = 0
  /// What store sources (`loki://...`) share: window, filter, -f, credentials.
  var storeOptions: StoreOptions
  /// --explain: say what each source is asked, then exit.
  var explain = false
  /// The explorer's rows: `wrap` long ones, leave out `hide-fields` (configuration file).
  var wrapRows = false
  var hiddenFields: [String] = []
  /// --redact (or `redact = on`): findings masked in every output.
  var redact = false
  /// LOGVIEW_NOW: the explorer's wall clock starts there (its "today" and relative times).
  var pinnedNow: Int64?

  /// Opens the paths that name log stores.
  var stores: StoreOpener {
    let options = storeOptions
    return { path throws(SourceError) in try StoreSources.open(path, options: options) }
  }

  /// What headless output needs of these settings.
  var headless: HeadlessOptions {
    var options = HeadlessOptions(
      paths: paths, matcher: matcher, normalizer: normalizer, format: output, color: color,
      zone: zone, countOnly: countOnly, follow: follow, stores: stores, report: report)
    options.bundle = bundle
    options.bundleRedaction = bundleRedaction
    options.redact = redact
    return options
  }

  static func resolve(
    _ command: LogviewCommand, environment: [String: String], stdinIsTerminal: Bool,
    stdoutIsTerminal: Bool, now: Int64
  ) throws(LogviewError) -> RunSettings {
    let config = try loadConfig(command.config, environment: environment)
    let zone = try setting(command.tz, "tz", config) { text throws(LogviewError) in
      try Self.zone(text ?? "UTC")
    }
    let output = try setting(command.output, "output", config) { text throws(LogviewError) in
      try outputFormat(text ?? "pretty")
    }
    let autoColor = stdoutIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty
    let color = try setting(command.color, "color", config) { text throws(LogviewError) in
      try Self.color(text ?? "auto", auto: autoColor)
    }
    let keys = try fieldKeys(command.keys, config: config)
    let matcher = try matcher(command, now: now, zone: zone)
    let report = try report(command, output: output)
    var paths = try PathPatterns.expand(command.files)
    if paths.isEmpty {
      guard !stdinIsTerminal else { throw .noInput }
      paths = ["-"]
    }
    let bundle = try Self.bundle(command, inputs: paths)
    let year = Int(TimestampFormatter.rfc3339Millis(now).prefix(4)) ?? 2024
    return RunSettings(
      paths: paths, matcher: matcher,
      normalizer: NormalizerOptions(
        keys: keys, zone: zone, currentYear: year,
        lineFormats: try lineFormats(config)),
      output: output, color: color, countOnly: command.count, report: report, bundle: bundle,
      bundleRedaction: command.noRedact ? .none : .standard, follow: command.follow, zone: zone,
      interactive: stdoutIsTerminal && !command.noTUI && !command.count && command.output == nil
        && command.requestId == nil && report == nil,
      interactiveFilter: interactiveFilter(command),
      memoryBudget: try setting(command.maxMemory, "max-memory", config, memoryBudget),
      keepLast: try setting(command.keepLast, "keep-last", config, keepLast),
      tracePath: environment["LOGVIEW_TRACE"],
      storeOptions: try storeOptions(command, matcher: matcher, environment: environment, now: now),
      explain: command.explain,
      wrapRows: try setting(nil, "wrap", config, wrapRows),
      hiddenFields: splitList(config.values["hide-fields"] ?? ""),
      redact: try setting(command.redact ? "on" : nil, "redact", config, redact),
      pinnedNow: environment["LOGVIEW_NOW"] == nil ? nil : now)
  }

  /// --report NAME and --bucket WIDTH (a width of the histogram's ladder, read by the one
  /// duration reader). A report is printed once the input ends, as text or JSON.
  private static func report(_ command: LogviewCommand, output: OutputFormat)
    throws(LogviewError) -> HeadlessReport?
  {
    guard let name = command.report else {
      if command.bucket != nil { throw .usage("--bucket needs --report histogram") }
      if command.top != nil { throw .usage("--top needs --report patterns") }
      if command.errorsFirst { throw .usage("--errors-first needs --report patterns") }
      return nil
    }
    guard let kind = HeadlessReport.Kind(rawValue: name) else {
      throw .badOption(option: "--report", value: name, expected: "one of \(HeadlessReport.names)")
    }
    if command.count { throw .usage("--report and --count cannot be used together") }
    if command.follow { throw .usage("--report reads the input to its end; it cannot --follow") }
    guard output == .pretty || output == .json else {
      throw .usage("--report prints text, or JSON with -o json; not -o \(output.rawValue)")
    }
    var report = HeadlessReport(kind: kind)
    if let text = command.bucket {
      let ladder = TimeHistogram.ladder
      guard let width = DurationReader.parse(text), let step = ladder.firstIndex(of: width) else {
        throw .badOption(
          option: "--bucket", value: text,
          expected: "1s, 5s, 10s, 30s, 1m, 5m, 10m, 30m, 1h, 3h, 6h, 12h or 1d")
      }
      report.bucketStep = step
    }
    try patternOptions(command, into: &report)
    return report
  }

  /// --bundle PATH with --request, printing nothing else, replacing no input; --no-redact
  /// only with it.
  private static func bundle(_ command: LogviewCommand, inputs: [String]) throws(LogviewError)
    -> BundleFiles?
  {
    guard let path = command.bundle else {
      if command.noRedact { throw .usage("--no-redact applies to --bundle") }
      return nil
    }
    guard !path.isEmpty else {
      throw .badOption(option: "--bundle", value: path, expected: "a file path like incident.md")
    }
    guard command.requestId != nil else { throw .usage("--bundle needs --request ID") }
    for (given, option) in [
      (command.report != nil, "--report"), (command.count, "--count"),
      (command.follow, "--follow"), (command.output != nil, "--output"),
    ] where given {
      throw .usage("--bundle writes files of its own; it cannot be used with \(option)")
    }
    let files = BundleFiles(path: path)
    if let input = files.replaces(anyOf: inputs) {
      throw .usage("--bundle \(path) would replace the input \(input)")
    }
    return files
  }

  /// --top N and --errors-first, which only the patterns report takes.
  private static func patternOptions(_ command: LogviewCommand, into report: inout HeadlessReport)
    throws(LogviewError)
  {
    guard report.kind == .patterns else {
      if command.top != nil { throw .usage("--top needs --report patterns") }
      if command.errorsFirst { throw .usage("--errors-first needs --report patterns") }
      return
    }
    report.errorsFirst = command.errorsFirst
    if let text = command.top {
      guard let top = Int(text), top >= 0 else {
        throw .badOption(option: "--top", value: text, expected: "a number of patterns (0: all)")
      }
      report.top = top
    }
  }

  /// `wrap = on|off`.
  private static func wrapRows(_ text: String?) throws(LogviewError) -> Bool {
    try onOff(text, "wrap")
  }

  /// `redact = on|off`, or --redact.
  private static func redact(_ text: String?) throws(LogviewError) -> Bool {
    try onOff(text, "redact")
  }

  private static func onOff(_ text: String?, _ name: String) throws(LogviewError) -> Bool {
    switch text?.lowercased() {
    case nil, "off", "no", "false": return false
    case "on", "yes", "true": return true
    default: throw .badOption(option: name, value: text ?? "", expected: "on or off")
    }
  }

  /// The explorer's filter text: the query bounded by --since/--until. The query is
  /// parenthesized, since `or` binds looser than the terms that follow it.
  private static func interactiveFilter(_ command: LogviewCommand) -> String {
    // Quoted: a bound such as "2024-03-15 10:00" holds a space.
    let quoted = Query.quote
    let bounds = [
      command.since.map { "since:" + quoted($0) }, command.until.map { "until:" + quoted($0) },
    ].compactMap { $0 }
    guard let query = command.query, !query.isEmpty else { return bounds.joined(separator: " ") }
    return bounds.isEmpty ? query : "(\(query)) " + bounds.joined(separator: " ")
  }

  private static func zone(_ name: String) throws(LogviewError) -> TimeZoneRule {
    guard let zone = TimeZoneRule(name: name) else {
      throw .badOption(
        option: "--tz", value: name,
        expected: "UTC, local, a zone name like Europe/Paris or an offset like +02:00")
    }
    return zone
  }

  private static func outputFormat(_ name: String) throws(LogviewError) -> OutputFormat {
    guard let output = OutputFormat(rawValue: name) else {
      throw .badOption(option: "--output", value: name, expected: "pretty, raw, json or normalized")
    }
    return output
  }

  /// `auto`: what "auto" means here (stdout is a terminal and NO_COLOR is unset).
  private static func color(_ name: String, auto: Bool) throws(LogviewError) -> Bool {
    switch name {
    case "always": return true
    case "never": return false
    case "auto": return auto
    default:
      throw .badOption(option: "--color", value: name, expected: "auto, always or never")
    }
  }

  /// The default keys, with the configuration's and then --key's names tried first.
  private static func fieldKeys(_ specs: [String], config: ConfigFile) throws(LogviewError)
    -> FieldKeys
  {
    var keys = FieldKeys.defaults
    for field in NormalizedKey.allCases {
      if let list = config.values["\(field.rawValue)-keys"] {
        keys.prepend(splitList(list), for: field)
      }
    }
    for spec in specs.reversed() {
      let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let field = NormalizedKey(rawValue: parts[0]) else {
        throw .badKeySpec(spec)
      }
      let names = splitList(parts[1])
      guard !names.isEmpty else { throw .badKeySpec(spec) }
      keys.prepend(names, for: field)
    }
    return keys
  }

  /// The query, --since, --until and --request.
  private static func matcher(_ command: LogviewCommand, now: Int64, zone: TimeZoneRule)
    throws(LogviewError) -> RecordMatcher
  {
    let filter: Filter
    do {
      filter = try Query.parse(command.query ?? "").compile(now: now, zone: zone)
    } catch {
      throw .badQuery(error, query: command.query ?? "", option: "--query")
    }
    if let requestId = command.requestId, requestId.isEmpty {
      throw .badOption(option: "--request", value: requestId, expected: "a request ID")
    }
    let since = try bound(command.since, option: "--since", now: now, zone: zone)
    let until = try bound(command.until, option: "--until", now: now, zone: zone)
    // An empty window is a mistake (the two swapped), not a search that finds nothing.
    if let since, let until, since >= until {
      throw .invertedWindow(since: command.since ?? "", until: command.until ?? "")
    }
    return RecordMatcher(
      filter: filter, since: since, until: until, requestId: command.requestId)
  }

  private static func storeOptions(
    _ command: LogviewCommand, matcher: RecordMatcher, environment: [String: String], now: Int64
  ) throws(LogviewError) -> StoreOptions {
    var options = StoreOptions(
      filter: matcher.filter, since: matcher.since, until: matcher.until, now: now,
      follow: command.follow, environment: environment, requestId: command.requestId,
      caFile: command.caFile)
    if let text = command.timeout {
      guard let nanos = DurationReader.parse(text), nanos > 0 else {
        throw .badOption(option: "--timeout", value: text, expected: "a duration like 10s or 2m")
      }
      options.timeoutNanos = nanos
    }
    return options
  }

  /// The command line's value, else the configuration file's, read by `parse`; a bad value
  /// from the file is reported with the file and line it came from.
  private static func setting<T>(
    _ flag: String?, _ name: String, _ config: ConfigFile,
    _ parse: (String?) throws(LogviewError) -> T
  ) throws(LogviewError) -> T {
    guard flag == nil, let value = config.values[name] else { return try parse(flag) }
    do {
      return try parse(value)
    } catch {
      let problem =
        if case .badOption(_, let value, let expected) = error {
          "bad \(name) '\(value)': expected \(expected)"
        } else {
          error.message
        }
      throw .badConfig(path: config.path, line: config.lines[name] ?? 0, problem: problem)
    }
  }

  private static func memoryBudget(_ text: String?) throws(LogviewError) -> MemoryBudget {
    guard let text else { return .systemDefault }
    guard let bytes = parseSize(text), bytes >= MemoryBudget.minimum else {
      throw .badOption(
        option: "--max-memory", value: text,
        expected: "a size of at least \(MemoryBudget.minimum >> 20)M, like 512M or 2G")
    }
    return MemoryBudget(bytes: bytes)
  }

  private static func keepLast(_ text: String?) throws(LogviewError) -> Int? {
    guard let text else { return nil }
    guard let count = parseCount(text), count > 0 else {
      throw .badOption(
        option: "--keep-last", value: text, expected: "a number of records like 500000 or 2M")
    }
    return count
  }

  /// "500000", "500k", "2M" (decimal units: these are records, not bytes).
  static func parseCount(_ text: String) -> Int? {
    parseScaled(text, units: ["K": 1_000, "M": 1_000_000, "G": 1_000_000_000], byteSuffix: false)
  }

  /// "512M", "2G", "100k", "1048576", "1GB" (binary units).
  static func parseSize(_ text: String) -> Int? {
    parseScaled(
      text, units: ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40], byteSuffix: true)
  }

  /// Digits with an optional unit letter (any case; then an optional B for byte sizes).
  private static func parseScaled(_ text: String, units: [Character: Int], byteSuffix: Bool)
    -> Int?
  {
    var digits = Substring(text.trimmingWhitespace().uppercased())
    if byteSuffix, digits.hasSuffix("B") { digits = digits.dropLast() }
    var multiplier = 1
    if let last = digits.last, let unit = units[last] {
      multiplier = unit
      digits = digits.dropLast()
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }), let value = Int(digits)
    else { return nil }
    let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
    return overflow ? nil : product
  }

  private static func splitList(_ text: String) -> [String] {
    text.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
  }

  private static func bound(_ text: String?, option: String, now: Int64, zone: TimeZoneRule)
    throws(LogviewError) -> Int64?
  {
    guard let text else { return nil }
    guard let value = TimestampParser.parseBound(text, now: now, zone: zone) else {
      throw .badTime(option: option, value: text)
    }
    return value
  }

  /// The configuration's `format` lines compiled, in order; a bad one names its line.
  private static func lineFormats(_ config: ConfigFile) throws(LogviewError) -> [any LineFormat] {
    var formats: [any LineFormat] = []
    for format in config.formats {
      do {
        formats.append(try TextFormat(pattern: format.pattern))
      } catch {
        throw .badConfig(
          path: config.path, line: format.line, problem: "bad format pattern: \(error.reason)")
      }
    }
    return formats
  }

  private static func loadConfig(_ explicit: String?, environment: [String: String])
    throws(LogviewError) -> ConfigFile
  {
    let path: String
    if let explicit {
      path = explicit
    } else if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
      path = xdg + "/logview/config"
    } else if let home = environment["HOME"], !home.isEmpty {
      path = home + "/.config/logview/config"
    } else {
      return ConfigFile()
    }
    guard let data = FileContents.read(path) else {
      if explicit != nil {
        throw .badConfig(path: path, line: 0, problem: "cannot read the configuration file")
      }
      return ConfigFile()
    }
    return try ConfigFile.parse(String(decoding: data, as: UTF8.self), path: path)
  }
}
