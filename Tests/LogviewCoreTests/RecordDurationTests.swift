import Testing

@testable import LogviewCore

/// A record's duration, as the latency report and the request view read it: the first of
/// `DurationReader.keys` the record has, in that key's unit, Go duration strings as written.
@Suite struct RecordDurationTests {
  static let cases: [(line: String, nanos: Int64?)] = [
    (#"{"durationMs":339}"#, 339_000_000),
    (#"{"duration_ms":91.5}"#, 91_500_000),
    (#"{"latency_ms":"12"}"#, 12_000_000),
    (#"{"took":42}"#, 42_000_000),
    (#"{"elapsed":0.25}"#, 250_000_000),
    (#"{"request_time":"0.004"}"#, 4_000_000),
    (#"{"elapsed":"1.5s"}"#, 1_500_000_000),
    (#"{"latency":"350ms"}"#, 350_000_000),
    (#"{"duration":"1h2m3.5s"}"#, 3_723_500_000_000),
    (#"{"duration":"12µs"}"#, 12_000),
    (#"{"log":"{\"durationMs\":7}\n","stream":"stdout"}"#, 7_000_000),
    // The first key found wins, even when it is no duration.
    (#"{"durationMs":5,"elapsed":9}"#, 5_000_000),
    (#"{"durationMs":"soon","elapsed":9}"#, nil),
    (#"{"durationMs":-3}"#, nil),
    (#"{"message":"took 35ms"}"#, nil),
    ("took=35 ms plain text", nil),
  ]

  @Test(arguments: cases)
  func durationOfRecord(_ line: String, _ nanos: Int64?) {
    let normalizer = Normalizer()
    let bytes = Array(line.utf8)
    bytes.withUnsafeBytes { raw in
      normalizer.withRecord(raw, needs: .text) { record in
        #expect(DurationReader.nanos(of: record) == nanos, "\(line)")
      }
    }
  }
}
