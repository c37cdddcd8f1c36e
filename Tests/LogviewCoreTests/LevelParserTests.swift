import Testing

@testable import LogviewCore

struct LevelParserTests {
  static let names: [(String, Level?)] = [
    ("trace", .trace), ("TRACE", .trace), ("Trace", .trace), ("trc", .trace), ("TRC", .trace),
    ("trce", .trace), ("T", .trace), ("t", .trace), ("finer", .trace), ("FINEST", .trace),
    ("debug", .debug), ("DEBUG", .debug), ("Debug", .debug), ("dbg", .debug), ("DBUG", .debug),
    ("D", .debug), ("verbose", .debug), ("Verbose", .debug), ("V", .debug), ("fine", .debug),
    ("CONFIG", .debug),
    ("info", .info), ("INFO", .info), ("Info", .info), ("inf", .info), ("I", .info),
    ("information", .info), ("Information", .info), ("informational", .info), ("notice", .info),
    ("NOTICE", .info), ("success", .info),
    // winston's npm levels: silly is its lowest, verbose sits above debug.
    ("silly", .trace), ("SILLY", .trace), ("Silly", .trace),
    ("warn", .warn), ("WARN", .warn), ("warning", .warn), ("Warning", .warn), ("WARNING", .warn),
    ("wrn", .warn), ("W", .warn), ("w", .warn),
    ("error", .error), ("ERROR", .error), ("Error", .error), ("err", .error), ("ERR", .error),
    ("E", .error), ("severe", .error), ("SEVERE", .error), ("fail", .error),
    ("fatal", .fatal), ("FATAL", .fatal), ("Fatal", .fatal), ("ftl", .fatal), ("F", .fatal),
    ("critical", .fatal), ("CRITICAL", .fatal), ("crit", .fatal), ("alert", .fatal),
    ("emergency", .fatal), ("emerg", .fatal), ("panic", .fatal), ("PNC", .fatal),
    ("dpanic", .fatal),
    ("DPANIC", .fatal),
    (" info ", .info), ("\twarn\n", .warn), ("  ERROR", .error),
    ("10", .trace), ("20", .debug), ("30", .info), ("35", .info), ("40", .warn), ("50", .error),
    ("60", .fatal), ("70", .fatal), (" 30 ", .info), ("0030", .info),
    ("0", nil), ("5", nil), ("9", nil), ("-30", nil), ("3.0", nil), ("30x", nil),
    ("99999999999999", nil),
    ("DEFAULT", nil), ("default", nil), ("", nil), ("   ", nil), ("eror", .error),
    ("warnings", nil),
    ("inform", nil), ("errors", nil), ("fatality", nil), ("X", nil), ("in", nil), ("de", nil),
    ("tracer", nil), ("debugger", nil), ("info!", nil), ("[info]", nil), ("in fo", nil),
    ("informationalx", nil), ("é", nil), ("ｉｎｆｏ", nil), ("LOG", nil), ("ok", nil),
    ("sill", nil), ("sillyx", nil),
    // winston's http is a level only in a level field (`field: true`): in text it starts URLs.
    ("http", nil), ("HTTP", nil),
  ]

  @Test(arguments: names)
  func parsesNames(_ text: String, _ expected: Level?) {
    #expect(LevelParser.parse(text) == expected, "\(text)")
    let viaBytes = Array(text.utf8).withUnsafeBytes { LevelParser.parse(text: $0) }
    #expect(viaBytes == expected, "\(text)")
  }

  /// A level field's value: every name, and winston's http as info.
  static let fields: [(String, Level?)] = [
    ("http", .info), ("HTTP", .info), (" http\t", .info), ("info", .info), ("silly", .trace),
    ("verbose", .debug), ("30", .info), ("https", nil), ("htt", nil), ("h", nil), ("", nil),
  ]

  @Test(arguments: fields)
  func parsesFieldValues(_ text: String, _ expected: Level?) {
    let level = Array(text.utf8).withUnsafeBytes { LevelParser.parse(text: $0, field: true) }
    #expect(level == expected, "\(text)")
  }

  /// Serilog's `@l`: Verbose is its lowest level (trace); the other names as everywhere.
  static let serilog: [(String, Level?)] = [
    ("Verbose", .trace), ("verbose", .trace), (" Verbose\n", .trace), ("VERBOSE", .trace),
    ("Debug", .debug), ("Information", .info), ("Warning", .warn), ("Error", .error),
    ("Fatal", .fatal), ("V", .debug), ("verbosex", nil), ("", nil),
  ]

  @Test(arguments: serilog)
  func parsesSerilogLevels(_ text: String, _ expected: Level?) {
    let level = Array(text.utf8).withUnsafeBytes { LevelParser.parseSerilog(text: $0) }
    #expect(level == expected, "\(text)")
  }

  static let bunyan: [(Int64, Level?)] = [
    (Int64.min, nil), (-10, nil), (0, nil), (9, nil), (10, .trace), (19, .trace), (20, .debug),
    (29, .debug), (30, .info), (35, .info), (39, .info), (40, .warn), (49, .warn), (50, .error),
    (59, .error), (60, .fatal), (61, .fatal), (100, .fatal), (Int64.max, .fatal),
  ]

  @Test(arguments: bunyan)
  func mapsBunyanNumbers(_ n: Int64, _ expected: Level?) {
    #expect(LevelParser.fromBunyan(n) == expected)
  }

  static let syslog: [(Int64, Level?)] = [
    (-1, nil), (0, .fatal), (1, .fatal), (2, .fatal), (3, .error), (4, .warn), (5, .info),
    (6, .info), (7, .debug), (8, nil), (Int64.max, nil), (Int64.min, nil),
  ]

  @Test(arguments: syslog)
  func mapsSyslogPriorities(_ n: Int64, _ expected: Level?) {
    #expect(LevelParser.fromSyslog(n) == expected)
  }

  static let otel: [(Int64, Level?)] = [
    (0, nil), (-1, nil), (1, .trace), (4, .trace), (5, .debug), (8, .debug), (9, .info),
    (12, .info), (13, .warn), (16, .warn), (17, .error), (20, .error), (21, .fatal), (24, .fatal),
    (25, nil), (Int64.max, nil),
  ]

  @Test(arguments: otel)
  func mapsOpenTelemetrySeverities(_ n: Int64, _ expected: Level?) {
    #expect(LevelParser.fromOpenTelemetry(n) == expected)
  }
}
