import Testing

@testable import LogviewTriage

/// Samples kept per service in order of first appearance, records without a duration
/// counted apart, pieces merged.
@Suite struct LatencySamplesTests {
  @Test func servicesInOrderOfFirstRecord() {
    var samples = LatencySamples()
    samples.append(nanos: 5, service: "b")
    samples.append(nanos: 7, service: "a")
    samples.append(nanos: nil, service: "a")
    samples.append(nanos: 9, service: "b")
    #expect(samples.services == [Array("b".utf8), Array("a".utf8)])
    #expect(samples.count == 3)
    #expect(samples.missing == 1)
    #expect(samples.histograms.map(\.totalCount) == [2, 1])
  }

  @Test func mergeAddsServicesAndCounts() {
    var left = LatencySamples()
    left.append(nanos: 5, service: "a")
    var right = LatencySamples()
    right.append(nanos: 5, service: "a")
    right.append(nanos: 8, service: "c")
    right.append(nanos: nil, service: "c")
    left.merge(right)
    #expect(left.services == [Array("a".utf8), Array("c".utf8)])
    #expect(left.histograms.map(\.totalCount) == [2, 1])
    #expect(left.missing == 1)
  }
}
