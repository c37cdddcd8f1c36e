import Testing

@testable import LogviewRemote

@Suite struct JSONElementStreamTests {
  /// answer, path, elements, rest (nil: the same answer with the array emptied is not
  /// checked), found, complete.
  static let cases: [(String, [String], [String], String?, Bool, Bool)] = [
    (
      #"{"took":1,"hits":{"total":2,"hits":[{"_id":"a","x":[1,{"y":"]}"}]},{"_id":"b"}]},"pit_id":"P"}"#,
      ["hits", "hits"], [#"{"_id":"a","x":[1,{"y":"]}"}]}"#, #"{"_id":"b"}"#],
      #"{"took":1,"hits":{"total":2,"hits":[]},"pit_id":"P"}"#, true, true
    ),
    (
      #"{"data":{"result":[1, "a,b" ,true]}}"#, ["data", "result"], ["1", #""a,b""#, "true"],
      #"{"data":{"result":[]}}"#, true, true
    ),
    (
      #"{"h\"its":[1],"hits":{"hits":[{"a":"\\"}]}}"#, ["hits", "hits"], [#"{"a":"\\"}"#],
      #"{"h\"its":[1],"hits":{"hits":[]}}"#, true, true
    ),
    (#"{"error":{"type":"x"}}"#, ["hits", "hits"], [], #"{"error":{"type":"x"}}"#, false, true),
    (
      #"{"hits":{"hits":[{"_id":"a"},{"_id":"#, ["hits", "hits"], [#"{"_id":"a"}"#], nil, true,
      false
    ),
    (#"{"hits":{"hits":[]}}"#, ["hits", "hits"], [], #"{"hits":{"hits":[]}}"#, true, true),
    (
      #"{"hits":{"hits":[{"hits":{"hits":[1]}}]}}"#, ["hits", "hits"], [#"{"hits":{"hits":[1]}}"#],
      #"{"hits":{"hits":[]}}"#, true, true
    ),
    (
      "{\n  \"hits\" : {\n \"hits\" : [ {\"a\":1} ,\n {\"b\":[]} ]\n }\n}", ["hits", "hits"],
      [#"{"a":1}"#, #"{"b":[]}"#], nil, true, true
    ),
    ("<html>not json</html>", ["hits", "hits"], [], nil, false, false),
    (#"{"result":{"hits":[1]}}"#, ["hits", "hits"], [], nil, false, true),
  ]

  /// Split at every place, and byte by byte: the same elements and rest every time.
  @Test(arguments: cases)
  func elementsComeWholeWhereverTheAnswerIsCut(
    _ answer: String, _ path: [String], _ elements: [String], _ rest: String?, _ found: Bool,
    _ complete: Bool
  ) {
    let bytes = Array(answer.utf8)
    var splits = (0...bytes.count).map { [0, $0, bytes.count] }
    splits.append(Array(0...bytes.count))
    for cuts in splits {
      var stream = JSONElementStream(path: path)
      var taken: [String] = []
      for (from, to) in zip(cuts, cuts.dropFirst()) where from < to {
        _ = bytes[from..<to].withUnsafeBytes { piece in
          stream.feed(piece) {
            taken.append(String(decoding: $0, as: UTF8.self))
            return true
          }
        }
      }
      #expect(taken == elements, "cut at \(cuts.prefix(3))")
      if let rest { #expect(String(decoding: stream.rest, as: UTF8.self) == rest) }
      #expect(stream.found == found)
      #expect(stream.complete == complete)
    }
  }

  @Test func aRefusedElementStopsTheReading() {
    var stream = JSONElementStream(path: ["a"])
    var taken = 0
    let answer = Array(#"{"a":[1,2,3]}"#.utf8)
    let went = answer.withUnsafeBytes { all in
      stream.feed(all) { _ in
        taken += 1
        return taken < 2
      }
    }
    #expect(!went)
    #expect(taken == 2)
  }
}
