import FuzzSupport
import LogviewCore
import LogviewQuery

/// A filter through the parser and compiler, then over a few records: the input's text up
/// to a NUL byte is the query, anything after it one more record. Every shortcut RecordMatcher
/// takes (the byte test, fields left unparsed, the level table, the anchor) decides each
/// record as plain evaluation over a fully normalized record does; the text a store is asked
/// for (`storeTerms`) is in every match; a quoted phrase always parses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let input = UnsafeRawBufferPointer(start: data, count: size)
  let cut = input.firstIndex(of: 0) ?? size
  let text = String(decoding: input[0..<cut], as: UTF8.self)
  QueryFuzz.checkQuote(text)
  guard let query = try? Query.parse(text),
    let filter = try? query.compile(now: QueryFuzz.now, zone: QueryFuzz.zone)
  else { return 0 }
  _ = filter.reads
  _ = filter.requestIdEquals
  let matcher = RecordMatcher(filter: filter)
  let texts = QueryFuzz.textTerms(filter)
  for record in QueryFuzz.records {
    record.withUnsafeBytes { QueryFuzz.check(matcher, texts, on: $0) }
  }
  if cut < size {
    QueryFuzz.check(matcher, texts, on: UnsafeRawBufferPointer(rebasing: input[(cut + 1)...]))
  }
  return 0
}

enum QueryFuzz {
  /// 2024-03-15T10:00:30Z, just after the records' times.
  static let now: Int64 = 1_710_496_830_000_000_000
  static let zone = TimeZoneRule(offsetSeconds: 3600) ?? .utc
  nonisolated(unsafe) static let normalizer = Normalizer()
  nonisolated(unsafe) static let shortcutNormalizer = Normalizer()

  /// One of each shape the normalizer knows, from Fixtures/.
  static let records: [[UInt8]] = [
    #"{"timestamp":"2024-03-15T10:00:01.500Z","level":"error","service":"checkout-api","requestId":"req_7f42a9c1","durationMs":2451,"message":"payment failed","error":{"code":"provider_timeout","retry":true},"user.id":42}"#,
    #"{"level":30,"time":1710496801533,"name":"payment-service","reqId":"req_f57ebc3a","durationMs":284,"amount":{"value":6340,"currency":"EUR"},"msg":"payment \"authorized\" \u00e9"}"#,
    #"{"log":"{\"level\":\"warn\",\"msg\":\"slow query\",\"elapsed\":\"1.2s\"}\n","stream":"stderr","time":"2024-03-15T10:00:00.012345678Z"}"#,
    #"{"__REALTIME_TIMESTAMP":"1710496800123456","PRIORITY":"3","SYSLOG_IDENTIFIER":"sshd","MESSAGE":[104,105,0,255]}"#,
    #"{"@t":"2024-03-15T10:00:00.1234567Z","@mt":"Polling {Queue} every {Interval}","@l":"Verbose","Queue":"orders","Interval":"00:00:05"}"#,
    "2024-03-15 10:00:00,130 ERROR worker failed to charge order 88121\nTraceback (most recent call last):\n  File \"/app/worker.py\", line 42, in charge\nTimeoutError: acme-pay timed out after 2400 ms",
    "W0315 10:00:02.500000    4242 server.go:88] slow handler: 1834ms",
    "Mar 15 10:00:03 web-1 sshd[811]: Invalid user admin from 10.0.0.7 port 52113",
    "",
  ].map { Array($0.utf8) }

  /// The matcher with its shortcuts against the filter over a record normalized in full.
  static func check(
    _ matcher: RecordMatcher, _ texts: [SubstringSearch], on text: UnsafeRawBufferPointer
  ) {
    let firstLine = RecordSplitter.firstLineLength(of: text)
    let expected = normalizer.withRecord(text, firstLineLength: firstLine, needs: .all) {
      matcher.filter.matches($0)
    }
    if matcher.filter.rejectsByBytes(text) {
      fuzzExpect(!expected, "the byte test rejects a matching record")
    }
    let decided = matcher.matches(
      text, firstLineLength: firstLine, normalizer: shortcutNormalizer)
    fuzzExpect(decided == expected, "the matcher says \(decided), the filter \(expected)")
    var taken = false
    let kept = matcher.withMatch(
      text, firstLineLength: firstLine, normalizer: shortcutNormalizer, needs: .all
    ) { _ in taken = true }
    fuzzExpect(kept == expected && taken == kept, "withMatch says \(kept), the filter \(expected)")
    if expected, let anchor = matcher.anchor, !anchor.search.occurs(in: text) {
      fuzzExpect(text.contains(UInt8(ascii: "\\")), "a match without the anchor or a backslash")
    }
    for term in texts where expected {
      fuzzExpect(term.occurs(in: text), "a match without the store's text \(term.needle)")
    }
  }

  /// The text terms a store would be asked for, as the searches they stand for.
  static func textTerms(_ filter: Filter) -> [SubstringSearch] {
    filter.storeTerms.terms.compactMap {
      guard case .text(let text, let ignoringCase) = $0 else { return nil }
      return SubstringSearch(text, ignoringCase: ignoringCase)
    }
  }

  /// Any text quoted as a phrase parses (the command line quotes what it builds filters of).
  static func checkQuote(_ text: String) {
    let quoted = Query.quote(text)
    do {
      _ = try Query.parse(quoted)
    } catch {
      fuzzExpect(false, "quoted phrase does not parse: \(error)")
    }
  }
}

@main enum Main {
  static func main() { FuzzDriver.run(fuzzQuery) }
}
