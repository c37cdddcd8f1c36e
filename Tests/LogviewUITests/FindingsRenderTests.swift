import Foundation
import LogviewCore
import LogviewTestSupport
import Testing

@testable import LogviewUI

/// Secrets and personal data in the explorer: the gutter's flags beside the marks, the status
/// line's counts, and --redact on rows, details and copy.
@Suite struct FindingsRenderTests {
  static func screen(_ state: AppState, _ data: ViewData, width: Int = 160) -> [String] {
    AppView(palette: Palette(colors: false), zone: .utc).render(
      state: state, data: data, rate: RateMeter(), width: width, height: 30
    ).lines()
  }

  @Test func gutterFlagsAndStatusCounts() throws {
    let data = try UITestData.data(["secrets/app.log"])
    var state = ReducerTests.run([.char("g")], data: data)
    // Nothing counted yet: no gutter, as before.
    var lines = Self.screen(state, data)
    #expect(lines[1].hasPrefix("10:00:00.120"), "\(lines[1])")
    state.findings = FindingCounts(secrets: 10, pii: 7, counting: false)
    lines = Self.screen(state, data)
    #expect(lines[0].contains(" · 10 with secrets · 7 with PII · "), "\(lines[0])")
    #expect(lines[1].hasPrefix("  10:00:00.120"), "\(lines[1])")
    #expect(lines[2].hasPrefix(" !10:00:00.184"), "\(lines[2])")
    #expect(lines[3].hasPrefix(" •10:00:00.190"), "\(lines[3])")
    // A mark shares the gutter.
    state = ReducerTests.run([.char("j"), .char("m")], state: state, data: data)
    lines = Self.screen(state, data)
    #expect(lines[2].hasPrefix("▌!10:00:00.184"), "\(lines[2])")
    state.findings.counting = true
    #expect(Self.screen(state, data)[0].contains("7 with PII…"))
  }

  @Test func redactionMasksRowsDetailsAndCopy() throws {
    let data = try UITestData.data(["secrets/app.log"])
    data.redact = true
    var state = ReducerTests.run(
      [.char("g"), .char("j"), .enter], data: data, width: 160, height: 30)
    let text = Self.screen(state, data).joined(separator: "\n")
    #expect(text.contains("password: [REDACTED:secret-field]"), "\(text)")
    #expect(text.contains("login ok for [REDACTED:email]"))
    #expect(!text.contains("hunter2") && !text.contains("jane.doe@example.com"))
    state = ReducerTests.run([.char("y")], state: state, data: data, width: 160, height: 30)
    let copied = String(decoding: state.clipboard ?? [], as: UTF8.self)
    #expect(copied.contains(#""password":"[REDACTED:secret-field]""#), "\(copied)")
  }
}
