import Testing

@testable import LogviewRemote

struct LokiPageTests {
  @Test func mergesStreamsByTimeAndDecodesLines() throws {
    let body = #"""
      {"status":"success","data":{"resultType":"streams","result":[
        {"stream":{"app":"a"},"values":[["3","a3"],["1","a1 \"q\""]]},
        {"stream":{"app":"b"},"values":[["2","b2"],["3","b3",{"trace":"x"}]]}],
       "stats":{}}}
      """#
    let page = try LokiPage.parse(Array(body.utf8), endpoint: "loki://t")
    #expect(page.streams.map { $0.map(\.value) } == [["a"], ["b"]])
    #expect(page.entries.map(\.nanos) == [1, 2, 3, 3])
    #expect(
      page.entries.map { String(decoding: $0.line, as: UTF8.self) } == [
        #"a1 "q""#, "b2", "a3", "b3",
      ])
  }

  /// Read as it streams, in pieces cut anywhere: the same page as read whole.
  @Test func piecesGiveTheWholeAnswersPage() throws {
    let body = Array(
      #"{"status":"success","data":{"resultType":"streams","result":[{"stream":{"app":"a"},"values":[["3","a3"],["1","a]1"]]},{"stream":{"app":"b"},"values":[["2","b2"]]}],"stats":{}}}"#
        .utf8)
    let whole = try LokiPage.parse(body, endpoint: "loki://t")
    for cut in stride(from: 1, to: body.count, by: 7) {
      var reader = LokiPage.Reader(endpoint: "loki://t")
      for piece in [body[..<cut], body[cut...]] {
        let read = piece.withUnsafeBytes { raw in
          Result { () throws(StoreError) in try reader.read(raw) }
        }
        try read.get()
      }
      let page = try reader.finish()
      #expect(page.entries == whole.entries)
      #expect(page.streams.map { $0.map(\.value) } == [["a"], ["b"]])
    }
  }

  /// body, a fragment of the error.
  static let malformed: [(String, String)] = [
    ("<html>busy</html>", "not a Loki query answer"),
    (#"{"status":"success","data":{"resultType":"streams","result":[{"stream":"#, "not a Loki"),
    (#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#, "metric queries"),
    (
      #"{"status":"success","data":{"resultType":"streams","result":[{"stream":{},"values":[[1,"x"]]}]}}"#,
      "<nanoseconds>"
    ),
    (#"{"status":"error","error":"x"}"#, "not a Loki query answer"),
  ]

  @Test(arguments: malformed)
  func refusesMalformedAnswers(_ body: String, _ fragment: String) {
    #expect {
      try LokiPage.parse(Array(body.utf8), endpoint: "loki://t")
    } throws: { error in
      "\(error)".contains(fragment) && "\(error)".contains("loki://t")
    }
  }

  @Test func labelsWithoutDataAreNone() throws {
    #expect(try LokiPage.parseLabels(Array(#"{"status":"success"}"#.utf8), endpoint: "l") == [])
    #expect(
      try LokiPage.parseLabels(
        Array(#"{"status":"success","data":["app","env"]}"#.utf8), endpoint: "l")
        == ["app", "env"])
  }

  @Test(arguments: [
    ("max entries limit per query exceeded, limit > max_entries_limit (5000 > 100)", 100),
    ("something else (5000 > 100)", nil),
  ])
  func readsTheServersLimit(_ message: String, _ expected: Int?) {
    #expect(LokiPager.serverLimit(message) == expected)
  }
}
