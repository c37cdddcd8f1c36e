import Testing

@testable import LogviewUI

@Suite struct RateMeterTests {
  @Test func countsArrivalsPerSecondAndIgnoresRebasedLoads() {
    var meter = RateMeter()
    let second: Int64 = 1_000_000_000
    meter.record(now: 10 * second, total: 0)
    meter.rebase(total: 1_000_000)
    meter.record(now: 10 * second + 1, total: 1_000_010)
    meter.record(now: 11 * second, total: 1_000_030)
    #expect(meter.perSecond == 10)
    meter.record(now: 12 * second, total: 1_000_030)
    #expect(meter.perSecond == 20)
    #expect(meter.sparkline.count == 3)
  }
}
