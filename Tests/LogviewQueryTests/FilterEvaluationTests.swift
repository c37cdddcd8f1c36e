import LogviewCore
import Testing

@testable import LogviewQuery

/// Filters run over real records (JSON lines and raw text lines) through the Normalizer.
@Suite struct FilterEvaluationTests {
  /// 2024-03-15T12:00:00Z.
  static let now: Int64 = 1_710_504_000 * 1_000_000_000

  static let lines: [String] = [
    // 0
    #"{"timestamp":"2024-03-15T10:00:00.000Z","level":"info","service":"checkout","requestId":"req_1","message":"order placed","durationMs":120,"user":{"id":42,"name":"Ann"},"ok":true}"#,
    // 1
    #"{"timestamp":"2024-03-15T10:00:01.000Z","level":"error","service":"payment-service","requestId":"req_7f42","message":"Gateway Timeout from provider","durationMs":2400,"error":{"code":"provider_timeout"},"status":504}"#,
    // 2
    #"{"time":"2024-03-15T10:00:02Z","level":"warn","service":"payment-service","requestId":"req_7f42","msg":"retrying payment, declined once","durationMs":"1500","ok":false,"path":"/v1/orders/123"}"#,
    // 3
    #"{"ts":1710496803,"lvl":"debug","svc":"auth","trace_id":"abc","message":"token \"refreshed\" ok","error.code":"flat_code","x":null}"#,
    // 4
    "2024-03-15 10:00:04,000 ERROR worker crashed: timed out after 30s",
    // 5
    "plain text line without level, contains TIMEOUT in caps",
    // 6
    #"{"timestamp":"2024-03-15T10:00:06Z","level":"fatal","service":"checkout","message":"caf\u00e9 closed","path":"/v2/users","status":"500"}"#,
  ]

  /// query -> indices of the lines it keeps.
  static let cases: [(String, Set<Int>)] = [
    ("", [0, 1, 2, 3, 4, 5, 6]),
    ("timeout", [1, 5]),
    ("Timeout", [1]),
    (#""gateway timeout""#, [1]),
    (#""Gateway Timeout""#, [1]),
    ("/time(d)? ?out/i", [1, 4, 5]),
    ("/timed out/", [4]),
    ("/^plain/", [5]),
    ("level>=warn", [1, 2, 4, 6]),
    // Durations: a literal with units reads the field in the unit its name implies.
    ("durationMs>1s", [1, 2]),
    ("durationMs>=2.4s", [1]),
    ("durationMs<200ms", [0]),
    ("durationMs>1000", [1, 2]),
    ("level=error", [1, 4]),
    ("level:ERROR", [1, 4]),
    ("level=err", [1, 4]),
    ("level<info", [3]),
    ("level!=info", [1, 2, 3, 4, 6]),
    ("level in (warn, fatal)", [2, 6]),
    ("level:*", [0, 1, 2, 3, 4, 6]),
    ("not exists(level)", [5]),
    ("service=payment-service", [1, 2]),
    ("service=checkout", [0, 6]),
    ("service=auth", [3]),
    ("service!=checkout", [1, 2, 3]),
    ("service in (checkout, auth)", [0, 3, 6]),
    ("durationMs>1000", [1, 2]),
    ("durationMs>=120 durationMs<2000", [0, 2]),
    ("durationMs=120.0", [0]),
    ("error.code=provider_timeout", [1]),
    ("error.code:flat_code", [3]),
    ("error.code:*", [1, 3]),
    ("exists(error)", [1]),
    ("errorCode:*", []),
    ("not exists(path)", [0, 1, 3, 4, 5]),
    ("path!:*", [0, 1, 3, 4, 5]),
    ("user.id:42", [0]),
    ("user.id in (41 42)", [0]),
    ("user.name=Ann", [0]),
    ("user.name=ann", []),
    ("user.name>A", [0]),
    ("user.name~AN", [0]),
    ("msg~declined", [2]),
    ("msg!~ok", [0, 1, 2, 4, 5, 6]),
    ("message~REFRESHED", [3]),
    (#"message="token \"refreshed\" ok""#, [3]),
    (#"path=~"^/v1/orders/[0-9]+$""#, [2]),
    (#"path!=~"^/v1""#, [6]),
    (#"path=~/^\/V2/i"#, [6]),
    ("path=/v2/users", [6]),
    ("status>=500 and not service=auth", [1, 6]),
    ("status>=500 or level=debug", [1, 3, 6]),
    ("status=504", [1]),
    (#"status="504""#, [1]),
    ("status=500", [6]),
    ("ok=true", [0]),
    ("ok=false", [2]),
    ("ok!=true", [2]),
    ("x=null", [3]),
    ("rid=req_7f42", [1, 2]),
    ("requestId=req_1", [0]),
    ("rid=abc", [3]),
    ("ts>=2024-03-15T10:00:02Z", [2, 3, 4, 6]),
    ("ts<2024-03-15T10:00:02Z", [0, 1]),
    ("ts:*", [0, 1, 2, 3, 4, 6]),
    ("since:2024-03-15T10:00:03Z", [3, 4, 6]),
    ("until:10:00:01", [0]),
    ("since:-2h", [0, 1, 2, 3, 4, 6]),
    ("since:7198s", [2, 3, 4, 6]),
    ("ts>=-15m", []),
    ("(level=error or level=fatal) service=checkout", [6]),
    ("level=error || level=fatal && service=checkout", [1, 4, 6]),
    ("!timeout", [0, 2, 3, 4, 6]),
    ("NOT timeout AND service:checkout", [0, 6]),
    ("café", []),  // the raw line holds "caf\u00e9"
    ("msg~café", [6]),
    (#"msg="café closed""#, [6]),
    ("msg:*", [0, 1, 2, 3, 4, 5, 6]),
  ]

  @Test(arguments: cases)
  func keeps(_ query: String, _ expected: Set<Int>) throws {
    let filter = try Query.parse(query).compile(now: Self.now, zone: .utc)
    #expect(Self.matching(filter) == expected)
  }

  static func matching(_ filter: Filter) -> Set<Int> {
    let normalizer = Normalizer()
    var kept: Set<Int> = []
    for (index, line) in lines.enumerated() {
      let bytes = Array(line.utf8)
      let keep = bytes.withUnsafeBytes { buffer in
        normalizer.withRecord(buffer) { filter.matches($0) }
      }
      if keep { kept.insert(index) }
    }
    return kept
  }

  /// One compiled filter (with a regex) used from several threads at once.
  @Test func sharedAcrossThreads() async throws {
    let filter = try Query.parse("/time(d)? ?out/i or level>=warn").compile(
      now: Self.now, zone: .utc)
    await withTaskGroup(of: Set<Int>.self) { group in
      for _ in 0..<4 { group.addTask { Self.matching(filter) } }
      for await kept in group { #expect(kept == [1, 2, 4, 5, 6]) }
    }
  }

  @Test func allKeepsEverything() {
    #expect(Self.matching(.all) == Set(Self.lines.indices))
    #expect(Filter.all.matchesEverything)
  }

  /// query, matchesEverything, usesOnlyLevel, requestIdEquals
  static let properties: [(String, Bool, Bool, String?)] = [
    ("", true, true, nil),
    ("  ", true, true, nil),
    ("level>=error", false, true, nil),
    ("level in (warn, error) or not level=debug", false, true, nil),
    ("level>=error timeout", false, false, nil),
    ("ts>=-15m", false, false, nil),
    ("rid=req_7f42", false, false, "req_7f42"),
    ("requestId:\"a b\"", false, false, "a b"),
    ("rid=12345", false, false, "12345"),
    ("rid=a level=error", false, false, nil),
    ("rid!=a", false, false, nil),
    ("rid~a", false, false, nil),
  ]

  @Test(arguments: properties)
  func describesItself(_ query: String, _ everything: Bool, _ onlyLevel: Bool, _ rid: String?)
    throws
  {
    let filter = try Query.parse(query).compile(now: Self.now, zone: .utc)
    #expect(filter.matchesEverything == everything)
    #expect(filter.usesOnlyLevel == onlyLevel)
    #expect(filter.requestIdEquals == rid)
  }

  /// Errors found when compiling: query, column, message fragment.
  static let compileErrors: [(String, Int, String)] = [
    ("level=errro", 7, "unknown level 'errro'"),
    ("level in (warn, nope)", 17, "unknown level 'nope'"),
    ("ts>=yesterday", 5, "invalid time 'yesterday'"),
    ("since:soon", 7, "invalid time 'soon'"),
    ("/a(b/", 1, "invalid regex"),
    (#"path=~"a(b""#, 7, "invalid regex: missing closing parenthesis at offset 3 in the pattern"),
    ("level~err", 6, "'~' does not apply to level"),
    ("ts =~ /x/", 4, "'=~' does not apply to ts"),
    ("since>5m", 1, "since takes a time"),
    ("ts in (1, 2)", 1, "'in' does not apply to ts"),
  ]

  @Test(arguments: compileErrors)
  func rejectsAtCompile(_ query: String, _ column: Int, _ fragment: String) throws {
    let parsed = try Query.parse(query)
    #expect {
      try parsed.compile(now: Self.now, zone: .utc)
    } throws: { error in
      guard let error = error as? QueryError else { return false }
      return error.column == column && error.message.contains(fragment)
    }
  }
}
