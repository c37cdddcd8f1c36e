import Foundation
import Testing

@testable import LogviewSystem

@Suite(.serialized) struct ProcessEnvironmentTests {
  @Test func seesVariablesSetInTheProcess() {
    setenv("LOGVIEW_TEST_VARIABLE", "a=b c", 1)
    defer { unsetenv("LOGVIEW_TEST_VARIABLE") }
    #expect(ProcessEnvironment.current()["LOGVIEW_TEST_VARIABLE"] == "a=b c")
    #expect(ProcessEnvironment.current()["PATH"] == ProcessInfo.processInfo.environment["PATH"])
  }
}
